"""Certificate archives: a coordinator's ZIP of the certificates of a course or an organisation
subtree (PDFs and a CSV index), built by a task, downloaded only by whoever asked for it."""

import csv
import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import Employment
from accounts.roles import COORDINATORS, TRAINERS
from certificates.archives import archive_certificates
from certificates.models import CertificateArchive
from certificates.services import certificate_issue, certificate_revoke
from certificates.tasks import certificate_archive_task
from courses.models import Enrolment

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7 a certificate"
URL = "/admin/certificates/archives/"


def _certify(make_user, course, organization, username, full_name):
    user = make_user(username, full_name=full_name)
    Employment.objects.create(user=user, organization=organization)
    now = timezone.now()
    enrolment = Enrolment.objects.create(
        user=user, course=course, enrolled_at=now, completed_at=now
    )
    certificate = certificate_issue(enrolment=enrolment)
    certificate.pdf.save("ignored.pdf", ContentFile(PDF + username.encode()))
    return certificate


@pytest.fixture
def people(make_user, course, organizations):
    """Certificates in two subtrees: Chirchiq and Angren (region) and the agency."""
    return {
        "chirchiq": _certify(make_user, course, organizations["chirchiq"], "aziz", "Aziz"),
        "angren": _certify(make_user, course, organizations["angren"], "dilnoza", "=HYPERLINK(1)"),
        "agency": _certify(make_user, course, organizations["mininfo"], "olim", "Olim"),
    }


@pytest.fixture
def agency_coordinator(make_user, organizations):
    user = make_user("agencyboss", groups=[COORDINATORS])
    Employment.objects.create(user=user, organization=organizations["mininfo"], is_coordinator=True)
    return user


def _zip(archive):
    archive.refresh_from_db()
    assert archive.status == CertificateArchive.Status.READY
    with archive.file.open("rb") as handle:
        data = handle.read()
    zipped = zipfile.ZipFile(io.BytesIO(data))
    index = zipped.read("index.csv").decode("utf-8-sig")
    return zipped, list(csv.reader(io.StringIO(index)))


def test_scope_follows_the_coordinators_subtrees(
    people, region_coordinator, agency_coordinator, organizations, course
):
    region = CertificateArchive.objects.create(requested_by=region_coordinator, course=course)
    assert {c.code for c in archive_certificates(region)} == {
        people["chirchiq"].code,
        people["angren"].code,
    }
    agency = CertificateArchive.objects.create(requested_by=agency_coordinator, course=course)
    assert [c.code for c in archive_certificates(agency)] == [people["agency"].code]
    district = CertificateArchive.objects.create(
        requested_by=region_coordinator, organization=organizations["angren"]
    )
    assert [c.code for c in archive_certificates(district)] == [people["angren"].code]
    # An organisation outside the requester's subtrees gives nothing, even if stored.
    outside = CertificateArchive.objects.create(
        requested_by=region_coordinator, organization=organizations["mininfo"]
    )
    assert list(archive_certificates(outside)) == []


def test_the_task_builds_pdfs_and_an_index_revoked_listed_without_pdf(
    people, region_coordinator, course, admin_user
):
    certificate_revoke(certificate=people["angren"], by=admin_user, reason="Xato")
    archive = CertificateArchive.objects.create(requested_by=region_coordinator, course=course)
    certificate_archive_task.call(archive.pk)
    zipped, rows = _zip(archive)
    assert set(zipped.namelist()) == {"index.csv", f"{people['chirchiq'].code}.pdf"}
    assert zipped.read(f"{people['chirchiq'].code}.pdf") == PDF + b"aziz"
    assert rows[0] == [
        "code",
        "holder",
        "organisation",
        "course",
        "issued",
        "expires",
        "status",
        "verification_url",
    ]
    by_code = {row[0]: row for row in rows[1:]}
    assert set(by_code) == {people["chirchiq"].code, people["angren"].code}
    aziz = by_code[people["chirchiq"].code]
    assert aziz[1:4] == ["Aziz", "Chirchiq", course.title]
    assert aziz[4] == people["chirchiq"].issued_on.isoformat()
    assert aziz[6] == "valid"
    assert aziz[7].endswith(f"/verify/{people['chirchiq'].code}/")
    revoked = by_code[people["angren"].code]
    assert revoked[6] == "revoked"
    assert revoked[1] == "'=HYPERLINK(1)"  # a formula made inert
    assert archive.row_count == 2
    assert people["chirchiq"].code not in archive.file.name


def test_requesting_through_the_page_runs_the_task_and_the_requester_downloads(
    client, people, region_coordinator, agency_coordinator, organizations
):
    client.force_login(region_coordinator)
    response = client.post(URL, {"organization": organizations["chirchiq"].pk})
    assert response.status_code == 302
    archive = CertificateArchive.objects.get()
    assert archive.status == CertificateArchive.Status.READY  # test settings run tasks at once
    download = reverse("certificates_archive_download", args=[archive.pk])
    assert download in client.get(URL).content.decode()
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    zipped = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert f"{people['chirchiq'].code}.pdf" in zipped.namelist()
    # Another coordinator does not get it.
    client.force_login(agency_coordinator)
    assert client.get(download).status_code == 404


def test_an_organisation_outside_the_subtree_is_refused(
    client, people, region_coordinator, organizations
):
    client.force_login(region_coordinator)
    response = client.post(URL, {"organization": organizations["mininfo"].pk})
    assert response.status_code == 400
    assert "organization" in response.context["form"].errors
    response = client.post(URL, {})
    assert response.status_code == 400
    assert not CertificateArchive.objects.exists()


def test_learners_and_staff_without_coordination_cannot_use_it(client, make_user, people):
    learner = make_user("learner")
    client.force_login(learner)
    response = client.get(URL)
    assert response.status_code in (302, 403)
    staff = make_user("trainer", groups=[TRAINERS])
    client.force_login(staff)
    # Wagtail turns the refusal into a redirect to the admin's home with a message.
    response = client.get(URL)
    assert (response.status_code, response.url) == (302, "/admin/")
    archive = CertificateArchive.objects.create(requested_by=learner)
    response = client.get(reverse("certificates_archive_download", args=[archive.pk]))
    assert (response.status_code, response.url) == (302, "/admin/")
    assert URL not in client.get("/admin/").content.decode()  # no menu item


def test_the_menu_shows_the_page_to_coordinators(client, region_coordinator):
    client.force_login(region_coordinator)
    assert URL in client.get("/admin/").content.decode()


def test_the_list_page_queries_do_not_grow_with_archives(
    client, region_coordinator, course, organizations, django_assert_max_num_queries
):
    for _ in range(8):
        CertificateArchive.objects.create(
            requested_by=region_coordinator, course=course, organization=organizations["angren"]
        )
    client.force_login(region_coordinator)
    client.get(URL)
    with django_assert_max_num_queries(20):
        response = client.get(URL)
    assert response.status_code == 200
    assert response.content.decode().count("Angren") >= 8


def test_the_page_speaks_the_admins_language(client, region_coordinator):
    client.force_login(region_coordinator)
    assert "Sertifikatlar arxivlari" in client.get(URL).content.decode()
