"""Certificate PDFs: private storage, owner-only download, withheld on revocation, one pending
render at a time, a PDF for a reissue, and the template text of the day of issue."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from accounts.roles import METHODOLOGISTS
from certificates.models import Certificate
from certificates.receivers import render_again_in_new_script
from certificates.rendering import certificate_context
from certificates.services import certificate_issue, certificate_revoke
from certificates.tasks import certificate_render_request
from courses.models import Enrolment

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7 a certificate"


@pytest.fixture
def certificate(completed):
    return certificate_issue(enrolment=completed)


@pytest.fixture
def with_pdf(certificate):
    certificate.pdf.save("ignored.pdf", ContentFile(PDF))
    return certificate


@pytest.fixture
def queued(monkeypatch):
    """The render task, stubbed: the ids it was queued with."""
    ids = []
    stub = type("RenderTask", (), {"enqueue": staticmethod(ids.append)})
    monkeypatch.setattr("certificates.tasks.certificate_render_task", stub)
    return ids


def test_the_pdf_is_private_and_only_its_owner_downloads_it(client, with_pdf, make_user, settings):
    name = with_pdf.pdf.name
    assert with_pdf.code not in name
    assert not (settings.MEDIA_ROOT / name).exists()
    # Neither the old public path nor the new name is served as a media file.
    year = with_pdf.issued_on.year
    assert client.get(f"/media/certificates/{year}/{with_pdf.code}.pdf").status_code == 404
    assert client.get(f"/media/{name}").status_code == 404

    url = reverse("certificates:download", args=[with_pdf.uuid])
    assert client.get(url).status_code == 302  # to the sign-in page
    client.force_login(make_user("someone"))
    assert client.get(url).status_code == 404
    client.force_login(with_pdf.user)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == f'attachment; filename="{with_pdf.code}.pdf"'


def test_nginx_sends_the_file_when_configured(client, with_pdf, settings):
    settings.MULOQOT_PRIVATE_ACCEL_PREFIX = "/_private/"
    client.force_login(with_pdf.user)
    response = client.get(reverse("certificates:download", args=[with_pdf.uuid]))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_private/{with_pdf.pdf.name}"
    assert response.content == b""


def test_a_revoked_certificates_pdf_is_withheld_and_deleted(
    client, with_pdf, make_user, django_capture_on_commit_callbacks
):
    storage, name = with_pdf.pdf.storage, with_pdf.pdf.name
    with django_capture_on_commit_callbacks(execute=True):
        certificate_revoke(certificate=with_pdf, by=make_user("admin"), reason="Issued in error")
    assert not storage.exists(name)
    client.force_login(with_pdf.user)
    response = client.get(reverse("certificates:download", args=[with_pdf.uuid]))
    assert response.status_code == 410
    html = response.content.decode()
    assert with_pdf.code in html and "yuklab olib boʻlmaydi" in html  # the learner's language


def test_a_certificate_has_at_most_one_pending_render(certificate, queued):
    Certificate.objects.filter(pk=certificate.pk).update(pdf_render_queued_at=None)
    queued.clear()
    for _ in range(10):
        render_again_in_new_script(sender=None, user=certificate.user, script="cyrl")
    certificate_render_request(certificate.pk)
    assert queued == [certificate.pk]

    # Once the render starts, a new change queues a new render.
    Certificate.objects.filter(pk=certificate.pk).update(pdf_render_queued_at=None)
    assert certificate_render_request(certificate.pk) is True
    assert queued == [certificate.pk, certificate.pk]


def test_a_reissued_certificate_gets_its_pdf(client, certificate, make_user, queued):
    client.force_login(make_user("methodologist", groups=[METHODOLOGISTS]))
    client.post(
        reverse("certificates_revoke", args=[certificate.pk]),
        {"reason": "Name corrected", "reissue": "on"},
    )
    new = Certificate.objects.not_revoked().get(user=certificate.user)
    assert new.pk != certificate.pk
    assert new.pk in queued


def test_an_issued_certificate_keeps_the_template_text_it_was_issued_with(
    certificate, certificate_template, make_user, course
):
    assert "tamomladi" in certificate_context(certificate)["body"]
    certificate_template.body = "{name} kursni yangi matn bilan tugatdi."
    certificate_template.save()
    certificate_template.save_revision()

    certificate = Certificate.objects.get(pk=certificate.pk)
    assert "yangi matn" not in certificate_context(certificate)["body"]
    assert "tamomladi" in certificate_context(certificate)["body"]

    other = make_user("dilnoza", full_name="Rahimova Dilnoza")
    enrolment = Enrolment.objects.create(
        user=other, course=course, enrolled_at=certificate.created_at,
        completed_at=certificate.created_at,
    )
    newer = certificate_issue(enrolment=enrolment)
    assert "yangi matn" in certificate_context(newer)["body"]
