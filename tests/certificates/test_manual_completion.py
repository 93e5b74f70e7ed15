"""A completion recorded by hand gives the course's certificate only when the course says so."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import Employment
from certificates.models import Certificate
from courses.assignments.manual import manual_completion_record
from courses.assignments.services import assignment_create
from courses.models import RequiredCourse

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
SESSION = timezone.localdate() - datetime.timedelta(days=4)


@pytest.fixture
def required(course, organizations, make_user, django_capture_on_commit_callbacks):
    learner = make_user("bahodir", full_name="Karimov Bahodir")
    Employment.objects.create(user=learner, organization=organizations["chirchiq"])
    with django_capture_on_commit_callbacks(execute=True):
        assignment_create(
            course=course,
            organization=organizations["tashkent-region"],
            due_on=timezone.localdate(),
        )
    return RequiredCourse.objects.get(user=learner)


def record(required, by, callbacks):
    with callbacks(execute=True):
        manual_completion_record(
            required_course=required,
            completed_on=SESSION,
            evidence=SimpleUploadedFile("sheet.pdf", PDF),
            by=by,
        )


@pytest.mark.parametrize("gives_certificate", [False, True])
def test_certificate_only_when_the_course_says_so(
    gives_certificate,
    course,
    required,
    region_coordinator,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    monkeypatch.setattr("certificates.tasks.certificate_render_request", lambda pk: None)
    course.manual_completion_certificate = gives_certificate
    course.save()
    record(required, region_coordinator, django_capture_on_commit_callbacks)
    certificates = list(Certificate.objects.filter(user=required.user))
    if not gives_certificate:
        assert certificates == []
        return
    [certificate] = certificates
    assert (certificate.issued_on, certificate.cycle) == (SESSION, 1)
    assert certificate.expires_on == SESSION.replace(year=SESSION.year + 1) or (
        SESSION.month == 2 and SESSION.day == 29
    )
