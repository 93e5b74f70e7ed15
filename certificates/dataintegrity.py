"""W3C Data Integrity proofs with the ``eddsa-jcs-2022`` cryptosuite, and Multikey encodings.

Pure functions over JSON-like dicts (no Django, no database), so that the offline verifier runs
anywhere. The steps follow "Data Integrity EdDSA Cryptosuites v1.0" §3.3: canonicalise the proof
options and the document without its proof with JCS (RFC 8785), hash each with SHA-256, sign the
concatenation hash(proof options) || hash(document) with Ed25519, and write the signature as a
base58-btc multibase string ('z...').
"""

import hashlib

import base58
import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

CRYPTOSUITE = "eddsa-jcs-2022"
PROOF_TYPE = "DataIntegrityProof"
# Multicodec prefixes (varint) of a raw Ed25519 public and secret key.
ED25519_PUB = b"\xed\x01"
ED25519_PRIV = b"\x80\x26"


class ProofError(ValueError):
    """The document carries no proof this module can check (wrong shape, suite or encoding)."""


def multibase_encode(data: bytes) -> str:
    return "z" + base58.b58encode(data).decode("ascii")


def multibase_decode(text: str) -> bytes:
    if not isinstance(text, str) or not text.startswith("z"):
        raise ProofError("not a base58-btc multibase value")
    try:
        return base58.b58decode(text[1:])
    except ValueError as error:
        raise ProofError("not a base58-btc multibase value") from error


def public_key_multibase(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return multibase_encode(ED25519_PUB + raw)


def public_key_from_multibase(text: str) -> Ed25519PublicKey:
    data = multibase_decode(text)
    if not data.startswith(ED25519_PUB) or len(data) != 34:
        raise ProofError("not an Ed25519 Multikey")
    return Ed25519PublicKey.from_public_bytes(data[2:])


def private_key_from_multibase(text: str) -> Ed25519PrivateKey:
    data = multibase_decode(text)
    if not data.startswith(ED25519_PRIV) or len(data) != 34:
        raise ProofError("not an Ed25519 secret Multikey")
    return Ed25519PrivateKey.from_private_bytes(data[2:])


def _hash_data(document: dict, proof_config: dict) -> bytes:
    try:
        return (
            hashlib.sha256(rfc8785.dumps(proof_config)).digest()
            + hashlib.sha256(rfc8785.dumps(document)).digest()
        )
    except (rfc8785.CanonicalizationError, TypeError, ValueError) as error:
        raise ProofError(f"cannot canonicalise: {error}") from error


def proof_create(
    document: dict, key: Ed25519PrivateKey, *, verification_method: str, created: str
) -> dict:
    """A copy of ``document`` with a proof (assertionMethod) by ``key``."""
    unsecured = {name: value for name, value in document.items() if name != "proof"}
    proof = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": "assertionMethod",
    }
    if "@context" in unsecured:
        proof["@context"] = unsecured["@context"]
    signature = key.sign(_hash_data(unsecured, proof))
    return {**unsecured, "proof": {**proof, "proofValue": multibase_encode(signature)}}


def proof_of(document: dict) -> dict:
    """The document's single eddsa-jcs-2022 proof, or ProofError."""
    proof = document.get("proof") if isinstance(document, dict) else None
    if not isinstance(proof, dict):
        raise ProofError("the document has no proof")
    if proof.get("type") != PROOF_TYPE or proof.get("cryptosuite") != CRYPTOSUITE:
        raise ProofError("the proof is not a DataIntegrityProof with eddsa-jcs-2022")
    for name in ("verificationMethod", "proofValue", "created", "proofPurpose"):
        if not isinstance(proof.get(name), str):
            raise ProofError(f"the proof has no {name}")
    return proof


def proof_verify(document: dict, key: Ed25519PublicKey) -> bool:
    """Whether the proof on ``document`` was made by ``key`` over exactly this document.

    Raises ProofError when there is no checkable proof at all."""
    proof = proof_of(document)
    if proof["proofPurpose"] != "assertionMethod":
        return False
    unsecured = {name: value for name, value in document.items() if name != "proof"}
    if "@context" in proof and proof["@context"] != unsecured.get("@context"):
        return False  # the spec requires the proof's context to be the document's
    config = {name: value for name, value in proof.items() if name != "proofValue"}
    signature = multibase_decode(proof["proofValue"])
    try:
        key.verify(signature, _hash_data(unsecured, config))
    except InvalidSignature:
        return False
    return True
