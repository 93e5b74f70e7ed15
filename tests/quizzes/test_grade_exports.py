"""Grade exports of a quiz: one row per learner, their grade by the quiz's grading method,
attempts, dates, state and per-question marks; CSV and XLSX, formula-safe; the command."""

import csv
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import translation
from openpyxl import load_workbook

from accounts.models import Employment
from quizzes.attempts import answer_save, attempt_start, attempt_submit
from quizzes.grade_exports import quiz_grade_rows
from quizzes.models.quizzes import GradingMethod

pytestmark = pytest.mark.django_db

HEADER = [
    "Name",
    "Username",
    "E-mail",
    "Grade (%)",
    "Grading method",
    "Attempts",
    "First started",
    "Last finished",
    "State",
    "Passed",
    "Question 1",
    "Question 2",
]


@pytest.fixture(autouse=True)
def english():
    """The headers read in English (the quizzes themselves live in the default locale)."""
    with translation.override("en"):
        yield


def pick(row, right: bool):
    wanted = 1 if right else 0
    return next(c["id"] for c in row.snapshot["choices"] if Decimal(c["fraction"]) == wanted)


def take(quiz, user, rights: list[bool]):
    attempt = attempt_start(quiz=quiz, user=user)
    rows = list(attempt.questions.order_by("position"))
    answer_save(
        attempt=attempt,
        responses={
            row.position: {"choice": pick(row, right)}
            for row, right in zip(rows, rights, strict=True)
        },
    )
    return attempt_submit(attempt=attempt)


@pytest.fixture
def quiz(make_quiz, make_question):
    return make_quiz(
        [make_question(text="First?"), make_question(text="Second?")],
        grading=GradingMethod.HIGHEST,
        attempts_allowed=0,
    )


@pytest.fixture
def learners(make_user, organizations):
    people = {
        "aziza": make_user("aziza", full_name="Aziza Karimova"),
        "evil": make_user("evil", full_name='=HYPERLINK("http://evil")'),
        "far": make_user("far", full_name="Far Away"),
    }
    Employment.objects.create(user=people["aziza"], organization=organizations["chirchiq"])
    Employment.objects.create(user=people["evil"], organization=organizations["angren"])
    Employment.objects.create(user=people["far"], organization=organizations["mininfo"])
    return people


def test_one_row_per_learner_with_the_grade_by_the_quizs_method(quiz, learners):
    take(quiz, learners["aziza"], [True, False])  # 50 %
    take(quiz, learners["aziza"], [True, True])  # 100 %: the highest
    take(quiz, learners["aziza"], [False, False])  # 0 %
    take(quiz, learners["evil"], [False, True])
    rows = list(quiz_grade_rows(quiz=quiz))
    assert rows[0] == HEADER
    # Ordered by name; the formula is escaped when written (core.exports, tested below).
    assert [row[1] for row in rows[1:]] == ["evil", "aziza"]
    aziza = rows[2]
    assert aziza[3:6] == [100.0, "Highest grade", 3]
    assert aziza[8:] == ["Finished", "yes", 1.0, 1.0]  # the marks of the best attempt

    quiz.grading = GradingMethod.LAST
    quiz.save()
    aziza = list(quiz_grade_rows(quiz=quiz))[2]
    assert (aziza[3], aziza[10:]) == (0.0, [0.0, 0.0])
    quiz.grading = GradingMethod.AVERAGE
    quiz.save()
    assert list(quiz_grade_rows(quiz=quiz))[2][3] == 50.0


def test_csv_and_xlsx_from_the_command_for_an_organisation(quiz, learners, organizations, tmp_path):
    for user in learners.values():
        take(quiz, user, [True, False])
    path = tmp_path / "grades.csv"
    call_command(
        "export_grades",
        "--quiz", str(quiz.pk),
        "--organisation", str(organizations["tashkent-region"].pk),
        "--format", "csv",
        "--output", str(path),
    )  # fmt: skip
    with open(path, encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    assert lines[0] == HEADER
    # The agency's learner is not in the region; the formula is made inert.
    assert [line[0] for line in lines[1:]] == ['\'=HYPERLINK("http://evil")', "Aziza Karimova"]
    assert [line[3] for line in lines[1:]] == ["50.0", "50.0"]

    path = tmp_path / "grades.xlsx"
    call_command("export_grades", "--quiz", str(quiz.pk), "--format", "xlsx", "--output", str(path))
    sheet = load_workbook(path).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == HEADER
    assert len(values) == 4  # one row per learner
    assert '\'=HYPERLINK("http://evil")' in [row[0] for row in values]
    assert {row[3] for row in values[1:]} == {50}
