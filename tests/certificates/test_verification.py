import datetime
import json

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F

from certificates.models import Certificate
from certificates.services import certificate_issue, certificate_revoke

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(completed):
    return certificate_issue(enrolment=completed)


def test_valid_certificate_page_and_json(client, certificate):
    response = client.get(f"/certificates/verify/{certificate.code}/")
    assert response.status_code == 200
    assert response.context["status"] == "valid"
    assert response.context["signature_ok"] is True
    html = response.content.decode()
    assert certificate.holder_name in html and certificate.course_title in html
    assert "bahodir@example.uz" not in html  # nothing personal beyond the printed name

    document = client.get(f"/certificates/verify/{certificate.code}.json").json()
    assert document["status"] == "valid"
    assert document["holder"] == "Karimov Bahodir Bahromovich"
    assert document["course"] == certificate.course_title
    assert document["issuer"] == certificate.issuer_name
    assert document["issued"] == certificate.issued_on.isoformat()
    assert document["expires"] == certificate.expires_on.isoformat()
    assert document["credential"]["proof"]["cryptosuite"] == "eddsa-jcs-2022"
    assert document["credential"]["credentialSubject"]["name"] == certificate.holder_name
    assert "email" not in json.dumps(document)


def test_lower_case_code_is_accepted(client, certificate):
    assert client.get(f"/certificates/verify/{certificate.code.lower()}/").status_code == 200


def test_expired_certificate(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(
        issued_on=F("issued_on") - datetime.timedelta(days=800),
        expires_on=F("expires_on") - datetime.timedelta(days=800),
    )
    assert client.get(f"/certificates/verify/{certificate.code}.json").json()["status"] == "expired"
    response = client.get(f"/certificates/verify/{certificate.code}/")
    assert response.context["status"] == "expired"


def test_revoked_certificate(client, certificate, make_user):
    certificate_revoke(certificate=certificate, by=make_user("m"), reason="Issued in error")
    document = client.get(f"/certificates/verify/{certificate.code}.json").json()
    assert document["status"] == "revoked"
    assert document["revoked"] is not None
    html = client.get(f"/certificates/verify/{certificate.code}/").content.decode()
    assert "Issued in error" not in html  # the reason stays in the admin


@pytest.mark.parametrize("code", ["MQ-2222-3333", "nonsense", "MQ-7KD4-Q9X"])
def test_unknown_code_is_a_plain_404(client, certificate, code):
    for url in (f"/certificates/verify/{code}/", f"/certificates/verify/{code}.json"):
        response = client.get(url)
        assert response.status_code == 404
        assert certificate.code not in response.content.decode()


def test_verification_runs_a_fixed_number_of_queries(
    client, certificate, django_assert_max_num_queries
):
    with django_assert_max_num_queries(1):
        client.get(f"/certificates/verify/{certificate.code}.json")
    with django_assert_max_num_queries(2):
        client.get(f"/certificates/verify/{certificate.code}/")


def test_a_record_changed_after_issue_fails_the_signature_check(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(holder_name="Somebody Else")
    response = client.get(f"/certificates/verify/{certificate.code}/")
    assert response.context["signature_ok"] is False


def test_saved_json_checks_offline(client, certificate, tmp_path, capsys):
    document = client.get(f"/certificates/verify/{certificate.code}.json").json()
    genuine = tmp_path / "genuine.json"
    genuine.write_text(json.dumps(document), encoding="utf-8")
    did = tmp_path / "did.json"
    did.write_bytes(client.get("/.well-known/did.json").content)
    lists = []
    for entry in document["credential"]["credentialStatus"]:
        path = tmp_path / f"{entry['statusPurpose']}.json"
        path.write_bytes(client.get(entry["statusListCredential"]).content)
        lists += ["--status", str(path)]
    call_command("verify_certificate", str(genuine), "--did", str(did), *lists)
    assert "Genuine" in capsys.readouterr().out

    document["credential"]["credentialSubject"]["name"] = "Somebody Else"
    tampered = tmp_path / "tampered.json"
    tampered.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CommandError, match="altered") as raised:
        call_command("verify_certificate", str(tampered), "--did", str(did), *lists)
    assert raised.value.returncode == 1

    broken = tmp_path / "broken.json"
    broken.write_text("{}", encoding="utf-8")
    with pytest.raises(CommandError, match="not a verifiable credential"):
        call_command("verify_certificate", str(broken), "--did", str(did))


def test_my_certificates_lists_only_mine_and_downloads_are_private(client, certificate, make_user):
    client.force_login(certificate.user)
    html = client.get("/certificates/").content.decode()
    assert certificate.code in html
    assert "linkedin.com/profile/add" in html and "t.me/share/url" in html
    assert f"/certificates/{certificate.uuid}/credential.json" in html
    badge = client.get(f"/certificates/{certificate.uuid}/credential.json").json()
    assert "OpenBadgeCredential" in badge["type"]
    assert badge["credentialSubject"]["name"] == certificate.holder_name
    assert badge["proof"]["cryptosuite"] == "eddsa-jcs-2022"

    client.force_login(make_user("someone"))
    assert certificate.code not in client.get("/certificates/").content.decode()
    assert client.get(f"/certificates/{certificate.uuid}/download/").status_code == 404
    assert client.get(f"/certificates/{certificate.uuid}/credential.json").status_code == 404


def test_create_signing_key_refuses_to_overwrite(signing_key):
    with pytest.raises(CommandError, match="already exists"):
        call_command("create_signing_key")
    call_command("create_signing_key", "--if-missing")


def test_issue_certificates_command_is_idempotent(completed, course, capsys, monkeypatch):
    rendered = []
    stub = type("RenderTask", (), {"enqueue": staticmethod(rendered.append)})
    monkeypatch.setattr("certificates.tasks.certificate_render_task", stub)
    call_command("issue_certificates", "--course", str(course.pk))
    assert "1 issued, 0 already had one" in capsys.readouterr().out
    call_command("issue_certificates", "--course", str(course.pk))
    assert "0 issued, 1 already had one" in capsys.readouterr().out
    assert Certificate.objects.count() == 1
    with pytest.raises(CommandError, match="No course"):
        call_command("issue_certificates", "--course", "99999")
