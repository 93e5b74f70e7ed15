"""Exceptions to required training: a coordinator extends a learner's (or a group's) due date
or exempts them, within their subtree, with a reason; each is audited, has its own status in the
report and the people list, and is exported."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import Employment
from courses import services
from courses.assignments.exceptions import (
    MESSAGE_DUE_DATE_NOT_LATER,
    MESSAGE_NOT_YOURS,
    MESSAGE_REASON_REQUIRED,
    exception_exempt,
    exception_extend,
    exception_lift,
)
from courses.assignments.selectors import status_expression
from courses.assignments.services import assignment_create, required_courses_refresh
from courses.compliance import ComplianceFilters, compliance_report_get
from courses.models import Audience, RequiredCourse, TrainingException

from .conftest import lessons_of
from .test_compliance import table_rows

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
PEOPLE = reverse("courses_compliance_people")
EXCEPTION = reverse("courses_compliance_exception")
EXCEPTIONS = reverse("courses_compliance_exceptions")


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def course(make_course):
    return make_course("Ethics in social media", audience=Audience.CIVIL_SERVANTS, lessons=1)


@pytest.fixture
def world(course, organizations, make_user, django_capture_on_commit_callbacks):
    """Chirchiq: "late" (overdue since yesterday) and "idle" (due in 10 days); Angren: "far";
    the agency (another subtree): "agent"."""
    with django_capture_on_commit_callbacks(execute=True):
        region = assignment_create(
            course=course, organization=organizations["tashkent-region"], due_on=TODAY - DAY
        )
        assignment_create(
            course=course, organization=organizations["mininfo"], due_on=TODAY + 10 * DAY
        )
    people = {}
    for username, org in [
        ("late", "chirchiq"),
        ("idle", "chirchiq"),
        ("far", "angren"),
        ("agent", "mininfo"),
    ]:
        people[username] = make_user(username, full_name=f"{username.title()} Person")
        Employment.objects.create(user=people[username], organization=organizations[org])
    RequiredCourse.objects.filter(user=people["idle"]).update(due_on=TODAY + 10 * DAY)
    return {"people": people, "assignment": region}


def row(world, username) -> RequiredCourse:
    return RequiredCourse.objects.select_related("assignment", "course").get(
        user=world["people"][username]
    )


def status(required: RequiredCourse, today=TODAY) -> str:
    required = (
        RequiredCourse.objects.filter(pk=required.pk)
        .annotate(status=status_expression(today))
        .get()
    )
    assert required.status == required.status_on(today)  # the query and Python agree
    return required.status


def test_an_extension_gives_time_is_audited_and_survives_a_refresh(world, region_coordinator):
    late = row(world, "late")
    assert status(late) == "overdue"
    [record] = exception_extend(
        required_courses=[late],
        due_on=TODAY + 14 * DAY,
        reason="Sick leave until the 20th",
        by=region_coordinator,
    )
    late.refresh_from_db()
    assert (late.due_on, late.extended_due_on) == (TODAY + 14 * DAY, TODAY + 14 * DAY)
    assert status(late) == "extended"
    assert status(late, TODAY + 14 * DAY) == "extended"  # due that day
    assert status(late, TODAY + 15 * DAY) == "overdue"
    assert (record.kind, record.created_by, record.reason) == (
        "extension",
        region_coordinator,
        "Sick leave until the 20th",
    )
    assert record.changes == {
        "due_on": [(TODAY - DAY).isoformat(), (TODAY + 14 * DAY).isoformat()],
        "extended_due_on": [None, (TODAY + 14 * DAY).isoformat()],
    }
    required_courses_refresh(user_ids=[late.user_id])
    late.refresh_from_db()
    assert late.due_on == TODAY + 14 * DAY


def test_completing_the_course_ends_the_extension(
    world, region_coordinator, course, django_capture_on_commit_callbacks
):
    late = row(world, "late")
    exception_extend(
        required_courses=[late],
        due_on=TODAY + 5 * DAY,
        reason="Training room closed",
        by=region_coordinator,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.lesson_complete(user=late.user, lesson=lessons_of(course)[0])
    late.refresh_from_db()
    assert (status(late), late.extended_due_on) == ("completed", None)


def test_exceptions_need_a_reason_a_later_date_and_the_coordinators_subtree(
    world, region_coordinator, make_user, organizations
):
    idle = row(world, "idle")
    with pytest.raises(ValidationError) as error:
        exception_extend(
            required_courses=[idle], due_on=TODAY + 20 * DAY, reason="  ", by=region_coordinator
        )
    assert error.value.message_dict == {"reason": [str(MESSAGE_REASON_REQUIRED)]}
    with pytest.raises(ValidationError) as error:
        exception_extend(
            required_courses=[idle], due_on=TODAY + 10 * DAY, reason="x", by=region_coordinator
        )
    assert error.value.message_dict == {"due_on": [str(MESSAGE_DUE_DATE_NOT_LATER)]}
    # The agency's learner is outside the region coordinator's subtree, also inside a group.
    with pytest.raises(PermissionDenied) as denied:
        exception_exempt(
            required_courses=[idle, row(world, "agent")], reason="x", by=region_coordinator
        )
    assert str(denied.value) == str(MESSAGE_NOT_YOURS)
    # A district coordinator may not reach the neighbouring district.
    district = make_user("district", groups=["Coordinators"])
    Employment.objects.create(
        user=district, organization=organizations["angren"], is_coordinator=True
    )
    with pytest.raises(PermissionDenied):
        exception_exempt(required_courses=[idle], reason="x", by=district)
    exception_exempt(required_courses=[row(world, "far")], reason="Seconded", by=district)
    assert not TrainingException.objects.filter(user=idle.user).exists()
    assert status(idle) == "not_started"


def test_exemptions_count_as_compliant_only_where_the_assignment_allows(
    world, region_coordinator, organizations
):
    late = row(world, "late")
    exception_exempt(
        required_courses=[late],
        reason="On maternity leave",
        ends_on=TODAY + 30 * DAY,
        by=region_coordinator,
    )
    assert status(late) == "exempt"
    assert status(late, TODAY + 30 * DAY) == "exempt"
    assert status(late, TODAY + 31 * DAY) == "overdue"  # the exemption ended

    def figures():
        report = compliance_report_get(
            user=region_coordinator,
            filters=ComplianceFilters(organization_id=organizations["tashkent-region"].pk),
        )
        return report.totals

    totals = figures()
    # late (exempt), idle, far and the coordinator (who works in the region too)
    assert (totals.assigned, totals.exempted, totals.overdue, totals.rate) == (4, 1, 2, 0.0)
    world["assignment"].exemption_counts_as_compliant = True
    world["assignment"].save()
    totals = figures()
    assert (totals.exempted, totals.compliant, totals.rate) == (1, 1, 25.0)

    [lifted] = exception_lift(required_courses=[late], reason="Back at work", by=region_coordinator)
    assert status(late) == "overdue"
    assert lifted.changes == {
        "exempt": [True, False],
        "exempt_until": [(TODAY + 30 * DAY).isoformat(), None],
    }


@pytest.fixture
def coordinator_client(client, region_coordinator):
    client.force_login(region_coordinator)
    return client


def test_a_coordinator_extends_one_learner_from_the_people_list(
    coordinator_client, world, organizations
):
    late = row(world, "late")
    query = {"organization": organizations["chirchiq"].pk}
    people = coordinator_client.get(PEOPLE, query).content.decode()
    assert f"row={late.pk}" in people
    url = f"{EXCEPTION}?organization={organizations['chirchiq'].pk}&row={late.pk}"
    form = coordinator_client.get(url)
    assert form.status_code == 200
    assert [r[0] for r in table_rows(form.content.decode(), "exception-people")] == ["Late Person"]

    response = coordinator_client.post(url, {"action": "extend", "due_on": "", "reason": "x"})
    assert response.status_code == 200
    assert "Give the new due date." in response.content.decode()

    new_due = TODAY + 7 * DAY
    response = coordinator_client.post(
        url, {"action": "extend", "due_on": new_due.isoformat(), "reason": "Court hearing"}
    )
    assert response.status_code == 302
    assert response.url == f"{PEOPLE}?organization={organizations['chirchiq'].pk}"
    rows = table_rows(coordinator_client.get(PEOPLE, query).content.decode(), "compliance-people")
    statuses = {r[0].split(" late@")[0]: (r[4], r[6]) for r in rows}
    assert statuses["Late Person"][0] == "Extended"
    assert statuses["Late Person"][1].startswith("extended to")

    # History on the learner's page; the exceptions list and its exports.
    assert "Court hearing" in coordinator_client.get(url).content.decode()
    listing = coordinator_client.get(EXCEPTIONS).content.decode()
    [record] = table_rows(listing, "compliance-exceptions")
    assert record[1:6] == [
        "Coordinator",
        "Late Person Chirchiq",
        "Ethics in social media",
        "Extension",
        "Court hearing",
    ]
    assert record[6] == (
        f"Due date: {(TODAY - DAY).isoformat()} → {new_due.isoformat()}; "
        f"Extended to: — → {new_due.isoformat()}"
    )


def test_another_subtrees_learner_answers_404(coordinator_client, world):
    agent = row(world, "agent")
    assert coordinator_client.get(f"{EXCEPTION}?row={agent.pk}").status_code == 404
    response = coordinator_client.post(
        f"{EXCEPTION}?row={agent.pk}", {"action": "exempt", "reason": "x"}
    )
    assert response.status_code == 404
    assert not TrainingException.objects.exists()


def test_a_group_is_exempted_at_once_and_exported(coordinator_client, world, organizations):
    query = f"organization={organizations['chirchiq'].pk}"
    response = coordinator_client.post(
        f"{EXCEPTION}?{query}",
        {"action": "exempt", "ends_on": "", "reason": '=HYPERLINK("http://evil")'},
    )
    assert response.status_code == 302
    assert set(TrainingException.objects.values_list("user__username", "kind")) == {
        ("late", "exemption"),
        ("idle", "exemption"),
    }
    assert status(row(world, "far")) == "overdue"  # Angren was not selected

    content = b"".join(coordinator_client.get(EXCEPTIONS, {"export": "csv"}).streaming_content)
    lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert lines[0] == [
        "Granted at",
        "Granted by",
        "Name",
        "E-mail",
        "Organisation",
        "Course",
        "Exception",
        "New due date",
        "Exempt until",
        "Reason",
        "What changed",
    ]
    assert sorted(line[2] for line in lines[1:]) == ["Idle Person", "Late Person"]
    assert {line[9] for line in lines[1:]} == {'\'=HYPERLINK("http://evil")'}
    sheet = load_workbook(
        io.BytesIO(coordinator_client.get(EXCEPTIONS, {"export": "xlsx"}).content)
    ).active
    assert sheet.max_row == 3

    people = b"".join(
        coordinator_client.get(PEOPLE, {"export": "csv", "status": "exempt"}).streaming_content
    )
    lines = list(csv.reader(io.StringIO(people.decode("utf-8-sig"))))
    assert [(line[0], line[7], line[-1]) for line in lines[1:]] == [
        ("Idle Person", "Exempt", "until lifted"),
        ("Late Person", "Exempt", "until lifted"),
    ]
