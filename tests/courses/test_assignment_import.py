"""Bulk assignment from a file: people named by e-mail address or personnel number, one due
date, every row checked first and nothing written unless all are good; the coordinator's
subtree limits whom a file may name; the people, and only they, then have the course required."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import Workbook

from accounts.models import Employment
from core.table_import import TableImportError
from courses.assignments.importing import assignments_import
from courses.assignments.services import assignment_create
from courses.models import Audience, RequiredCourse, RequiredCourseStatus, TrainingAssignment

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DUE = TODAY + datetime.timedelta(days=30)


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"  # the admin speaks the site's default language
    with translation.override("en"):
        yield


@pytest.fixture
def course(make_course):
    return make_course("Ethics in social media", audience=Audience.CIVIL_SERVANTS, lessons=1)


@pytest.fixture
def staff(make_user, organizations):
    """Three people in the region's districts, one in the agency."""
    people = {}
    for username, organization, number in [
        ("aziz", "chirchiq", "1001"),
        ("bobur", "chirchiq", "1002"),
        ("dilnoza", "angren", "1001"),  # the same number in another district
        ("elyor", "mininfo", "2001"),
    ]:
        user = make_user(username)
        Employment.objects.create(
            user=user, organization=organizations[organization], personnel_number=number
        )
        people[username] = user
    return people


def csv_bytes(*rows: str, header: str = "email,personnel_number") -> bytes:
    return (header + "\n" + "\n".join(rows) + "\n").encode()


def run(course, organization, content, *, file_name="people.csv", due_on=DUE, by=None):
    return assignments_import(
        course=course,
        organization=organization,
        due_on=due_on,
        file_name=file_name,
        content=content,
        imported_by=by,
    )


def required(course):
    return {
        row.user.username: row.due_on
        for row in RequiredCourse.objects.filter(course=course).select_related("user")
    }


def test_people_by_email_and_personnel_number_get_the_course_with_the_due_date(
    course, organizations, staff
):
    content = csv_bytes("AZIZ@example.uz,", ",1002", "dilnoza@example.uz,1001")

    result = run(course, organizations["tashkent-region"], content)

    assert result.people == 3 and result.earlier_due == 0
    assert required(course) == {"aziz": DUE, "bobur": DUE, "dilnoza": DUE}
    assignment = result.assignment
    assert assignment.listed_only and assignment.source_name == "people.csv"
    assert set(assignment.learners.values_list("username", flat=True)) == {
        "aziz",
        "bobur",
        "dilnoza",
    }
    row = RequiredCourse.objects.get(user=staff["bobur"], course=course)
    assert row.organization == organizations["chirchiq"]
    assert row.status_on(TODAY) == RequiredCourseStatus.NOT_STARTED


def test_only_the_people_listed_are_covered_not_their_colleagues(
    make_user, course, organizations, staff
):
    run(course, organizations["chirchiq"], csv_bytes("aziz@example.uz,"))
    newcomer = make_user("farrux")
    Employment.objects.create(user=newcomer, organization=organizations["chirchiq"])

    assert required(course) == {"aziz": DUE}


def test_a_listed_person_who_leaves_the_subtree_drops_out_and_returns_if_back(
    course, organizations, staff
):
    run(course, organizations["tashkent-region"], csv_bytes("aziz@example.uz,"))
    employment = Employment.objects.get(user=staff["aziz"])
    employment.ended_on = TODAY
    employment.save()
    assert required(course) == {}

    Employment.objects.create(user=staff["aziz"], organization=organizations["angren"])
    assert required(course) == {"aziz": DUE}


def test_an_earlier_due_date_from_another_assignment_stays(
    course, organizations, staff, django_capture_on_commit_callbacks
):
    soon = TODAY + datetime.timedelta(days=5)
    with django_capture_on_commit_callbacks(execute=True):
        assignment_create(course=course, organization=organizations["chirchiq"], due_on=soon)

    result = run(
        course,
        organizations["tashkent-region"],
        csv_bytes("aziz@example.uz,", "dilnoza@example.uz,"),
    )

    assert result.people == 2 and result.earlier_due == 1
    assert required(course) == {"aziz": soon, "bobur": soon, "dilnoza": DUE}


def test_every_bad_row_is_named_by_its_line_and_nothing_is_assigned(
    make_user, course, organizations, staff
):
    outsider = make_user("outsider")  # works nowhere
    content = csv_bytes(
        "aziz@example.uz,,Aziz",  # 2: good
        ",,Somebody",  # 3: names nobody
        "not-an-email,,",  # 4
        "elyor@example.uz,,",  # 5: works in the agency, outside the region
        f"{outsider.email},,",  # 6: works nowhere
        ",9999,",  # 7: unknown number
        ",1001,",  # 8: two people in the region have 1001
        "aziz@example.uz,1002,",  # 9: the e-mail is Aziz's, the number Bobur's
        ",1002,",  # 10: good (Bobur)
        "Bobur@Example.uz,,",  # 11: Bobur again
        header="email,personnel_number,full_name",
    )

    with pytest.raises(TableImportError) as raised:
        run(course, organizations["tashkent-region"], content)

    assert {error.line: error.message for error in raised.value.errors} == {
        3: "Give an e-mail address or a personnel number.",
        4: "“not-an-email” is not a valid e-mail address.",
        5: "Nobody with the e-mail address elyor@example.uz works in Tashkent Region or below.",
        6: "Nobody with the e-mail address outsider@example.uz works in Tashkent Region or below.",
        7: "Nobody in Tashkent Region or below has the personnel number 9999.",
        8: (
            "Several people in Tashkent Region or below have the personnel number 1001; give "
            "the e-mail address instead."
        ),
        9: "The e-mail address and the personnel number are of two different people.",
        11: "Bobur is also on line 10.",
    }
    assert str(raised.value.errors[0]).startswith("Line 3:")
    assert not TrainingAssignment.objects.exists()
    assert not RequiredCourse.objects.exists()


def test_the_file_as_a_whole_is_checked(course, organizations, staff):
    region = organizations["tashkent-region"]
    cases = [
        (csv_bytes("aziz@example.uz", header="full_name"), "people.csv", DUE),
        (csv_bytes("aziz@example.uz,x", header="email,shoe_size"), "people.csv", DUE),
        (b"\x00\x01", "people.pdf", DUE),
        (b"email\n", "people.csv", DUE),
        (csv_bytes("aziz@example.uz,"), "people.csv", TODAY - datetime.timedelta(days=1)),
    ]
    messages = []
    for content, name, due_on in cases:
        with pytest.raises(TableImportError) as raised:
            run(course, region, content, file_name=name, due_on=due_on)
        messages.append([str(error) for error in raised.value.errors])
    assert messages == [
        ["Line 1: The file needs at least one of these columns: email, personnel_number."],
        ["Line 1: Unknown columns: shoe_size. Allowed: email, personnel_number, full_name."],
        ["Upload a .csv or .xlsx file."],
        ["Line 1: The file has no rows of people under the column names."],
        ["The due date is in the past."],
    ]
    assert not TrainingAssignment.objects.exists()


def test_an_xlsx_file_with_numbers_typed_as_numbers(course, organizations, staff):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Personnel number", "Full name"])
    sheet.append([1002, "Bobur"])  # a number cell: read as "1002", not "1002.0"
    buffer = io.BytesIO()
    workbook.save(buffer)

    run(course, organizations["chirchiq"], buffer.getvalue(), file_name="people.xlsx")

    assert required(course) == {"bobur": DUE}


def test_a_coordinator_assigns_only_within_their_subtree(
    region_coordinator, course, organizations, staff
):
    with pytest.raises(PermissionDenied):
        run(course, organizations["mininfo"], csv_bytes("elyor@example.uz,"), by=region_coordinator)

    result = run(course, organizations["chirchiq"], csv_bytes(",1001"), by=region_coordinator)
    assert result.assignment.created_by == region_coordinator
    assert required(course) == {"aziz": DUE}


def test_a_file_assignment_does_not_stop_the_organisation_wide_one(course, organizations, staff):
    run(course, organizations["chirchiq"], csv_bytes("aziz@example.uz,"))
    assignment_create(course=course, organization=organizations["chirchiq"], due_on=DUE)
    run(course, organizations["chirchiq"], csv_bytes("bobur@example.uz,"), file_name="more.csv")

    assert TrainingAssignment.objects.filter(course=course).count() == 3
    assert required(course) == {"aziz": DUE, "bobur": DUE}


# The admin page ---------------------------------------------------------------------------------


def upload(content, name="people.csv"):
    file = io.BytesIO(content)
    file.name = name
    return file


def test_the_admin_page_assigns_and_lists_the_file(
    client, region_coordinator, course, organizations, staff
):
    client.force_login(region_coordinator)
    url = reverse("courses_assignment_import")
    listing = client.get(reverse("wagtailsnippets_courses_trainingassignment:list"))
    assert url in listing.content.decode()  # "Assign from a file" beside "Add"

    form = client.get(url)
    organisations = [
        str(label) for _v, label in form.context["form"].fields["organization"].choices
    ]
    assert "Chirchiq" in organisations and "Information Agency" not in organisations

    response = client.post(
        url,
        {
            "course": course.pk,
            "organization": organizations["tashkent-region"].pk,
            "due_on": DUE.isoformat(),
            "file": upload(csv_bytes("aziz@example.uz,", ",1002")),
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Ethics in social media is assigned to 2 people" in page
    assert "2 people listed in people.csv" in page
    assert required(course) == {"aziz": DUE, "bobur": DUE}


def test_the_admin_page_lists_the_problems_and_assigns_nobody(
    client, region_coordinator, course, organizations, staff
):
    client.force_login(region_coordinator)
    response = client.post(
        reverse("courses_assignment_import"),
        {
            "course": course.pk,
            "organization": organizations["tashkent-region"].pk,
            "due_on": DUE.isoformat(),
            "file": upload(csv_bytes("aziz@example.uz,", "elyor@example.uz,")),
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nobody was assigned: 1 problem was found." in page
    assert "Nobody with the e-mail address elyor@example.uz works in Tashkent Region" in page
    assert not RequiredCourse.objects.exists()


def test_an_organisation_outside_the_subtree_is_refused_by_the_form(
    client, region_coordinator, course, organizations, staff
):
    client.force_login(region_coordinator)
    response = client.post(
        reverse("courses_assignment_import"),
        {
            "course": course.pk,
            "organization": organizations["mininfo"].pk,
            "due_on": DUE.isoformat(),
            "file": upload(csv_bytes("elyor@example.uz,")),
        },
    )
    assert response.status_code == 400
    assert not TrainingAssignment.objects.exists()


def test_learners_and_trainers_cannot_open_the_page(client, civil_servant):
    client.force_login(civil_servant)
    response = client.get(reverse("courses_assignment_import"))
    assert response.status_code in (302, 403)


# The management command -------------------------------------------------------------------------


def test_the_command_assigns_or_names_every_problem(tmp_path, course, organizations, staff):
    good = tmp_path / "people.csv"
    good.write_bytes(csv_bytes("aziz@example.uz,"))
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes("aziz@example.uz,", ",9999"))
    out = io.StringIO()

    with pytest.raises(CommandError, match="Line 3: Nobody in Chirchiq or below"):
        call_command(
            "assign_from_file", str(bad), course=course.pk, organisation="chirchiq", due=str(DUE)
        )
    assert not TrainingAssignment.objects.exists()

    call_command(
        "assign_from_file",
        str(good),
        course=course.pk,
        organisation="chirchiq",
        due=str(DUE),
        stdout=out,
    )
    assert "to 1 people" in out.getvalue()
    assert required(course) == {"aziz": DUE}
