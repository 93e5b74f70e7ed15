"""An Open Badges 3.0 (W3C Verifiable Credential) description of a certificate."""

from django.conf import settings

from .models import Certificate
from .records import verify_url


def open_badge(certificate: Certificate) -> dict:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    credential = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": verify_url(certificate),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": certificate.course_title,
        "issuer": {
            "id": base + "/",
            "type": ["Profile"],
            "name": certificate.issuer_name,
        },
        "validFrom": f"{certificate.issued_on.isoformat()}T00:00:00Z",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": certificate.holder_name,
            "achievement": {
                "id": base + certificate.course.url if certificate.course.url else base + "/",
                "type": ["Achievement"],
                "name": certificate.course_title,
                "description": certificate.course.summary,
                "criteria": {"narrative": "Completed every required lesson of the course."},
            },
        },
    }
    if certificate.expires_on:
        credential["validUntil"] = f"{certificate.expires_on.isoformat()}T00:00:00Z"
    return credential
