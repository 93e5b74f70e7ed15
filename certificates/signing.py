"""The site's Ed25519 signing keys: the current private key (never in the database) and the
public half of every key it has ever used (``SigningKey`` rows, published in the DID document),
so that rotating or retiring a key keeps what it signed verifiable.

The private key is a file (``MULOQOT_SIGNING_KEY_PATH``) or, on servers that share nothing, the
PEM text itself from the environment or a secret store (``MULOQOT_SIGNING_KEY_PEM``, set from
``CERTIFICATE_SIGNING_KEY_PEM``), so every web and task server signs with the same key without
copying files between them.
"""

import datetime
import hashlib
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from .dataintegrity import proof_create, public_key_multibase
from .models import SigningKey

_cache: dict[str, Ed25519PrivateKey] = {}


def did_web() -> str:
    """The site's did:web identifier, from its public address (a port is written %3A)."""
    base = settings.WAGTAILADMIN_BASE_URL.split("://", 1)[-1].rstrip("/")
    host, _, path = base.partition("/")
    parts = [host.replace(":", "%3A"), *[part for part in path.split("/") if part]]
    return "did:web:" + ":".join(parts)


def did_document_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("did_document")


def method_id(key: SigningKey | str) -> str:
    """The verificationMethod of a key: the DID and the key's Multikey as fragment."""
    multibase = key if isinstance(key, str) else key.public_key_multibase
    return f"{did_web()}#{multibase}"


def key_from_environment() -> bool:
    """True when the private key comes from the environment, not from a file."""
    return bool(getattr(settings, "MULOQOT_SIGNING_KEY_PEM", ""))


def new_private_pem() -> bytes:
    """A new Ed25519 private key as unencrypted PKCS#8 PEM."""
    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def signing_key_create(path: Path, *, overwrite: bool = False) -> Path:
    if path.exists() and not overwrite:
        raise FileExistsError(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = new_private_pem()
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(pem)
    tmp.chmod(0o600)
    tmp.replace(path)
    _cache.clear()
    return path


def _pem_from_environment() -> bytes:
    """The PEM text of MULOQOT_SIGNING_KEY_PEM; a one-line value may write its line breaks as
    ``\\n`` (environment files and secret stores often keep values on one line)."""
    text = settings.MULOQOT_SIGNING_KEY_PEM.strip().replace("\\n", "\n")
    return text.encode("ascii", "replace") + b"\n"


def _parse_private(pem: bytes, source: str) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(f"{source} is not an unencrypted PEM private key.") from error
    if not isinstance(key, Ed25519PrivateKey):
        raise ImproperlyConfigured(f"{source} is not an Ed25519 private key.")
    return key


def _load_private() -> Ed25519PrivateKey:
    if key_from_environment():
        pem = _pem_from_environment()
        cache_key = "pem:" + hashlib.sha256(pem).hexdigest()
        key = _cache.get(cache_key)
        if key is None:
            key = _cache[cache_key] = _parse_private(pem, "CERTIFICATE_SIGNING_KEY_PEM")
        return key
    path = Path(settings.MULOQOT_SIGNING_KEY_PATH)
    key = _cache.get(str(path))
    if key is None:
        if not path.exists():
            raise ImproperlyConfigured(
                f"No certificate signing key at {path}. Run `manage.py create_signing_key`."
            )
        key = _cache[str(path)] = _parse_private(path.read_bytes(), str(path))
    return key


def current_public_multibase() -> str | None:
    """The current key's Multikey, or None when this machine holds no key (read only)."""
    try:
        return public_key_multibase(_load_private().public_key())
    except ImproperlyConfigured:
        return None


def current_key() -> SigningKey:
    """The row of the key in the key file, registered the first time it signs."""
    multibase = public_key_multibase(_load_private().public_key())
    key, _ = SigningKey.objects.get_or_create(public_key_multibase=multibase)
    if key.retired_at is not None or key.compromised_since is not None:
        raise ImproperlyConfigured(
            "The signing key file holds a retired key. Run `manage.py rotate_signing_key`."
        )
    return key


@dataclass(frozen=True)
class Signed:
    document: dict
    key: SigningKey
    created: str


def sign(document: dict) -> Signed:
    """``document`` with an eddsa-jcs-2022 proof by the current key."""
    key = current_key()
    created = timezone.now().replace(microsecond=0).isoformat().replace("+00:00", "Z")
    signed = proof_create(
        document, _load_private(), verification_method=method_id(key), created=created
    )
    return Signed(document=signed, key=key, created=created)


@transaction.atomic
def rotate(*, compromised_since=None) -> tuple[SigningKey, list[SigningKey]]:
    """Retire the current key (compromised from ``compromised_since`` if given) and start a new
    one: (new key, old keys). The old private key file is overwritten: nothing signs with it
    again, and its public half stays published.

    When the key comes from the environment this process cannot write a new one: the operator
    has already put the new key there (on every server), and rotating retires every other key
    that is still current."""
    if key_from_environment():
        return _retire_others(compromised_since=compromised_since)
    now = timezone.now()
    old_multibase = current_public_multibase()
    old = None
    if old_multibase is not None:
        old, _ = SigningKey.objects.get_or_create(public_key_multibase=old_multibase)
        old.retired_at = old.retired_at or now
        if compromised_since is not None:
            old.compromised_since = compromised_since
        old.save(update_fields=["retired_at", "compromised_since"])
    signing_key_create(Path(settings.MULOQOT_SIGNING_KEY_PATH), overwrite=True)
    return current_key(), [old] if old is not None else []


def _retire_others(*, compromised_since=None) -> tuple[SigningKey, list[SigningKey]]:
    multibase = public_key_multibase(_load_private().public_key())
    current, _ = SigningKey.objects.get_or_create(public_key_multibase=multibase)
    if current.retired_at is not None or current.compromised_since is not None:
        raise ImproperlyConfigured(
            "CERTIFICATE_SIGNING_KEY_PEM holds a retired key: put a new key there first "
            "(`manage.py create_signing_key --print`)."
        )
    now = timezone.now()
    olds = list(
        SigningKey.objects.select_for_update()
        .exclude(pk=current.pk)
        .filter(retired_at__isnull=True)
        .order_by("created_at")
    )
    for old in olds:
        old.retired_at = now
        if compromised_since is not None:
            old.compromised_since = compromised_since
        old.save(update_fields=["retired_at", "compromised_since"])
    return current, olds


def _timestamp(moment) -> str:
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def did_document() -> dict:
    """The did:web document: every key ever used, as a Multikey verification method. A retired
    key has ``expires`` (proofs made later fail), a compromised one ``revoked``."""
    did = did_web()
    methods, ids = [], []
    keys = list(SigningKey.objects.all())
    current = current_public_multibase()
    if current is not None and all(key.public_key_multibase != current for key in keys):
        keys.append(SigningKey(public_key_multibase=current))
    for key in keys:
        method = {
            "id": method_id(key),
            "type": "Multikey",
            "controller": did,
            "publicKeyMultibase": key.public_key_multibase,
        }
        if key.retired_at is not None:
            method["expires"] = _timestamp(key.retired_at)
        if key.compromised_since is not None:
            method["revoked"] = _timestamp(key.compromised_since)
        methods.append(method)
        ids.append(method["id"])
    return {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": ids,
    }


def parse_timestamp(text: str):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
