"""The signed Bitstring Status List credentials (revocation, suspension) that every certificate's
``credentialStatus`` points at. A list is signed when first asked for and kept in the cache until
a certificate on it changes status (``status_lists_changed``), so revoking shows at once."""

import re

from django.core.cache import cache
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from . import signing
from .bitstrings import LIST_LENGTH, encode
from .credentials import PURPOSES, status_list_url
from .models import Certificate

NAME_PATTERN = re.compile(r"^(?P<purpose>revocation|suspension)-(?P<number>[1-9][0-9]{0,5})$")
_CACHE_KEY = "certificates:status-list:{name}"


def _set_indexes(purpose: str, first: int) -> set[int]:
    column = "revoked_at" if purpose == "revocation" else "suspended_at"
    certificates = Certificate.objects.filter(
        **{f"{column}__isnull": False},
        status_index__gte=first,
        status_index__lt=first + LIST_LENGTH,
    )
    return {index - first for index in certificates.values_list("status_index", flat=True)}


def status_list_credential(name: str) -> dict | None:
    """The signed list called ``name`` (e.g. revocation-1), or None when there is no such list."""
    match = NAME_PATTERN.match(name)
    if match is None:
        return None
    number = int(match["number"])
    highest = Certificate.objects.aggregate(highest=Max("status_index"))["highest"] or 0
    if number > highest // LIST_LENGTH + 1:
        return None
    key = _CACHE_KEY.format(name=name)
    document = cache.get(key)
    if document is None:
        purpose = match["purpose"]
        url = status_list_url(name)
        now = timezone.now().replace(microsecond=0)
        unsigned = {
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "id": url,
            "type": ["VerifiableCredential", "BitstringStatusListCredential"],
            "issuer": signing.did_web(),
            "validFrom": now.isoformat().replace("+00:00", "Z"),
            "credentialSubject": {
                "id": f"{url}#list",
                "type": "BitstringStatusList",
                "statusPurpose": purpose,
                "encodedList": encode(_set_indexes(purpose, (number - 1) * LIST_LENGTH)),
            },
        }
        document = signing.sign(unsigned).document
        cache.set(key, document, timeout=24 * 3600)
    return document


def status_lists_changed(index: int | None = None) -> None:
    """Forget the cached lists (those holding ``index``, or all) once the change is committed."""

    def forget():
        highest = Certificate.objects.aggregate(highest=Max("status_index"))["highest"] or 0
        numbers = (
            [index // LIST_LENGTH + 1]
            if index is not None
            else range(1, highest // LIST_LENGTH + 2)
        )
        cache.delete_many(
            [_CACHE_KEY.format(name=f"{purpose}-{n}") for purpose in PURPOSES for n in numbers]
        )

    transaction.on_commit(forget)
