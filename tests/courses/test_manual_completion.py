"""Completions done elsewhere (a classroom session, another system), recorded by a coordinator
or a trainer: they count for compliance, their evidence is checked like every upload and kept
private, and corrections are audited."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import Employment
from core.dates import add_months
from core.uploads import MESSAGE_CONTENT
from courses.assignments.manual import (
    MESSAGE_CORRECTION_REASON,
    MESSAGE_DATE_IN_FUTURE,
    MESSAGE_NOT_ALLOWED,
    manual_completion_correct,
    manual_completion_record,
)
from courses.assignments.selectors import status_expression
from courses.assignments.services import assignment_create
from courses.models import Audience, Enrolment, ManualCompletion, RequiredCourse

from .test_compliance import table_rows

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PEOPLE = reverse("courses_compliance_people")
COMPLETION = reverse("courses_compliance_completion")


def evidence(name="attendance.pdf", content=PDF):
    return SimpleUploadedFile(name, content)


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def course(make_course):
    return make_course(
        "Data protection", audience=Audience.CIVIL_SERVANTS, lessons=1, validity_months=12
    )


@pytest.fixture
def required(course, organizations, civil_servant, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assignment_create(
            course=course, organization=organizations["tashkent-region"], due_on=TODAY - DAY
        )
    return RequiredCourse.objects.get(user=civil_servant, course=course)


def status(row) -> str:
    return (
        RequiredCourse.objects.filter(pk=row.pk)
        .annotate(status=status_expression(TODAY))
        .get()
        .status
    )


def test_a_classroom_completion_counts_for_compliance(
    required, region_coordinator, django_capture_on_commit_callbacks
):
    assert status(required) == "overdue"
    session = TODAY - 10 * DAY
    with django_capture_on_commit_callbacks(execute=True):
        record = manual_completion_record(
            required_course=required,
            completed_on=session,
            evidence=evidence(),
            note="Seminar in Chirchiq, room 4",
            by=region_coordinator,
        )
    required.refresh_from_db()
    assert status(required) == "completed"
    assert timezone.localdate(required.completed_at) == session
    assert required.expires_on == add_months(session, 12)  # renewal follows from that date
    enrolment = Enrolment.objects.get(user=required.user)
    assert timezone.localdate(enrolment.completed_at) == session
    assert (record.recorded_by, record.source, record.note) == (
        region_coordinator,
        "classroom",
        "Seminar in Chirchiq, room 4",
    )
    # The evidence is kept in the private storage, not under the public media.
    assert storages["private"].exists(record.evidence.name)
    assert record.evidence.storage is storages["private"] or (
        record.evidence.storage.location == storages["private"].location
    )


def test_evidence_is_checked_like_every_upload(required, region_coordinator):
    with pytest.raises(ValidationError) as error:
        manual_completion_record(
            required_course=required,
            completed_on=TODAY,
            evidence=evidence("attendance.pdf", b"MZ not a pdf"),
            by=region_coordinator,
        )
    assert error.value.message_dict == {"evidence": [str(MESSAGE_CONTENT) % {"kind": "PDF"}]}
    with pytest.raises(ValidationError) as error:
        manual_completion_record(
            required_course=required,
            completed_on=TODAY + DAY,
            evidence=evidence(),
            by=region_coordinator,
        )
    assert error.value.message_dict == {"completed_on": [str(MESSAGE_DATE_IN_FUTURE)]}
    assert not ManualCompletion.objects.exists()
    assert status(required) == "overdue"


def test_who_may_record(required, make_user, organizations):
    outsider = make_user("outsider", groups=["Coordinators"])
    Employment.objects.create(
        user=outsider, organization=organizations["mininfo"], is_coordinator=True
    )
    with pytest.raises(PermissionDenied) as denied:
        manual_completion_record(
            required_course=required, completed_on=TODAY, evidence=evidence(), by=outsider
        )
    assert str(denied.value) == str(MESSAGE_NOT_ALLOWED)
    with pytest.raises(PermissionDenied):
        manual_completion_record(
            required_course=required,
            completed_on=TODAY,
            evidence=evidence(),
            by=make_user("nobody"),
        )
    trainer = make_user("trainer", groups=["Trainers"])  # leads sessions for any organisation
    manual_completion_record(
        required_course=required, completed_on=TODAY, evidence=evidence(), by=trainer
    )
    assert status(required) == "completed"


def test_a_correction_is_audited_and_moves_the_dates(required, region_coordinator):
    first = manual_completion_record(
        required_course=required,
        completed_on=TODAY - 3 * DAY,
        evidence=evidence(),
        by=region_coordinator,
    )
    with pytest.raises(ValidationError) as error:
        manual_completion_correct(
            record=first, completed_on=TODAY - 5 * DAY, reason=" ", by=region_coordinator
        )
    assert error.value.message_dict == {"reason": [str(MESSAGE_CORRECTION_REASON)]}
    corrected = manual_completion_correct(
        record=first,
        completed_on=TODAY - 5 * DAY,
        reason="The session was on Monday",
        by=region_coordinator,
    )
    required.refresh_from_db()
    assert timezone.localdate(required.completed_at) == TODAY - 5 * DAY
    assert required.expires_on == add_months(TODAY - 5 * DAY, 12)
    assert (corrected.corrects, corrected.correction_reason) == (first, "The session was on Monday")
    assert corrected.evidence.name == first.evidence.name  # the same file, kept
    first.refresh_from_db()
    assert first.completed_on == TODAY - 3 * DAY  # the original record is untouched
    with pytest.raises(ValidationError):
        manual_completion_correct(
            record=first, completed_on=TODAY, reason="again", by=region_coordinator
        )


def test_a_coordinator_records_a_completion_in_the_admin(
    client,
    region_coordinator,
    required,
    organizations,
    make_user,
    course,
    django_capture_on_commit_callbacks,
):
    client.force_login(region_coordinator)
    people = client.get(PEOPLE).content.decode()
    assert f"{COMPLETION}?" in people
    url = f"{COMPLETION}?row={required.pk}"
    response = client.post(
        url,
        {
            "source": "other_system",
            "completed_on": (TODAY - DAY).isoformat(),
            "evidence": evidence("sheet.docx", PDF),
            "note": "",
        },
    )
    assert response.status_code == 200  # a PDF called .docx is refused, with the reason shown
    assert "not a real DOCX document" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "source": "other_system",
                "completed_on": (TODAY - DAY).isoformat(),
                "evidence": evidence(),
                "note": "HR system export",
            },
        )
    assert response.status_code == 302
    rows = table_rows(client.get(PEOPLE).content.decode(), "compliance-people")
    [learner] = [row for row in rows if row[0].startswith("Learner")]
    assert learner[4] == "Completed"
    assert "HR system export" in client.get(url).content.decode()

    # Another subtree's learner: not found.
    agent = make_user("agent")
    Employment.objects.create(user=agent, organization=organizations["mininfo"])
    with django_capture_on_commit_callbacks(execute=True):
        assignment_create(course=course, organization=organizations["mininfo"], due_on=TODAY)
    other = RequiredCourse.objects.get(user=agent)
    assert client.get(f"{COMPLETION}?row={other.pk}").status_code == 404


def test_a_coordinator_corrects_a_record_in_the_admin(
    client, region_coordinator, required, make_user, organizations
):
    first = manual_completion_record(
        required_course=required,
        completed_on=TODAY - 3 * DAY,
        evidence=evidence(),
        by=region_coordinator,
    )
    client.force_login(region_coordinator)
    page = client.get(f"{COMPLETION}?row={required.pk}").content.decode()
    url = reverse("courses_compliance_completion_correct", args=[first.pk])
    assert url in page
    data = {"completed_on": (TODAY - 6 * DAY).isoformat(), "note": "", "reason": ""}
    assert client.post(url, data).status_code == 200  # the reason is required
    response = client.post(url, {**data, "reason": "Wrong day on the sheet"})
    assert response.status_code == 302
    corrected = ManualCompletion.objects.get(corrects=first)
    assert (corrected.completed_on, corrected.recorded_by) == (TODAY - 6 * DAY, region_coordinator)
    required.refresh_from_db()
    assert timezone.localdate(required.completed_at) == TODAY - 6 * DAY
    # A coordinator of another subtree does not find it.
    outsider = make_user("outsider", groups=["Coordinators"])
    Employment.objects.create(
        user=outsider, organization=organizations["mininfo"], is_coordinator=True
    )
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_the_evidence_downloads_for_the_coordinator_and_nobody_outside(
    client, region_coordinator, required, make_user, organizations
):
    record = manual_completion_record(
        required_course=required,
        completed_on=TODAY - 2 * DAY,
        evidence=evidence("sheet.pdf"),
        by=region_coordinator,
    )
    url = reverse("courses_compliance_completion_evidence", args=[record.pk])
    client.force_login(region_coordinator)
    assert url in client.get(f"{COMPLETION}?row={required.pk}").content.decode()

    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"

    outsider = make_user("outsider", groups=["Coordinators"])
    Employment.objects.create(
        user=outsider, organization=organizations["mininfo"], is_coordinator=True
    )
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(required.user)  # the learner has no admin report
    assert client.get(url).status_code in (302, 403)
