import re

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management.base import BaseCommand

from certificates.credentials import credential_sign
from certificates.models import Certificate, pdf_name
from certificates.tasks import certificate_render_request

# Where PDFs were kept before they became private: MEDIA_ROOT/certificates/<year>/<code>.pdf.
PUBLIC_PDF = re.compile(r"^certificates/\d{4}/")


class Command(BaseCommand):
    help = (
        "Bring certificates issued before signed credentials and private PDFs up to date: give "
        "each its W3C credential, and move its PDF from the public media directory to private "
        "storage under a random name (run by `make run` and on deploy; safe to run again)."
    )

    def handle(self, *args, **options):
        signed = moved = 0
        missing = Certificate.objects.filter(credential__isnull=True)
        for certificate in missing.select_related("course", "user").iterator():
            credential_sign(certificate)
            signed += 1
        public = storages["default"]
        for certificate in Certificate.objects.filter(pdf__regex=PUBLIC_PDF.pattern).iterator():
            old = certificate.pdf.name
            if certificate.revoked_at is None and public.exists(old):
                with public.open(old, "rb") as file:
                    certificate.pdf.save(pdf_name(certificate, old), ContentFile(file.read()))
            else:
                Certificate.objects.filter(pk=certificate.pk).update(pdf="")
                if certificate.revoked_at is None:
                    certificate_render_request(certificate.pk)
            if public.exists(old):
                public.delete(old)
            moved += 1
        self.stdout.write(
            self.style.SUCCESS(f"{signed} certificates signed, {moved} PDFs made private.")
        )
