"""Checking a saved Muloqot credential without Muloqot: no database, no signing key.

Everything comes from the credential itself, the issuer's DID document (did:web) and the status
list credentials it points at; each may be given as a file or fetched over HTTPS. The answer is
GENUINE (every check passed), NOT_GENUINE (a check failed: altered, unknown or compromised key,
revoked, suspended, expired) or UNKNOWN (a check could not be made, e.g. no network).
"""

import datetime
import json
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field

from .bitstrings import BitstringError, bit_is_set
from .dataintegrity import ProofError, proof_of, proof_verify, public_key_from_multibase

GENUINE, NOT_GENUINE, UNKNOWN = 0, 1, 2


class Unreachable(Exception):
    """A document could not be fetched or read."""


def did_web_url(did: str) -> str:
    """Where a did:web document lives (W3C did:web method, §3.2 Read)."""
    parts = did.split(":")[2:]
    if not parts or not parts[0]:
        raise ValueError(f"{did} is not a did:web identifier")
    host = parts[0].replace("%3A", ":").replace("%3a", ":")
    path = "/".join(parts[1:]) if len(parts) > 1 else ".well-known"
    return f"https://{host}/{path}/did.json"


def fetch_json(url: str) -> dict:
    if not url.startswith(("https://", "http://")):
        raise Unreachable(f"{url} is not a web address")
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310 - http(s) only, checked above
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return json.loads(response.read(5_000_000))
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise Unreachable(f"could not fetch {url}: {error}") from error


@dataclass
class Verdict:
    outcome: int = GENUINE
    reasons: list[str] = field(default_factory=list)

    def fail(self, reason: str) -> "Verdict":
        self.outcome = NOT_GENUINE
        self.reasons.append(reason)
        return self

    def unknown(self, reason: str) -> None:
        if self.outcome == GENUINE:
            self.outcome = UNKNOWN
        self.reasons.append(reason)


def _moment(text) -> datetime.datetime:
    value = datetime.datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=datetime.UTC)


def _method(did_document: dict, did: str, method_id: str) -> dict | None:
    if not isinstance(did_document, dict) or did_document.get("id") != did:
        return None
    allowed = did_document.get("assertionMethod") or []
    for method in did_document.get("verificationMethod") or []:
        if (
            isinstance(method, dict)
            and method.get("id") == method_id
            and method.get("controller") == did
            and method_id in allowed
        ):
            return method
    return None


def proof_check(document: dict, did: str, did_document: dict) -> str | None:
    """None when ``document``'s proof is by a key of ``did`` that was valid when it signed,
    else the reason it is not."""
    try:
        proof = proof_of(document)
    except ProofError as error:
        return str(error)
    method = _method(did_document, did, proof["verificationMethod"])
    if method is None:
        return f"the signing key {proof['verificationMethod']} is not one of {did}'s keys"
    try:
        key = public_key_from_multibase(method.get("publicKeyMultibase"))
        created = _moment(proof["created"])
        if not proof_verify(document, key):
            return "the signature does not match the data (it was altered)"
    except (ProofError, ValueError) as error:
        return f"the proof cannot be checked: {error}"
    if method.get("revoked") and created >= _moment(method["revoked"]):
        return f"the signing key was compromised (from {method['revoked']}); do not trust it"
    if method.get("expires") and created > _moment(method["expires"]):
        return f"signed after its key was retired ({method['expires']})"
    return None


def credential_verify(
    document: dict,
    *,
    did_document: dict | None = None,
    status_lists: dict[str, dict] | None = None,
    fetch: Callable[[str], dict] = fetch_json,
    now: datetime.datetime | None = None,
) -> Verdict:
    """Check a credential; ``did_document`` and ``status_lists`` (by URL) are fetched if absent."""
    verdict = Verdict()
    now = now or datetime.datetime.now(datetime.UTC)
    if isinstance(document, dict) and isinstance(document.get("credential"), dict):
        document = document["credential"]  # as saved from /certificates/verify/<code>.json
    if not isinstance(document, dict) or "VerifiableCredential" not in (document.get("type") or []):
        return verdict.fail("not a verifiable credential")
    issuer = document.get("issuer")
    did = issuer.get("id") if isinstance(issuer, dict) else issuer
    if not isinstance(did, str) or not did.startswith("did:web:"):
        return verdict.fail("the issuer is not a did:web identifier")
    if did_document is None:
        try:
            did_document = fetch(did_web_url(did))
        except (Unreachable, ValueError) as error:
            verdict.unknown(f"could not check the signature: {error}")
            return verdict
    reason = proof_check(document, did, did_document)
    if reason:
        return verdict.fail(reason)
    try:
        if _moment(document["validFrom"]) > now:
            verdict.fail("not valid yet")
        if document.get("validUntil") and _moment(document["validUntil"]) <= now:
            verdict.fail(f"expired on {document['validUntil'][:10]}")
    except (KeyError, ValueError):
        verdict.fail("the validity dates cannot be read")
    entries = document.get("credentialStatus") or []
    entries = entries if isinstance(entries, list) else [entries]
    for entry in entries:
        _status_check(entry, did, did_document, status_lists or {}, fetch, verdict, now)
    return verdict


def _status_check(entry, did, did_document, status_lists, fetch, verdict, now) -> None:
    try:
        url = entry["statusListCredential"]
        purpose = entry["statusPurpose"]
        index = int(entry["statusListIndex"])
    except (KeyError, TypeError, ValueError):
        verdict.fail("a credentialStatus entry cannot be read")
        return
    status_list = status_lists.get(url)
    if status_list is None:
        try:
            status_list = fetch(url)
        except Unreachable as error:
            verdict.unknown(f"could not check {purpose}: {error}")
            return
    issuer = status_list.get("issuer") if isinstance(status_list, dict) else None
    issuer = issuer.get("id") if isinstance(issuer, dict) else issuer
    if issuer != did or status_list.get("id") != url:
        verdict.fail(f"the {purpose} list at {url} is not the issuer's")
        return
    reason = proof_check(status_list, did, did_document)
    if reason:
        verdict.fail(f"the {purpose} list is not genuine: {reason}")
        return
    subject = status_list.get("credentialSubject") or {}
    if subject.get("statusPurpose") != purpose:
        verdict.fail(f"the list at {url} is not a {purpose} list")
        return
    if status_list.get("validUntil") and _moment(status_list["validUntil"]) <= now:
        verdict.unknown(f"the {purpose} list has expired; fetch a fresh one")
        return
    try:
        if bit_is_set(subject.get("encodedList"), index):
            verdict.fail("revoked" if purpose == "revocation" else "suspended")
    except BitstringError as error:
        verdict.fail(f"the {purpose} list cannot be read: {error}")
