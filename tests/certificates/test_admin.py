import pytest
from django.urls import reverse

from accounts.roles import METHODOLOGISTS, TRAINERS
from certificates.models import Certificate
from certificates.rendering import certificate_pdf_store
from certificates.services import certificate_issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(completed):
    return certificate_issue(enrolment=completed)


@pytest.fixture
def methodologist(make_user):
    return make_user("methodologist", groups=[METHODOLOGISTS])


def test_methodologist_lists_and_revokes_with_a_reason(client, certificate, methodologist):
    client.force_login(methodologist)
    listing = client.get(reverse("wagtailsnippets_certificates_certificate:list"))
    assert listing.status_code == 200
    assert certificate.code in listing.content.decode()

    url = reverse("certificates_revoke", args=[certificate.pk])
    assert client.post(url, {"reason": ""}).status_code == 400
    certificate.refresh_from_db()
    assert certificate.revoked_at is None

    response = client.post(url, {"reason": "Issued to the wrong person"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == "revoked"
    assert certificate.revoked_by == methodologist


def test_revoke_and_reissue(client, certificate, methodologist, monkeypatch):
    monkeypatch.setattr(
        "certificates.tasks.certificate_render_task",
        type("Stub", (), {"enqueue": staticmethod(lambda pk: None)}),
    )
    client.force_login(methodologist)
    client.post(
        reverse("certificates_revoke", args=[certificate.pk]),
        {"reason": "Name corrected", "reissue": "on"},
    )
    assert Certificate.objects.not_revoked().filter(user=certificate.user).count() == 1
    assert Certificate.objects.filter(user=certificate.user).count() == 2


def test_trainer_cannot_revoke(client, certificate, make_user):
    client.force_login(make_user("trainer", groups=[TRAINERS]))
    response = client.post(reverse("certificates_revoke", args=[certificate.pk]), {"reason": "No"})
    assert response.status_code == 302  # Wagtail answers PermissionDenied with its dashboard
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_nobody_adds_or_edits_certificates_in_the_admin(client, certificate, make_user):
    admin = make_user("admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    add = client.get(reverse("wagtailsnippets_certificates_certificate:add"))
    edit = client.get(
        reverse("wagtailsnippets_certificates_certificate:edit", args=[certificate.pk])
    )
    assert add.status_code in (302, 403)
    assert edit.status_code in (302, 403)
    inspect = client.get(
        reverse("wagtailsnippets_certificates_certificate:inspect", args=[certificate.pk])
    )
    assert inspect.status_code == 200


def test_trainer_renders_a_templates_certificates_again(
    client, certificate, certificate_template, make_user
):
    certificate_pdf_store(certificate)
    certificate.refresh_from_db()
    first_render = certificate.pdf_rendered_at
    client.force_login(make_user("trainer", groups=[TRAINERS]))
    url = reverse("certificates_template_rerender", args=[certificate_template.pk])
    assert "1 ta sertifikat" in client.get(url).content.decode()  # the admin is in Uzbek
    response = client.post(url)
    assert response.status_code == 302
    certificate.refresh_from_db()  # the immediate task backend rendered it already
    assert certificate.pdf_rendered_at > first_render


def test_learner_cannot_render_again(client, certificate, certificate_template, make_user):
    client.force_login(make_user("learner"))
    url = reverse("certificates_template_rerender", args=[certificate_template.pk])
    assert client.post(url).status_code == 403  # signed in without admin access: a 403 page
