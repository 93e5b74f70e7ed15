"""Regrading after a question's key changed, on a hand-built set of attempts: the preview names
who gains, who loses and whose result flips; applying it to the chosen attempts gives the
expected marks, keeps both marks with an audit entry, completes the lesson of a learner who now
passes and flags (never revokes) one who now fails."""

from decimal import Decimal

import pytest
from django.urls import reverse

from courses.models import LessonCompletion
from quizzes.attempts import answer_save, attempt_start, attempt_submit
from quizzes.models import Attempt, MarkChange
from quizzes.regrading import regrade_apply, regrade_preview
from quizzes.signals import quiz_passed
from tests.courses import conftest as course_fixtures
from tests.quizzes.conftest import choice
from tests.quizzes.test_quiz_in_course import embed

pytestmark = pytest.mark.django_db

catalogue = course_fixtures.catalogue
make_course = course_fixtures.make_course


def rekey(question, right_text):
    """The methodologist fixes the key: ``right_text`` is now the one right answer."""
    raw = [dict(block) for block in question.answers.raw_data]
    for block in raw:
        if block["type"] == "choice":
            block["value"] = {
                **block["value"],
                "fraction": "100" if block["value"]["text"] == right_text else "0",
            }
    question.answers = raw
    question.full_clean()
    question.save()


def choice_id(attempt, position, text):
    row = attempt.questions.get(position=position)
    return next(c["id"] for c in row.snapshot["choices"] if c["text"] == text)


@pytest.fixture
def setup(make_user, make_question, make_quiz, make_course, django_capture_on_commit_callbacks):
    wrong_key = make_question(
        text="Who may answer for the ministry?",
        answers=[choice("A: any employee", 100), choice("B: the press secretary"), choice("C")],
    )
    easy = make_question(text="Is the channel official?")
    quiz = make_quiz([wrong_key, easy], title="Press check", pass_mark=Decimal(100))
    lesson = embed(make_course(lessons=1), quiz)
    learners = {}
    for name, text in (
        ("aziza", "A: any employee"),
        ("bobur", "B: the press secretary"),
        ("dilnoza", "C"),
    ):
        learner = make_user(name)
        attempt = attempt_start(quiz=quiz, user=learner, lesson_id=lesson.pk)
        answer_save(
            attempt=attempt,
            responses={
                1: {"choice": choice_id(attempt, 1, text)},
                2: {"choice": choice_id(attempt, 2, "Right answer")},
            },
        )
        with django_capture_on_commit_callbacks(execute=True):
            learners[name] = attempt_submit(attempt=attempt)
    return {"question": wrong_key, "quiz": quiz, "lesson": lesson, "attempts": learners}


@pytest.fixture
def passed_signals():
    received = []
    quiz_passed.connect(
        lambda **kwargs: received.append(kwargs["user"].username),
        weak=False,
        dispatch_uid="test-regrading",
    )
    yield received
    quiz_passed.disconnect(dispatch_uid="test-regrading")


def test_before_the_regrade(setup):
    attempts = setup["attempts"]
    assert [attempts[name].percent for name in ("aziza", "bobur", "dilnoza")] == [100, 50, 50]
    assert LessonCompletion.objects.filter(lesson=setup["lesson"]).count() == 1  # aziza


def test_the_preview_names_who_gains_loses_and_flips(setup):
    rekey(setup["question"], "B: the press secretary")
    preview = {
        entry.attempt.user.username: entry for entry in regrade_preview(question=setup["question"])
    }
    assert set(preview) == {"aziza", "bobur", "dilnoza"}
    aziza, bobur, dilnoza = preview["aziza"], preview["bobur"], preview["dilnoza"]
    assert (aziza.points_before, aziza.points_after, aziza.percent_after) == (1, 0, 50)
    assert aziza.loses and aziza.result_flips and aziza.passed_after is False
    assert (bobur.points_before, bobur.points_after, bobur.percent_after) == (0, 1, 100)
    assert bobur.gains and bobur.result_flips and bobur.passed_after is True
    assert dilnoza.change == 0 and not dilnoza.result_flips
    # A preview changes nothing.
    assert Attempt.objects.get(pk=aziza.attempt.pk).percent == 100
    assert not MarkChange.objects.exists()


def test_applying_to_chosen_attempts(
    setup, make_user, passed_signals, django_capture_on_commit_callbacks
):
    question, attempts = setup["question"], setup["attempts"]
    rekey(question, "B: the press secretary")
    methodologist = make_user("methodologist", groups=["Methodologists"])
    chosen = [attempts["aziza"].pk, attempts["bobur"].pk]
    with django_capture_on_commit_callbacks(execute=True):
        changes = regrade_apply(question=question, attempt_ids=chosen, by=methodologist)
    assert len(changes) == 2
    aziza, bobur, dilnoza = (
        Attempt.objects.get(pk=attempts[name].pk) for name in ("aziza", "bobur", "dilnoza")
    )
    # Aziza: 1 → 0 points, 100% → 50%, fails now: flagged, her completion kept.
    assert (aziza.points, aziza.percent, aziza.passed, aziza.needs_review) == (1, 50, False, True)
    assert LessonCompletion.objects.filter(user=aziza.user, lesson=setup["lesson"]).exists()
    # Bobur: 0 → 1, 50% → 100%: passes, announced once, his lesson is complete.
    assert (bobur.points, bobur.percent, bobur.passed, bobur.needs_review) == (2, 100, True, False)
    assert passed_signals == ["bobur"]
    assert LessonCompletion.objects.filter(user=bobur.user, lesson=setup["lesson"]).exists()
    # Dilnoza was not chosen: untouched.
    assert (dilnoza.percent, dilnoza.passed) == (50, False)
    # Both marks and the audit entry are kept.
    entry = MarkChange.objects.get(attempt=aziza)
    assert (entry.kind, entry.points_before, entry.points_after) == ("regrade", 1, 0)
    assert (entry.percent_before, entry.percent_after) == (100, 50)
    assert (entry.passed_before, entry.passed_after, entry.changed_by) == (
        True,
        False,
        methodologist,
    )
    old_shares = {c["text"]: c["fraction"] for c in entry.snapshot_before["choices"]}
    new_shares = {c["text"]: c["fraction"] for c in entry.row.snapshot["choices"]}
    assert old_shares["A: any employee"] == "1" and new_shares["A: any employee"] == "0"
    # Regrading again changes nothing more (Dilnoza's C is wrong under both keys).
    assert [e.change for e in regrade_preview(question=question)] == [0, 0, 0]


def test_the_admin_page_previews_and_applies(client, setup, make_user):
    question, attempts = setup["question"], setup["attempts"]
    rekey(question, "B: the press secretary")
    client.force_login(make_user("methodologist", groups=["Methodologists"]))
    url = reverse("quizzes_regrade", args=[question.pk])
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200 and "Aziza" in html and "Bobur" in html
    assert client.post(url, {}).status_code == 400
    response = client.post(url, {"attempt": [attempts["bobur"].pk]})
    assert response.status_code == 302
    assert Attempt.objects.get(pk=attempts["bobur"].pk).passed is True
    assert Attempt.objects.get(pk=attempts["aziza"].pk).passed is True
    marking = client.get(reverse("quizzes_marking_attempt", args=[attempts["bobur"].pk]))
    assert "0 → 1" in marking.content.decode()
    client.force_login(make_user("learner"))
    assert client.get(url).status_code in (302, 403)
