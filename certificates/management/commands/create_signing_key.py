import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from certificates.signing import (
    current_public_multibase,
    key_from_environment,
    new_private_pem,
    signing_key_create,
)


class Command(BaseCommand):
    help = (
        "Create the Ed25519 key that signs certificate data, at MULOQOT_SIGNING_KEY_PATH "
        "(CERTIFICATE_SIGNING_KEY). Keep it secret and backed up: certificates signed with a lost "
        "key can no longer be checked. With --print, write a new key to standard output instead, "
        "for CERTIFICATE_SIGNING_KEY_PEM in a secret store shared by every server."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-missing", action="store_true", help="Do nothing when the key already exists."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=(
                "Replace an existing key. Prefer rotate_signing_key, which keeps old "
                "certificates valid."
            ),
        )
        parser.add_argument(
            "--print",
            action="store_true",
            help="Write a new key (PEM) to standard output and store nothing.",
        )

    def handle(self, *args, if_missing, force, print, **options):
        if print:
            sys.stdout.write(new_private_pem().decode("ascii"))
            return
        if key_from_environment():
            if if_missing:
                self.stdout.write(
                    "The signing key comes from CERTIFICATE_SIGNING_KEY_PEM. "
                    f"Public key: {current_public_multibase()}"
                )
                return
            raise CommandError(
                "The signing key comes from CERTIFICATE_SIGNING_KEY_PEM; no file is written. "
                "Use --print to make a new key for it."
            )
        path = Path(settings.MULOQOT_SIGNING_KEY_PATH)
        if path.exists() and not force:
            if if_missing:
                self.stdout.write(f"Signing key already at {path}.")
                return
            raise CommandError(f"A key already exists at {path}; use --force to replace it.")
        signing_key_create(path, overwrite=force)
        self.stdout.write(
            self.style.SUCCESS(f"Created {path}. Public key: {current_public_multibase()}")
        )
