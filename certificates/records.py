"""The public record of a certificate: what the verification page and .json show, signed."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from . import signing
from .models import Certificate


def verify_url(certificate: Certificate) -> str:
    path = reverse("certificates:verify", kwargs={"code": certificate.code})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


RECORD_FIELDS = ("code", "id", "holder", "course", "issuer", "issued", "expires")


def public_record(certificate: Certificate) -> dict:
    """What was certified, signed at issue: nothing personal beyond the printed name."""
    return {
        "code": certificate.code,
        "id": str(certificate.uuid),
        "holder": certificate.holder_name,
        "course": certificate.course_title,
        "issuer": certificate.issuer_name,
        "issued": certificate.issued_on.isoformat(),
        "expires": certificate.expires_on.isoformat() if certificate.expires_on else None,
    }


def signature_checks(certificate: Certificate) -> bool:
    """Whether the signature made at issue still matches the record as stored today."""
    if not certificate.signature:
        return False
    return signing.verify(
        public_record(certificate), certificate.signature, signing.public_key_b64()
    )


def signed_document(certificate: Certificate) -> dict:
    """The .json document: the signed record, and its status at the time of asking."""
    return {
        "status": certificate.status_on(timezone.localdate()),
        **public_record(certificate),
        "revoked": certificate.revoked_at.date().isoformat() if certificate.revoked_at else None,
        "url": verify_url(certificate),
        "signature": {
            "algorithm": signing.ALGORITHM,
            "public_key": signing.public_key_b64(),
            "value": certificate.signature,
        },
    }


def document_check(document: dict) -> tuple[bool, str]:
    """(genuine, reason) for a document saved from the .json address."""
    try:
        record = {field: document[field] for field in RECORD_FIELDS}
        signature = document["signature"]
        algorithm, public_key, value = (
            signature["algorithm"],
            signature["public_key"],
            signature["value"],
        )
    except (KeyError, TypeError):
        return False, "not a Muloqot certificate document"
    if algorithm != signing.ALGORITHM:
        return False, f"unknown signature algorithm {algorithm!r}"
    if public_key != signing.public_key_b64():
        return False, "signed with a different key than this site's"
    if not signing.verify(record, value, public_key):
        return False, "the signature does not match the data (it was altered)"
    return True, "genuine"
