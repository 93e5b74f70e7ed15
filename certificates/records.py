"""The public record of a certificate: what the verification page and .json show."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from .models import Certificate


def verify_url(certificate: Certificate) -> str:
    path = reverse("certificates:verify", kwargs={"code": certificate.code})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def public_record(certificate: Certificate) -> dict:
    """What was certified: nothing personal beyond the printed name."""
    return {
        "code": certificate.code,
        "id": str(certificate.uuid),
        "holder": certificate.holder_name,
        "course": certificate.course_title,
        "issuer": certificate.issuer_name,
        "issued": certificate.issued_on.isoformat(),
        "expires": certificate.expires_on.isoformat() if certificate.expires_on else None,
    }


def signed_document(certificate: Certificate, *, did_url: str) -> dict:
    """The .json document: the record, its status at the time of asking, and the signed
    credential (what `manage.py verify_certificate` and any W3C verifier check)."""
    return {
        "status": certificate.status_on(timezone.localdate()),
        **public_record(certificate),
        "revoked": certificate.revoked_at.date().isoformat() if certificate.revoked_at else None,
        "url": verify_url(certificate),
        "did_document": did_url,
        "credential": certificate.credential,
    }
