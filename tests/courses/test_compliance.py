"""The compliance report: figures rolled up through the organisation tree, filters, the people
behind them, exports, charts, a fixed number of queries, and coordinators confined to their
subtree (also when they type another organisation's id into the URL)."""

import csv
import datetime
import io
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import Employment, Organization
from courses import services
from courses.assignments.services import assignment_create
from courses.compliance import ComplianceFilters, compliance_report_get
from courses.models import Audience, Enrolment, RequiredCourse

from .conftest import lessons_of

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
REPORT = reverse("courses_compliance")
PEOPLE = reverse("courses_compliance_people")


@pytest.fixture
def course(make_course):
    return make_course("Ethics in social media", audience=Audience.CIVIL_SERVANTS, lessons=1)


@pytest.fixture
def world(course, organizations, make_user, django_capture_on_commit_callbacks):
    """Region: Chirchiq (2 people: one completed, one overdue), Angren (1 in progress, 1 not
    started), one person directly in the region (not started). The agency: 1 completed."""
    with django_capture_on_commit_callbacks(execute=True):
        region = assignment_create(
            course=course, organization=organizations["tashkent-region"], due_on=TODAY + 10 * DAY
        )
        assignment_create(
            course=course, organization=organizations["mininfo"], due_on=TODAY + 10 * DAY
        )
    people = {}
    for username, org in [
        ("done", "chirchiq"),
        ("late", "chirchiq"),
        ("busy", "angren"),
        ("idle", "angren"),
        ("boss", "tashkent-region"),
        ("agent", "mininfo"),
    ]:
        people[username] = make_user(username, full_name=f"{username.title()} Person")
        Employment.objects.create(user=people[username], organization=organizations[org])
    with django_capture_on_commit_callbacks(execute=True):
        for username in ("done", "agent"):
            services.lesson_complete(user=people[username], lesson=lessons_of(course)[0])
    services.enrolment_create(user=people["busy"], course=course)
    RequiredCourse.objects.filter(user=people["late"]).update(due_on=TODAY - DAY)
    return {"people": people, "assignment": region}


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user("admin", is_superuser=True, is_staff=True))
    return client


@pytest.fixture
def coordinator_client(client, region_coordinator):
    client.force_login(region_coordinator)
    return client


def table_rows(html: str, table_id: str) -> list[list[str]]:
    """The cell texts of a table's body rows (a tiny parser: enough for our own markup)."""

    class Parser(HTMLParser):
        def __init__(self):
            super().__init__()
            self.inside = self.in_body = self.in_cell = False
            self.rows, self.cell = [], ""

        def handle_starttag(self, tag, attrs):
            if tag == "table" and dict(attrs).get("id") == table_id:
                self.inside = True
            elif self.inside and tag == "tbody":
                self.in_body = True
            elif self.in_body and tag == "tr":
                self.rows.append([])
            elif self.in_body and tag in ("td", "th"):
                self.in_cell, self.cell = True, ""

        def handle_endtag(self, tag):
            if tag == "tbody":
                self.in_body = False
            elif tag == "table":
                self.inside = False
            elif self.in_body and tag in ("td", "th"):
                self.rows[-1].append(" ".join(self.cell.split()))
                self.in_cell = False

        def handle_data(self, data):
            if self.in_cell:
                self.cell += " " + data

    parser = Parser()
    parser.feed(html)
    return parser.rows


def test_superusers_see_every_organisation_rolled_up(admin_client, world):
    response = admin_client.get(REPORT)
    assert response.status_code == 200
    rows = table_rows(response.content.decode(), "compliance-table")
    # name, assigned, completed, in progress, not started, overdue, rate
    assert [row[:7] for row in rows] == [
        ["Information Agency", "1", "1", "0", "0", "0", "100.0 %"],
        ["Tashkent Region", "5", "1", "1", "2", "1", "20.0 %"],
    ]
    assert "<svg" in response.content.decode()


def test_drilling_down_shows_the_children_and_the_people_directly_in_it(
    admin_client, world, organizations
):
    region = organizations["tashkent-region"]
    response = admin_client.get(REPORT, {"organization": region.pk})
    rows = table_rows(response.content.decode(), "compliance-table")
    assert [row[:7] for row in rows] == [
        ["Tashkent Region (directly)", "1", "0", "0", "1", "0", "0.0 %"],
        ["Angren", "2", "0", "1", "1", "0", "0.0 %"],
        ["Chirchiq", "2", "1", "0", "0", "1", "50.0 %"],
    ]


def test_filters_by_course_and_due_period(admin_client, world, make_course, organizations):
    other = make_course("Press work", audience=Audience.CIVIL_SERVANTS, lessons=1)
    response = admin_client.get(REPORT, {"course": other.pk})
    assert response.status_code == 200  # not assigned anywhere: not a choice, so ignored
    response = admin_client.get(REPORT, {"due_from": TODAY.isoformat()})
    rows = table_rows(response.content.decode(), "compliance-table")
    assert rows[1][:2] == ["Tashkent Region", "4"]  # the overdue one was due yesterday
    response = admin_client.get(
        REPORT, {"due_from": (TODAY - 5 * DAY).isoformat(), "due_to": TODAY.isoformat()}
    )
    rows = table_rows(response.content.decode(), "compliance-table")
    assert rows[1][:6] == ["Tashkent Region", "1", "0", "0", "0", "1"]
    response = admin_client.get(
        REPORT, {"due_from": TODAY.isoformat(), "due_to": (TODAY - DAY).isoformat()}
    )
    assert "The end of the period is before its start." in response.content.decode()


def test_people_drill_down_lists_each_required_course_with_its_status(
    admin_client, world, organizations
):
    response = admin_client.get(PEOPLE, {"organization": organizations["chirchiq"].pk})
    rows = table_rows(response.content.decode(), "compliance-people")
    assert [(row[0].split(" done@")[0].split(" late@")[0], row[4]) for row in rows] == [
        ("Done Person", "Completed"),
        ("Late Person", "Overdue"),
    ]
    response = admin_client.get(
        PEOPLE, {"organization": organizations["tashkent-region"].pk, "status": "not_started"}
    )
    names = [
        row[0].split()[0] for row in table_rows(response.content.decode(), "compliance-people")
    ]
    assert sorted(names) == ["Boss", "Idle"]


def test_csv_export_of_the_report_and_of_the_people(admin_client, world, organizations):
    response = admin_client.get(
        REPORT, {"organization": organizations["tashkent-region"].pk, "export": "csv"}
    )
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(content))) == [
        [
            "Organisation",
            "Code",
            "Assigned",
            "Completed",
            "In progress",
            "Not started",
            "Overdue",
            "Completion rate (%)",
            "Extended",
            "Exempt",
        ],
        ["Tashkent Region (directly)", "tashkent-region", "1", "0", "0", "1", "0", "0.0", "0", "0"],
        ["Angren", "angren", "2", "0", "1", "1", "0", "0.0", "0", "0"],
        ["Chirchiq", "chirchiq", "2", "1", "0", "0", "1", "50.0", "0", "0"],
        ["Total", "tashkent-region", "5", "1", "1", "2", "1", "20.0", "0", "0"],
    ]

    response = admin_client.get(
        PEOPLE, {"organization": organizations["chirchiq"].pk, "export": "csv"}
    )
    lines = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert lines[0][:8] == [
        "Name",
        "Username",
        "E-mail",
        "Organisation",
        "Organisation code",
        "Course",
        "Due date",
        "Status",
    ]
    assert [line[:8] for line in lines[1:]] == [
        [
            "Done Person",
            "done",
            "done@example.uz",
            "Chirchiq",
            "chirchiq",
            "Ethics in social media",
            (TODAY + 10 * DAY).isoformat(),
            "Completed",
        ],
        [
            "Late Person",
            "late",
            "late@example.uz",
            "Chirchiq",
            "chirchiq",
            "Ethics in social media",
            (TODAY - DAY).isoformat(),
            "Overdue",
        ],
    ]
    assert lines[1][9]  # completed at
    assert lines[2][9] == ""


def test_csv_cells_cannot_run_as_spreadsheet_formulas(admin_client, world):
    user = world["people"]["late"]
    user.full_name = '=HYPERLINK("http://evil")'
    user.save()
    response = admin_client.get(PEOPLE, {"export": "csv"})
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in content


def test_xlsx_export(admin_client, world, organizations):
    response = admin_client.get(REPORT, {"export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[1][:3] == ["Information Agency", "mininfo", 1]
    assert values[-1][:4] == ["Total", None, 6, 2]
    response = admin_client.get(PEOPLE, {"export": "xlsx", "status": "overdue"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][1] == "late"


def test_coordinators_see_only_their_subtree(coordinator_client, world, organizations):
    response = coordinator_client.get(REPORT)
    assert response.status_code == 200
    rows = table_rows(response.content.decode(), "compliance-table")
    assert [row[0] for row in rows] == ["Tashkent Region"]
    assert "Information Agency" not in response.content.decode()
    offered = [
        str(label).strip()
        for _pk, label in response.context["form"].fields["organization"].widget.choices
    ]
    assert offered == ["All organisations", "Tashkent Region", "Angren", "Chirchiq"]
    content = b"".join(coordinator_client.get(PEOPLE, {"export": "csv"}).streaming_content)
    assert b"agent" not in content
    assert b"late" in content


@pytest.mark.parametrize("url", [REPORT, PEOPLE])
@pytest.mark.parametrize("export", ["", "csv", "xlsx"])
def test_another_organisations_people_cannot_be_reached_by_url(
    coordinator_client, world, organizations, url, export
):
    params = {"organization": organizations["mininfo"].pk}
    if export:
        params["export"] = export
    response = coordinator_client.get(url, params)
    assert response.status_code == 404
    # Its own districts are fine.
    params["organization"] = organizations["angren"].pk
    assert coordinator_client.get(url, params).status_code == 200


def test_people_without_the_permission_are_refused(client, world, make_user, organizations):
    learner = world["people"]["done"]
    client.force_login(learner)
    assert client.get(REPORT).status_code in (302, 403)
    # Admin access without the report permission: 403.
    trainer = make_user("trainer", groups=["Trainers"])
    client.force_login(trainer)
    assert Group.objects.filter(name="Trainers").exists()
    for url in (REPORT, PEOPLE, REPORT + "?export=csv"):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert b"Tashkent" not in response.content


def _grow(course, organizations, make_user, count, prefix):
    """More learners, organisations and statuses (straight rows: the report reads only rows)."""
    region = Organization.objects.get(pk=organizations["tashkent-region"].pk)
    for number in range(count):
        district = region.add_child(
            code=f"{prefix}-d{number}", name=f"District {prefix} {number}", kind="district"
        )
        region.refresh_from_db()
        user = make_user(f"{prefix}{number}")
        Employment.objects.create(user=user, organization=district)
        if number % 2:
            Enrolment.objects.create(user=user, course=course)


def report_queries(client, url, params) -> int:
    client.get(url, params)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("url", "params"),
    [
        (REPORT, {}),
        (REPORT, {"organization": "region"}),
        (PEOPLE, {"organization": "region"}),
        (REPORT, {"organization": "region", "export": "csv"}),
        (PEOPLE, {"organization": "region", "export": "csv"}),
    ],
)
def test_the_report_runs_a_fixed_number_of_queries(
    coordinator_client,
    world,
    course,
    organizations,
    make_user,
    url,
    params,
    django_assert_max_num_queries,
):
    params = {
        key: organizations["tashkent-region"].pk if value == "region" else value
        for key, value in params.items()
    }
    _grow(course, organizations, make_user, 3, "a")
    small = report_queries(coordinator_client, url, params)
    _grow(course, organizations, make_user, 30, "b")
    assert RequiredCourse.objects.count() > 35
    large = report_queries(coordinator_client, url, params)
    assert large == small
    # 17: one more than before codes of conduct, their section beside the courses
    # (COMPLIANCE_SECTION_HOOK, one GROUP BY whatever the number of codes or people).
    with django_assert_max_num_queries(17, info=url):
        coordinator_client.get(url, params)


def test_completions_per_month_for_the_line_chart(world, make_user, organizations):
    admin = make_user("admin", is_superuser=True)
    # One more completion, four months ago, in Angren.
    busy = RequiredCourse.objects.get(user=world["people"]["busy"])
    four_months_ago = timezone.now() - datetime.timedelta(days=122)
    RequiredCourse.objects.filter(pk=busy.pk).update(completed_at=four_months_ago)
    report = compliance_report_get(user=admin, filters=ComplianceFilters())
    assert len(report.timeline) == 12
    assert report.timeline[-1] == (TODAY.replace(day=1), 2)
    month = timezone.localtime(four_months_ago).date().replace(day=1)
    assert dict(report.timeline)[month] == 1
    assert sum(count for _month, count in report.timeline) == 3
    region = compliance_report_get(
        user=admin, filters=ComplianceFilters(organization_id=organizations["angren"].pk)
    )
    assert sum(count for _month, count in region.timeline) == 1


def test_due_date_filters_are_day_first_date_pickers(admin_client):
    html = admin_client.get(REPORT).content.decode()
    assert 'type="date"' not in html  # the browser's own widget follows its locale (mm/dd/yyyy)
    assert "w-date" in html or "datetimepicker" in html.lower()
    day = TODAY - 5 * DAY
    response = admin_client.get(REPORT, {"due_from": day.strftime("%d.%m.%Y")})
    assert response.status_code == 200 and response.context["form"].is_valid()
