from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from certificates.selectors import certificate_for_code
from certificates.services import certificate_revoke, certificate_suspend, certificate_unsuspend


class Command(BaseCommand):
    help = (
        "Revoke a certificate (or suspend it, or lift a suspension), as the admin action does: "
        "recorded in the audit log, and the published status list changes at once."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="the certificate's code, e.g. MQ-7KD4-Q9XA")
        parser.add_argument("--reason", default="", help="why (required to revoke or suspend)")
        parser.add_argument("--suspend", action="store_true", help="suspend instead of revoking")
        parser.add_argument("--lift", action="store_true", help="lift a suspension")
        parser.add_argument("--by", help="the administrator's username (for the audit log)")

    def handle(self, *args, code, reason, suspend, lift, by, **options):
        certificate = certificate_for_code(code)
        if certificate is None:
            raise CommandError(f"No certificate with code {code}.")
        user = None
        if by:
            user = get_user_model().objects.filter(username=by).first()
            if user is None:
                raise CommandError(f"No user {by}.")
        try:
            if lift:
                certificate_unsuspend(certificate=certificate, by=user)
                done = "suspension lifted"
            elif suspend:
                certificate_suspend(certificate=certificate, by=user, reason=reason)
                done = "suspended"
            else:
                certificate_revoke(certificate=certificate, by=user, reason=reason)
                done = "revoked"
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(f"{certificate.code}: {done}."))
