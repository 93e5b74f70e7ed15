"""Each certificate as a signed W3C Verifiable Credential 2.0 / Open Badges 3.0
``OpenBadgeCredential``: issuer = the site's did:web, proof = eddsa-jcs-2022, status = one entry in
the revocation and one in the suspension Bitstring Status List.

The credential is built and signed once (at issue, or when a compromised key forces a re-sign) and
stored; the verification .json and the learner's download serve the stored copy.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from core import scripts
from core.translit import to_cyrillic

from . import signing
from .bitstrings import LIST_LENGTH
from .models import Certificate
from .records import verify_url

CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
PURPOSES = ("revocation", "suspension")


def status_list_name(purpose: str, index: int) -> str:
    return f"{purpose}-{index // LIST_LENGTH + 1}"


def status_list_url(name: str) -> str:
    path = reverse("certificates:status_list", kwargs={"name": name})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _status_entries(index: int) -> list[dict]:
    entries = []
    for purpose in PURPOSES:
        url = status_list_url(status_list_name(purpose, index))
        entries.append(
            {
                "id": f"{url}#{index % LIST_LENGTH}",
                "type": "BitstringStatusListEntry",
                "statusPurpose": purpose,
                "statusListIndex": str(index % LIST_LENGTH),
                "statusListCredential": url,
            }
        )
    return entries


def _criteria(certificate: Certificate) -> str:
    """What earned the badge, in the holder's language (and Uzbek script)."""
    with translation.override(certificate.language):
        text = gettext("Completed every required lesson of the course “%(course)s”.") % {
            "course": certificate.course_title
        }
    if certificate.language == scripts.UZBEK and scripts.script_for_user(certificate.user) == (
        scripts.CYRILLIC
    ):
        text = to_cyrillic(text)
    return text


def _date_time(day) -> str:
    """Midnight of a certificate date where it was issued (the site's time zone, with offset)."""
    midnight = datetime.datetime.combine(day, datetime.time.min)
    return timezone.make_aware(midnight).isoformat()


def unsigned_credential(certificate: Certificate) -> dict:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    did = signing.did_web()
    issuer = {"id": did, "type": ["Profile"], "name": certificate.issuer_name, "url": base + "/"}
    course_url = certificate.course.url or "/"
    credential = {
        "@context": CONTEXT,
        "id": verify_url(certificate),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": certificate.course_title,
        "issuer": issuer,
        "validFrom": _date_time(certificate.issued_on),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": certificate.holder_name,
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "identifier",
                    "hashed": False,
                    "identityHash": certificate.code,
                }
            ],
            "achievement": {
                "id": base + course_url,
                "type": ["Achievement"],
                "name": certificate.course_title,
                "description": certificate.course.summary or certificate.course_title,
                "criteria": {"narrative": _criteria(certificate)},
                "creator": issuer,
                "inLanguage": certificate.language,
            },
        },
        "credentialStatus": _status_entries(certificate.status_index),
    }
    if certificate.expires_on:
        credential["validUntil"] = _date_time(certificate.expires_on)
    return credential


@transaction.atomic
def credential_sign(certificate: Certificate) -> Certificate:
    """Build, sign and store the certificate's credential (its status index set on first use)."""
    if certificate.status_index is None:
        # The row's id is unique and never reused: a status index nobody else has.
        certificate.status_index = certificate.pk
    signed = signing.sign(unsigned_credential(certificate))
    certificate.credential = signed.document
    certificate.signing_key = signed.key
    certificate.signed_at = signing.parse_timestamp(signed.created)
    certificate.save(update_fields=["status_index", "credential", "signing_key", "signed_at"])
    return certificate


def credential_matches(certificate: Certificate) -> bool:
    """Whether the stored credential states what the certificate's record states (no query)."""
    credential = certificate.credential or {}
    subject = credential.get("credentialSubject") or {}
    achievement = subject.get("achievement") or {}
    expected_until = _date_time(certificate.expires_on) if certificate.expires_on else None
    return (
        subject.get("name") == certificate.holder_name
        and achievement.get("name") == certificate.course_title
        and (credential.get("issuer") or {}).get("name") == certificate.issuer_name
        and credential.get("validFrom") == _date_time(certificate.issued_on)
        and credential.get("validUntil") == expected_until
        and credential.get("id") == verify_url(certificate)
    )
