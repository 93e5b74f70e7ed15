import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from certificates.verifying import (
    GENUINE,
    NOT_GENUINE,
    UNKNOWN,
    Unreachable,
    credential_verify,
    fetch_json,
)


def _load(source: str) -> dict:
    """A JSON document from a file or a web address."""
    if source.startswith(("https://", "http://")):
        return fetch_json(source)
    try:
        return json.loads(Path(source).read_text(encoding="utf-8"))
    except OSError as error:
        raise Unreachable(f"cannot read {source}: {error.strerror}") from error
    except ValueError as error:
        raise Unreachable(f"{source} is not JSON: {error}") from error


class Command(BaseCommand):
    help = (
        "Check a certificate credential (saved from /certificates/verify/<code>.json or the "
        "learner's download) without this site's database or key: its signature against the "
        "issuer's did:web keys, its dates, and the revocation and suspension lists. Exit 0: "
        "genuine and valid; 1: not (the reason is printed); 2: a check could not be made."
    )
    # Runs on a verifier's machine: no database, no system checks.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", help="the saved credential (JSON)")
        parser.add_argument(
            "--did", help="the issuer's DID document, a file or URL (default: fetched via did:web)"
        )
        parser.add_argument(
            "--issuer",
            metavar="DID",
            help="the issuer you expect, e.g. did:web:muloqot.uz (anyone can run a did:web site "
            "and sign a look-alike; without this option, read the DID printed)",
        )
        parser.add_argument(
            "--status",
            action="append",
            default=[],
            help="a status list credential, a file or URL (repeat for each; default: fetched)",
        )

    def handle(self, *args, file, did, issuer, status, **options):
        try:
            document = _load(file)
            did_document = _load(did) if did else None
            lists = [_load(source) for source in status]
        except Unreachable as error:
            raise CommandError(str(error), returncode=UNKNOWN) from error
        status_lists = {item.get("id"): item for item in lists if isinstance(item, dict)}
        verdict = credential_verify(document, did_document=did_document, status_lists=status_lists)
        credential = document.get("credential", document) if isinstance(document, dict) else {}
        issuer_id = credential.get("issuer")
        issuer_id = issuer_id.get("id") if isinstance(issuer_id, dict) else issuer_id
        if issuer and verdict.outcome != NOT_GENUINE and issuer_id != issuer:
            raise CommandError(
                f"Not genuine: issued by {issuer_id}, not by {issuer}.", returncode=NOT_GENUINE
            )
        if verdict.outcome == GENUINE:
            subject = credential.get("credentialSubject", {})
            self.stdout.write(
                self.style.SUCCESS(
                    f"Genuine and valid: {subject.get('name')}, "
                    f"“{subject.get('achievement', {}).get('name')}”, issued by "
                    f"{credential.get('issuer', {}).get('name')} ({issuer_id}) on "
                    f"{str(credential.get('validFrom'))[:10]}."
                )
            )
            return
        label = "Not genuine" if verdict.outcome != UNKNOWN else "Cannot tell"
        raise CommandError(f"{label}: {'; '.join(verdict.reasons)}.", returncode=verdict.outcome)
