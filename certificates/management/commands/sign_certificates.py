from django.core.management.base import BaseCommand

from certificates.credentials import credential_sign
from certificates.models import Certificate


class Command(BaseCommand):
    help = (
        "Give every certificate issued before signed credentials existed its W3C credential "
        "(run by `make run` and on deploy; safe to run again: signed ones are left alone)."
    )

    def handle(self, *args, **options):
        signed = 0
        missing = Certificate.objects.filter(credential__isnull=True)
        for certificate in missing.select_related("course", "user").iterator():
            credential_sign(certificate)
            signed += 1
        self.stdout.write(self.style.SUCCESS(f"{signed} certificates signed."))
