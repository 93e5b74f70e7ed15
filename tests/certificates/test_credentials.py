"""Certificates as signed W3C credentials that anyone can check without Muloqot."""

import copy
import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.utils import timezone

from certificates import signing
from certificates.models import Certificate
from certificates.services import certificate_issue, certificate_revoke
from certificates.verifying import GENUINE, NOT_GENUINE, credential_verify, did_web_url
from courses.models import Enrolment

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def certificate(completed):
    return certificate_issue(enrolment=completed)


def _another(make_user, course, name="Rahimova Dilnoza"):
    user = make_user(name.split()[0].lower(), full_name=name)
    now = timezone.now()
    enrolment = Enrolment.objects.create(
        user=user, course=course, enrolled_at=now, completed_at=now
    )
    return certificate_issue(enrolment=enrolment)


def _published(client, credential) -> tuple[dict, dict]:
    """The DID document and the status lists as a verifier downloads them."""
    did = client.get("/.well-known/did.json").json()
    lists = {}
    for entry in credential["credentialStatus"]:
        url = entry["statusListCredential"]
        lists[url] = client.get(url).json()
    return did, lists


def _verify(client, credential):
    did, lists = _published(client, credential)
    return credential_verify(credential, did_document=did, status_lists=lists)


def test_the_credential_is_an_open_badge_signed_by_the_sites_did(certificate):
    credential = certificate.credential
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["issuer"]["id"] == "did:web:testserver"
    assert credential["issuer"]["name"] == certificate.issuer_name
    subject = credential["credentialSubject"]
    assert subject["name"] == "Karimov Bahodir Bahromovich"
    assert subject["achievement"]["name"] == certificate.course_title
    assert subject["achievement"]["creator"]["name"] == certificate.issuer_name
    assert "kurs" in subject["achievement"]["criteria"]["narrative"].lower()  # Uzbek, the course's
    proof = credential["proof"]
    assert proof["cryptosuite"] == "eddsa-jcs-2022"
    assert proof["verificationMethod"] == signing.method_id(certificate.signing_key)
    purposes = {entry["statusPurpose"] for entry in credential["credentialStatus"]}
    assert purposes == {"revocation", "suspension"}
    assert credential["validUntil"].startswith(certificate.expires_on.isoformat())


def test_did_document_publishes_the_key(client, certificate):
    response = client.get("/.well-known/did.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "max-age" in response["Cache-Control"]
    document = response.json()
    assert document["id"] == "did:web:testserver"
    method = document["verificationMethod"][0]
    assert method["type"] == "Multikey"
    assert method["publicKeyMultibase"] == certificate.signing_key.public_key_multibase
    assert method["id"] in document["assertionMethod"]
    assert did_web_url("did:web:example.uz%3A8443") == "https://example.uz:8443/.well-known/did.json"


def test_a_genuine_credential_verifies(client, certificate):
    verdict = _verify(client, certificate.credential)
    assert verdict.outcome == GENUINE, verdict.reasons


def _leaves(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, index))
    else:
        yield path


def _changed(value):
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str) and value[-1:].isdigit():
        return value[:-1] + str((int(value[-1]) + 1) % 10)
    return f"{value}x"


def test_changing_any_field_of_the_credential_is_detected(client, certificate):
    """Every leaf: name, dates, status index, issuer, proof options, the proof value itself."""
    original = certificate.credential
    did, lists = _published(client, original)
    paths = list(_leaves(original))
    assert len(paths) > 30
    for path in paths:
        tampered = copy.deepcopy(original)
        target = tampered
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = _changed(target[path[-1]])
        verdict = credential_verify(tampered, did_document=did, status_lists=lists)
        assert verdict.outcome != GENUINE, path


def test_revocation_is_seen_offline_through_the_status_list(client, certificate, make_user):
    saved = copy.deepcopy(certificate.credential)  # what the holder keeps
    other = _another(make_user, certificate.course)
    certificate_revoke(certificate=certificate, by=make_user("admin"), reason="Issued in error")

    verdict = _verify(client, saved)
    assert verdict.outcome == NOT_GENUINE
    assert "revoked" in verdict.reasons
    assert _verify(client, other.credential).outcome == GENUINE


def test_suspension_and_lifting_it(client, certificate, django_capture_on_commit_callbacks):
    assert _verify(client, certificate.credential).outcome == GENUINE  # the lists are cached now
    with django_capture_on_commit_callbacks(execute=True):
        call_command("revoke_certificate", certificate.code, "--suspend", "--reason", "Complaint")
    assert "suspended" in _verify(client, certificate.credential).reasons
    page = client.get(f"/certificates/verify/{certificate.code}/")
    assert page.context["status"] == "suspended"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("revoke_certificate", certificate.code, "--lift")
    assert _verify(client, certificate.credential).outcome == GENUINE


def test_revoke_command_is_audited_and_refuses_bad_input(certificate, make_user):
    make_user("admin")
    with pytest.raises(CommandError):  # no reason given
        call_command("revoke_certificate", certificate.code)
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
    with pytest.raises(CommandError, match="No certificate"):
        call_command("revoke_certificate", "MQ-2222-3333", "--reason", "x")
    call_command("revoke_certificate", certificate.code, "--reason", "Fraud", "--by", "admin")
    certificate.refresh_from_db()
    assert certificate.status == "revoked"
    assert certificate.revoked_by.username == "admin"
    from wagtail.models import ModelLogEntry  # noqa: PLC0415 - test-only

    assert ModelLogEntry.objects.filter(action="certificates.revoke").exists()


def test_status_list_is_signed_cached_and_updated_at_once(client, certificate, make_user):
    url = certificate.credential["credentialStatus"][0]["statusListCredential"]
    response = client.get(url)
    assert response.status_code == 200
    assert "max-age" in response["Cache-Control"]
    assert response.json()["proof"]["cryptosuite"] == "eddsa-jcs-2022"
    assert client.get("/certificates/status/revocation-99.json").status_code == 404
    assert client.get("/certificates/status/other-1.json").status_code == 404


def test_rotation_keeps_old_certificates_valid(client, certificate, make_user):
    old_key = certificate.signing_key
    call_command("rotate_signing_key")
    newer = _another(make_user, certificate.course)
    assert newer.signing_key != old_key
    assert newer.credential["proof"]["verificationMethod"].endswith(
        newer.signing_key.public_key_multibase
    )
    assert _verify(client, certificate.credential).outcome == GENUINE
    assert _verify(client, newer.credential).outcome == GENUINE
    did = client.get("/.well-known/did.json").json()
    assert len(did["verificationMethod"]) == 2
    retired = next(
        m for m in did["verificationMethod"] if m["id"].endswith(old_key.public_key_multibase)
    )
    assert "expires" in retired


def test_a_compromised_key_fails_what_it_signed_after_the_date(client, certificate, make_user):
    before = _another(make_user, certificate.course, "Aliyev Sardor")
    Certificate.objects.filter(pk=before.pk).update(
        signed_at=timezone.now() - datetime.timedelta(days=3)
    )
    saved = copy.deepcopy(certificate.credential)
    since = (timezone.now() - datetime.timedelta(hours=1)).isoformat()
    call_command("rotate_signing_key", "--compromised-since", since)

    verdict = _verify(client, saved)  # the copy the holder saved before the rotation
    assert verdict.outcome == NOT_GENUINE
    assert "compromised" in verdict.reasons[0]
    certificate.refresh_from_db()  # signed again with the new key
    assert certificate.signing_key.compromised_since is None
    assert _verify(client, certificate.credential).outcome == GENUINE


def test_a_key_from_elsewhere_is_refused(client, certificate, tmp_path, settings):
    """A forger who signs with their own key: the issuer's DID does not list it."""
    did, lists = _published(client, certificate.credential)
    settings.MULOQOT_SIGNING_KEY_PATH = tmp_path / "forger.pem"
    signing.signing_key_create(settings.MULOQOT_SIGNING_KEY_PATH)
    forged = signing.sign(
        {k: v for k, v in certificate.credential.items() if k != "proof"}
    ).document
    verdict = credential_verify(forged, did_document=did, status_lists=lists)
    assert verdict.outcome == NOT_GENUINE
    assert "not one of" in verdict.reasons[0]


def test_old_certificates_get_a_credential_and_a_private_pdf(client, certificate, capsys):
    old_name = f"certificates/2026/{certificate.code}.pdf"
    default_storage.save(old_name, ContentFile(b"%PDF-1.7 old"))
    Certificate.objects.filter(pk=certificate.pk).update(
        credential=None, signing_key=None, pdf=old_name
    )
    call_command("sign_certificates")
    assert "1 certificates signed, 1 PDFs made private" in capsys.readouterr().out
    certificate.refresh_from_db()
    assert certificate.credential["proof"]["cryptosuite"] == "eddsa-jcs-2022"
    assert not default_storage.exists(old_name)
    assert certificate.code not in certificate.pdf.name
    with certificate.pdf.open("rb") as file:
        assert file.read() == b"%PDF-1.7 old"
    call_command("sign_certificates")
    assert "0 certificates signed, 0 PDFs made private" in capsys.readouterr().out


def _run_verifier(tmp_path, *args):
    """manage.py verify_certificate in a new process: no signing key, an empty database."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "muloqot.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "CERTIFICATE_SIGNING_KEY": str(tmp_path / "no-such-key.pem"),
    }
    return subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, str(ROOT / "manage.py"), "verify_certificate", *map(str, args)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_verify_certificate_runs_with_no_key_and_no_database(
    client, certificate, tmp_path, make_user, django_capture_on_commit_callbacks
):
    saved = tmp_path / "certificate.json"
    saved.write_bytes(client.get(f"/certificates/verify/{certificate.code}.json").content)
    did = tmp_path / "did.json"
    did.write_bytes(client.get("/.well-known/did.json").content)

    def status_files():
        args = []
        for entry in certificate.credential["credentialStatus"]:
            path = tmp_path / f"{entry['statusPurpose']}.json"
            path.write_bytes(client.get(entry["statusListCredential"]).content)
            args += ["--status", path]
        return args

    genuine = _run_verifier(tmp_path, saved, "--did", did, *status_files())
    assert genuine.returncode == 0, genuine.stderr
    assert "Genuine" in genuine.stdout and "did:web:testserver" in genuine.stdout
    with django_capture_on_commit_callbacks(execute=True):
        certificate_revoke(certificate=certificate, by=make_user("admin"), reason="Fraud")
    revoked = _run_verifier(tmp_path, saved, "--did", did, *status_files())
    assert revoked.returncode == 1
    assert "revoked" in revoked.stderr


def test_verify_certificate_says_what_it_could_not_check_and_checks_the_issuer(
    client, certificate, tmp_path
):
    saved = tmp_path / "certificate.json"
    saved.write_bytes(client.get(f"/certificates/verify/{certificate.code}.json").content)
    did = tmp_path / "did.json"
    did.write_bytes(client.get("/.well-known/did.json").content)
    with pytest.raises(CommandError, match="cannot read") as unknown:
        call_command("verify_certificate", saved, "--did", did, "--status", tmp_path / "none")
    assert unknown.value.returncode == 2
    # No list given and none reachable (http://testserver does not exist outside the test).
    with pytest.raises(CommandError, match="could not check revocation") as offline:
        call_command("verify_certificate", saved, "--did", did)
    assert offline.value.returncode == 2
    lists = []
    for entry in certificate.credential["credentialStatus"]:
        path = tmp_path / f"{entry['statusPurpose']}.json"
        path.write_bytes(client.get(entry["statusListCredential"]).content)
        lists += ["--status", path]
    with pytest.raises(CommandError, match="not by did:web:muloqot.uz") as elsewhere:
        call_command(
            "verify_certificate", saved, "--did", did, *lists, "--issuer", "did:web:muloqot.uz"
        )
    assert elsewhere.value.returncode == 1
