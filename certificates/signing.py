"""Ed25519 signatures over a certificate's public record, checkable offline.

The signed message is the record serialised as canonical JSON (sorted keys, no spaces, UTF-8),
so that anyone can re-create it from the .json document and check the signature with the public
key published beside it.
"""

import base64
import json
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

ALGORITHM = "Ed25519"
_cache: dict[str, Ed25519PrivateKey] = {}


def canonical(record: dict) -> bytes:
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def signing_key_create(path: Path, *, overwrite: bool = False) -> Path:
    if path.exists() and not overwrite:
        raise FileExistsError(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    path.write_bytes(pem)
    path.chmod(0o600)
    _cache.clear()
    return path


def _load_private() -> Ed25519PrivateKey:
    path = Path(settings.MULOQOT_SIGNING_KEY_PATH)
    key = _cache.get(str(path))
    if key is None:
        if not path.exists():
            raise ImproperlyConfigured(
                f"No certificate signing key at {path}. Run `manage.py create_signing_key`."
            )
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ImproperlyConfigured(f"{path} is not an Ed25519 private key.")
        _cache[str(path)] = key
    return key


def public_key_b64() -> str:
    raw = (
        _load_private()
        .public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )
    return base64.b64encode(raw).decode()


def sign(record: dict) -> str:
    return base64.b64encode(_load_private().sign(canonical(record))).decode()


def verify(record: dict, signature_b64: str, public_key: str) -> bool:
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key, validate=True))
        key.verify(base64.b64decode(signature_b64, validate=True), canonical(record))
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True
