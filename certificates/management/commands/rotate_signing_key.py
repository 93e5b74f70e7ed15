import datetime

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from certificates.credentials import credential_sign
from certificates.models import Certificate, SigningKey
from certificates.signing import rotate
from certificates.status_lists import status_lists_changed


def _moment(text: str) -> datetime.datetime:
    try:
        value = datetime.datetime.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"{text!r} is not a date or date and time (ISO 8601).") from error
    return value if timezone.is_aware(value) else timezone.make_aware(value)


class Command(BaseCommand):
    help = (
        "Start a new certificate signing key. The old key stays published in /.well-known/did.json "
        "so that what it signed still verifies. With --compromised-since, the old key is "
        "published as compromised from that moment: what it signed since then fails everywhere, "
        "and those certificates are signed again with the new key. When the key comes from "
        "CERTIFICATE_SIGNING_KEY_PEM, put the new key there on every server first "
        "(create_signing_key --print makes one); rotating then retires every other key."
    )

    def add_arguments(self, parser):
        parser.add_argument("--list", action="store_true", help="list the keys and stop")
        parser.add_argument(
            "--compromised-since",
            metavar="WHEN",
            help="the old key may be in other hands from this date or time (ISO 8601)",
        )

    def handle(self, *args, list, compromised_since, **options):
        if list:
            for key in SigningKey.objects.all():
                state = (
                    f"compromised since {key.compromised_since:%Y-%m-%d %H:%M}"
                    if key.compromised_since
                    else f"retired {key.retired_at:%Y-%m-%d %H:%M}"
                    if key.retired_at
                    else "current"
                )
                self.stdout.write(
                    f"{key.public_key_multibase}  from {key.created_at:%Y-%m-%d %H:%M}  {state}  "
                    f"{key.certificates.count()} certificates"
                )
            return
        since = _moment(compromised_since) if compromised_since else None
        try:
            new, olds = rotate(compromised_since=since)
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"New signing key {new.public_key_multibase}."))
        for old in olds:
            self.stdout.write(f"Retired {old.public_key_multibase}.")
            if since is None:
                continue
            resigned = 0
            affected = Certificate.objects.filter(signing_key=old, signed_at__gte=since)
            for certificate in affected.select_related("course", "user").iterator():
                credential_sign(certificate)
                resigned += 1
            self.stdout.write(
                f"{old.public_key_multibase} is compromised since {since:%Y-%m-%d %H:%M}; "
                f"{resigned} certificates signed again with the new key (their holders should "
                "download the credential again)."
            )
        status_lists_changed()  # cached lists were signed with the old key
