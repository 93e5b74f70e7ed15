from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from certificates.signing import current_public_multibase, signing_key_create


class Command(BaseCommand):
    help = (
        "Create the Ed25519 key that signs certificate data, at MULOQOT_SIGNING_KEY_PATH "
        "(CERTIFICATE_SIGNING_KEY). Keep it secret and backed up: certificates signed with a lost "
        "key can no longer be checked."
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

    def handle(self, *args, if_missing, force, **options):
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
