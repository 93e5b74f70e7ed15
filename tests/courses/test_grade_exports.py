"""Grade exports of a course (its quizzes' grades, one row per learner) from the admin, for an
organisation's subtree, and confined to a coordinator's scope."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from accounts.models import Employment
from courses import services
from courses.assignments.services import assignment_create
from courses.grade_exports import course_grade_rows
from courses.models import Audience, LessonPage
from quizzes.attempts import answer_save, attempt_start, attempt_submit
from tests.quizzes import conftest as quiz_fixtures

from .test_compliance import table_rows

pytestmark = pytest.mark.django_db

category = quiz_fixtures.category
make_question = quiz_fixtures.make_question
make_quiz = quiz_fixtures.make_quiz
EXPORT = reverse("courses_grade_export")


@pytest.fixture(autouse=True)
def english():
    """The headers read in English (the pages and quizzes live in the default locale)."""
    with translation.override("en"):
        yield


@pytest.fixture
def course_and_quiz(make_course, make_quiz, make_question):
    course = make_course("Data protection", audience=Audience.CIVIL_SERVANTS, lessons=1)
    quiz = make_quiz([make_question()], title="Lesson check")
    lesson = LessonPage.objects.child_of(course).get()
    lesson.body = [*lesson.body.raw_data, {"type": "quiz", "value": {"quiz": quiz.pk}}]
    lesson.save_revision().publish()
    return course, quiz


def take(quiz, user, right: bool):
    attempt = attempt_start(quiz=quiz, user=user)
    row = attempt.questions.get()
    wanted = 1 if right else 0
    choice = next(c["id"] for c in row.snapshot["choices"] if Decimal(c["fraction"]) == wanted)
    answer_save(attempt=attempt, responses={row.position: {"choice": choice}})
    attempt_submit(attempt=attempt)


@pytest.fixture
def learners(make_user, organizations, course_and_quiz):
    course, quiz = course_and_quiz
    people = {}
    for username, org in [("aziza", "chirchiq"), ("bekzod", "angren"), ("agent", "mininfo")]:
        people[username] = make_user(username, full_name=f"{username.title()} Person")
        Employment.objects.create(user=people[username], organization=organizations[org])
    take(quiz, people["aziza"], True)
    take(quiz, people["aziza"], False)
    take(quiz, people["agent"], False)
    services.enrolment_create(user=people["bekzod"], course=course)  # no attempt yet
    return people


def test_one_row_per_learner_with_each_quizs_grade(course_and_quiz, learners):
    course, _quiz = course_and_quiz
    rows = list(course_grade_rows(course=course))
    assert rows[0] == [
        "Name",
        "Username",
        "E-mail",
        "Course grade (%)",
        "Lesson check: grade (%)",
        "Lesson check: attempts",
    ]
    assert rows[1:] == [
        ["Agent Person", "agent", "agent@example.uz", 0.0, 0.0, 1],
        ["Aziza Person", "aziza", "aziza@example.uz", 100.0, 100.0, 2],
        ["Bekzod Person", "bekzod", "bekzod@example.uz", None, None, 0],
    ]


def test_admin_export_for_a_coordinators_organisation_only(
    client, region_coordinator, course_and_quiz, learners, organizations
):
    course, quiz = course_and_quiz
    client.force_login(region_coordinator)
    region = organizations["tashkent-region"].pk
    response = client.get(EXPORT, {"course": course.pk, "organization": region, "export": "csv"})
    lines = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [line[0] for line in lines[1:]] == ["Aziza Person", "Bekzod Person"]
    response = client.get(EXPORT, {"quiz": quiz.pk, "organization": region, "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [row[0].value for row in sheet.iter_rows()][1:] == ["Aziza Person"]  # header + one
    # Another subtree, or no organisation at all: not found.
    mininfo = organizations["mininfo"].pk
    assert client.get(EXPORT, {"course": course.pk, "organization": mininfo}).status_code == 404
    assert client.get(EXPORT, {"course": course.pk}).status_code == 404
    # The report offers the download once a course is chosen.
    assignment_create(
        course=course, organization=organizations["tashkent-region"], due_days_after_joining=30
    )
    report = client.get(
        reverse("courses_compliance"), {"course": course.pk, "organization": region}
    ).content.decode()
    assert f"{EXPORT}?course={course.pk}&amp;organization={region}&amp;export=xlsx" in report


def test_quiz_grades_in_the_compliance_people_list(
    client,
    region_coordinator,
    course_and_quiz,
    learners,
    organizations,
    django_capture_on_commit_callbacks,
):
    course, _quiz = course_and_quiz
    with django_capture_on_commit_callbacks(execute=True):
        assignment_create(
            course=course, organization=organizations["tashkent-region"], due_days_after_joining=30
        )
    client.force_login(region_coordinator)
    html = client.get(
        reverse("courses_compliance_people"),
        {"organization": organizations["tashkent-region"].pk},
    ).content.decode()
    grades = {row[0].split(" ")[0]: row[-1] for row in table_rows(html, "compliance-people")}
    # The highest of her two attempts (the decimal mark follows the admin's language).
    assert grades["Aziza"].replace(",", ".") == "100.00 %"
    assert grades["Bekzod"] == "—"  # enrolled, no attempt yet
