"""The attempt flow through the services: start, resume, save, check, submit once, time limit."""

import random
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from quizzes.attempts import (
    MESSAGE_NO_ATTEMPTS_LEFT,
    AttemptClosed,
    answer_save,
    attempt_start,
    attempt_submit,
    attempts_submit_overdue,
    question_check,
)
from quizzes.marking import answer_mark
from quizzes.models import Attempt, AttemptQuestion, QuestionCategory, QuizSlot
from quizzes.selectors import quiz_grade
from quizzes.signals import quiz_passed
from tests.quizzes.conftest import choice

pytestmark = pytest.mark.django_db


def right_choice(row):
    return next(c["id"] for c in row.snapshot["choices"] if Decimal(c["fraction"]) == 1)


def wrong_choice(row):
    return next(c["id"] for c in row.snapshot["choices"] if Decimal(c["fraction"]) == 0)


@pytest.fixture
def learner(make_user):
    return make_user("learner")


@pytest.fixture
def quiz(make_question, make_quiz):
    questions = [make_question(text=f"Question {n}") for n in range(4)]
    return make_quiz(questions, pass_mark=Decimal(50))


def answer_all(attempt, *, right=True):
    responses = {}
    for row in attempt.questions.all():
        responses[row.position] = {"choice": right_choice(row) if right else wrong_choice(row)}
    answer_save(attempt=attempt, responses=responses)


def test_start_freezes_the_questions_and_resume_returns_the_same_attempt(quiz, learner, rng):
    attempt = attempt_start(quiz=quiz, user=learner, rng=rng)
    assert attempt.questions.count() == 4
    assert attempt.max_points == 4
    again = attempt_start(quiz=quiz, user=learner, rng=rng)
    assert again.pk == attempt.pk
    assert Attempt.objects.count() == 1


def test_one_open_attempt_per_user_is_a_database_constraint(quiz, learner):
    attempt_start(quiz=quiz, user=learner)
    with pytest.raises(IntegrityError), transaction.atomic():
        Attempt.objects.create(quiz=quiz, user=learner, number=2, started_at=timezone.now())


def test_results_are_stored_per_user(quiz, make_user):
    first, second = make_user("first"), make_user("second")
    one = attempt_start(quiz=quiz, user=first)
    answer_all(one, right=True)
    attempt_submit(attempt=one)
    two = attempt_start(quiz=quiz, user=second)
    answer_all(two, right=False)
    attempt_submit(attempt=two)
    assert Attempt.objects.get(user=first).percent == 100
    assert Attempt.objects.get(user=second).percent == 0


def test_submit_grades_once_and_a_second_submit_changes_nothing(quiz, learner):
    attempt = attempt_start(quiz=quiz, user=learner)
    answer_all(attempt)
    first = attempt_submit(attempt=attempt)
    finished_at = first.finished_at
    again = attempt_submit(
        attempt=Attempt.objects.get(pk=attempt.pk), now=timezone.now() + timedelta(hours=1)
    )
    assert again.finished_at == finished_at
    assert again.percent == 100 and again.passed is True
    assert Attempt.objects.filter(quiz=quiz, user=learner, state="finished").count() == 1


def test_saving_after_submit_is_refused(quiz, learner):
    attempt = attempt_start(quiz=quiz, user=learner)
    attempt_submit(attempt=attempt)
    with pytest.raises(AttemptClosed):
        answer_save(attempt=attempt, responses={1: {"choice": "x"}})


def test_editing_a_question_never_changes_a_past_grade(quiz, learner):
    attempt = attempt_start(quiz=quiz, user=learner)
    answer_all(attempt)
    attempt_submit(attempt=attempt)
    row = attempt.questions.get(position=1)
    question = row.question
    # The trainer makes the former right answer wrong and rewrites the question.
    question.text = "Rewritten"
    question.answers = [choice("Right answer", 0), choice("Wrong answer", 100)]
    question.save()
    row.refresh_from_db()
    assert row.snapshot["text"] == "Question 0"
    assert attempt_submit(attempt=attempt).percent == 100
    second = attempt_start(quiz=quiz, user=learner)
    assert second.questions.get(question=question).snapshot["text"] == "Rewritten"


def test_single_attempt_quiz_refuses_a_second(quiz, learner):
    quiz.attempts_allowed = 1
    quiz.save()
    attempt_submit(attempt=attempt_start(quiz=quiz, user=learner))
    with pytest.raises(ValidationError) as error:
        attempt_start(quiz=quiz, user=learner)
    assert error.value.messages == [str(MESSAGE_NO_ATTEMPTS_LEFT)]


def test_open_and_close_dates(quiz, learner):
    now = timezone.now()
    quiz.open_at = now + timedelta(days=1)
    quiz.save()
    with pytest.raises(ValidationError) as error:
        attempt_start(quiz=quiz, user=learner, now=now)
    assert error.value.code == "not_open"
    quiz.open_at, quiz.close_at = now - timedelta(days=2), now - timedelta(days=1)
    quiz.save()
    with pytest.raises(ValidationError) as error:
        attempt_start(quiz=quiz, user=learner, now=now)
    assert error.value.code == "not_open"


def test_draft_quiz_cannot_be_started_by_learners(quiz, learner):
    quiz.live = False
    quiz.save()
    with pytest.raises(ValidationError):
        attempt_start(quiz=quiz, user=learner)


def test_anonymous_needs_a_quiz_open_to_visitors_and_a_session(quiz):
    with pytest.raises(ValidationError):
        attempt_start(quiz=quiz, user=AnonymousUser(), session_key="abc")
    quiz.allow_anonymous = True
    quiz.save()
    attempt = attempt_start(quiz=quiz, user=AnonymousUser(), session_key="abc")
    assert attempt.user is None and attempt.session_key == "abc"
    assert attempt_start(quiz=quiz, user=AnonymousUser(), session_key="abc").pk == attempt.pk
    assert attempt_start(quiz=quiz, user=AnonymousUser(), session_key="other").pk != attempt.pk


def test_random_slot_draws_from_its_category_and_max_questions_caps(
    make_question, make_quiz, category, learner, rng
):
    for n in range(10):
        make_question(text=f"Bank {n}")
    quiz = make_quiz(random_from=(category, 6), max_questions=4)
    attempt = attempt_start(quiz=quiz, user=learner, rng=rng)
    assert attempt.questions.count() == 4
    texts = {row.snapshot["text"] for row in attempt.questions.all()}
    assert len(texts) == 4 and all(text.startswith("Bank ") for text in texts)


def test_random_order_of_questions(make_question, make_quiz, learner):
    questions = [make_question(text=f"Q{n}") for n in range(8)]
    quiz = make_quiz(questions, shuffle_questions=True)
    orders = set()
    for seed in range(5):
        attempt = attempt_start(quiz=quiz, user=learner, rng=random.Random(seed))
        orders.add(tuple(row.snapshot["text"] for row in attempt.questions.order_by("position")))
        attempt_submit(attempt=attempt)
    assert len(orders) > 1
    unshuffled = make_quiz(questions, title="Fixed")
    attempt = attempt_start(quiz=unshuffled, user=learner)
    assert [row.snapshot["text"] for row in attempt.questions.all()] == [f"Q{n}" for n in range(8)]


def test_questions_per_page(make_question, make_quiz, learner):
    quiz = make_quiz([make_question(text=f"Q{n}") for n in range(5)], questions_per_page=2)
    attempt = attempt_start(quiz=quiz, user=learner)
    assert [row.page for row in attempt.questions.all()] == [1, 1, 2, 2, 3]


@pytest.mark.parametrize(
    ("method", "expected"),
    [("highest", "100.00"), ("last", "50.00"), ("first", "0.00"), ("average", "50.00")],
)
def test_grading_across_attempts(quiz, learner, method, expected):
    quiz.grading = method
    quiz.save()
    for right_count in (0, 4, 2):
        attempt = attempt_start(quiz=quiz, user=learner)
        rows = list(attempt.questions.all())
        answer_save(
            attempt=attempt,
            responses={
                row.position: {
                    "choice": right_choice(row) if index < right_count else wrong_choice(row)
                }
                for index, row in enumerate(rows)
            },
        )
        attempt_submit(attempt=attempt)
    attempts = list(Attempt.objects.filter(quiz=quiz, user=learner))
    assert quiz_grade(quiz=quiz, attempts=attempts) == Decimal(expected)


# The time limit, enforced on the server ------------------------------------------------------


@pytest.fixture
def timed_quiz(quiz):
    quiz.time_limit_minutes = 10
    quiz.save()
    return quiz


def test_time_limit_sets_a_deadline(timed_quiz, learner):
    now = timezone.now()
    attempt = attempt_start(quiz=timed_quiz, user=learner, now=now)
    assert attempt.deadline == now + timedelta(minutes=10)


def test_seconds_left_counts_down_to_the_deadline_without_the_grace_period(
    timed_quiz, learner, settings
):
    settings.QUIZ_GRACE_SECONDS = 10
    now = timezone.now()
    attempt = attempt_start(quiz=timed_quiz, user=learner, now=now)
    assert attempt.seconds_left(now) == 600
    assert attempt.seconds_left(now + timedelta(minutes=9, seconds=59, milliseconds=500)) == 0
    assert attempt.seconds_left(now + timedelta(minutes=4, seconds=30)) == 330
    assert attempt.seconds_left(now + timedelta(minutes=10, seconds=5)) == 0  # in the grace period
    assert attempt.seconds_left(now + timedelta(hours=1)) == 0  # never negative
    assert 0 < attempt.seconds_left() <= 600  # the clock by default


def test_seconds_left_is_none_without_a_deadline(make_question, make_quiz, learner):
    untimed = make_quiz([make_question()])
    attempt = attempt_start(quiz=untimed, user=learner)
    assert attempt.deadline is None
    assert attempt.seconds_left() is None


def test_close_date_cuts_the_deadline_short(timed_quiz, learner):
    now = timezone.now()
    timed_quiz.close_at = now + timedelta(minutes=3)
    timed_quiz.save()
    attempt = attempt_start(quiz=timed_quiz, user=learner, now=now)
    assert attempt.deadline == timed_quiz.close_at


def test_answers_in_flight_within_the_grace_period_count(timed_quiz, learner, settings):
    settings.QUIZ_GRACE_SECONDS = 10
    now = timezone.now()
    attempt = attempt_start(quiz=timed_quiz, user=learner, now=now)
    row = attempt.questions.get(position=1)
    late = now + timedelta(minutes=10, seconds=5)
    answer_save(attempt=attempt, responses={1: {"choice": right_choice(row)}}, now=late)
    finished = attempt_submit(attempt=attempt, now=late)
    assert finished.points == 1
    assert not finished.submitted_by_timer


def test_a_save_after_the_grace_period_is_refused_and_the_attempt_submitted(
    timed_quiz, learner, settings
):
    settings.QUIZ_GRACE_SECONDS = 10
    now = timezone.now()
    attempt = attempt_start(quiz=timed_quiz, user=learner, now=now)
    rows = list(attempt.questions.all())
    answer_save(
        attempt=attempt,
        responses={1: {"choice": right_choice(rows[0])}},
        now=now + timedelta(minutes=5),
    )
    too_late = now + timedelta(minutes=10, seconds=11)
    with pytest.raises(AttemptClosed) as closed:
        answer_save(attempt=attempt, responses={2: {"choice": right_choice(rows[1])}}, now=too_late)
    assert closed.value.code == "time_up"
    attempt.refresh_from_db()
    assert attempt.state == "finished" and attempt.submitted_by_timer
    assert attempt.finished_at == attempt.deadline
    assert attempt.points == 1  # only what was saved in time


def test_overdue_attempts_are_submitted_by_the_sweep(timed_quiz, learner):
    now = timezone.now()
    attempt = attempt_start(quiz=timed_quiz, user=learner, now=now)
    assert attempts_submit_overdue(now=now + timedelta(minutes=5)) == 0
    assert attempts_submit_overdue(now=now + timedelta(minutes=11)) == 1
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.submitted_by_timer


def test_resuming_an_expired_attempt_submits_it_and_starts_afresh(timed_quiz, learner):
    now = timezone.now()
    first = attempt_start(quiz=timed_quiz, user=learner, now=now)
    second = attempt_start(quiz=timed_quiz, user=learner, now=now + timedelta(hours=1))
    assert second.pk != first.pk
    first.refresh_from_db()
    assert first.submitted_by_timer


# Behaviours ----------------------------------------------------------------------------------


def test_immediate_feedback_checks_once(quiz, learner):
    quiz.behaviour = "immediate"
    quiz.save()
    attempt = attempt_start(quiz=quiz, user=learner)
    row = attempt.questions.get(position=1)
    checked = question_check(attempt=attempt, position=1, response={"choice": wrong_choice(row)})
    assert checked.state == AttemptQuestion.State.COMPLETE and checked.points == 0
    with pytest.raises(ValidationError):
        question_check(attempt=attempt, position=1, response={"choice": right_choice(row)})
    answer_save(attempt=attempt, responses={1: {"choice": right_choice(row)}})
    assert attempt_submit(attempt=attempt).points == 0


def test_interactive_tries_with_a_penalty_per_wrong_try(make_question, make_quiz, learner):
    question = make_question(
        answers=[
            choice("Right", 100),
            choice("Wrong", 0),
            choice("Also wrong", 0),
            ("hint", "Think again"),
            ("hint", "Last hint"),
        ],
        penalty=Decimal("0.333"),
    )
    quiz = make_quiz([question], behaviour="interactive", points=3)
    attempt = attempt_start(quiz=quiz, user=learner)
    row = attempt.questions.get()
    wrong, right = {"choice": wrong_choice(row)}, {"choice": right_choice(row)}
    first = question_check(attempt=attempt, position=1, response=wrong)
    assert first.state == AttemptQuestion.State.CHECKED and first.points is None
    second = question_check(attempt=attempt, position=1, response=right)
    assert second.state == AttemptQuestion.State.COMPLETE
    assert second.points == Decimal("2.001")  # 3 × (1 − 0.333)
    assert attempt_submit(attempt=attempt).points == Decimal("2.001")


def test_interactive_out_of_tries_locks_the_question(make_question, make_quiz, learner):
    quiz = make_quiz([make_question()], behaviour="interactive")
    attempt = attempt_start(quiz=quiz, user=learner)
    row = attempt.questions.get()
    done = question_check(attempt=attempt, position=1, response={"choice": wrong_choice(row)})
    assert done.state == AttemptQuestion.State.COMPLETE and done.points == 0


# Essays and the pass signal -----------------------------------------------------------------


def test_essay_waits_for_marking_then_the_signal_goes_out(
    make_question, make_quiz, learner, django_capture_on_commit_callbacks
):
    essay = make_question(qtype="essay", text="Write a reply", answers=[], rubric="Polite, factual")
    quiz = make_quiz([make_question(), essay], pass_mark=Decimal(75))
    received = []
    quiz_passed.connect(
        lambda **kwargs: received.append(kwargs), weak=False, dispatch_uid="test-essay"
    )
    try:
        attempt = attempt_start(quiz=quiz, user=learner, lesson_id=7)
        rows = list(attempt.questions.all())
        answer_save(
            attempt=attempt,
            responses={1: {"choice": right_choice(rows[0])}, 2: {"text": "Dear citizen…"}},
        )
        with django_capture_on_commit_callbacks(execute=True):
            finished = attempt_submit(attempt=attempt)
        assert finished.needs_marking and finished.passed is None and finished.percent is None
        assert received == []
        marker = learner  # permissions are checked by the view
        with pytest.raises(ValidationError):
            answer_mark(row=rows[1], points=Decimal(2), marker=marker)
        with django_capture_on_commit_callbacks(execute=True):
            answer_mark(row=rows[1], points=Decimal("0.5"), comment="Good tone", marker=marker)
        finished.refresh_from_db()
        assert finished.percent == 75 and finished.passed and not finished.needs_marking
        assert (
            len(received) == 1 and received[0]["lesson_id"] == 7 and received[0]["user"] == learner
        )
        with django_capture_on_commit_callbacks(execute=True):
            answer_mark(row=rows[1], points=Decimal("1"), marker=marker)
        assert len(received) == 1
    finally:
        quiz_passed.disconnect(dispatch_uid="test-essay")


def test_failed_attempt_sends_no_signal(quiz, learner, django_capture_on_commit_callbacks):
    received = []
    quiz_passed.connect(
        lambda **kwargs: received.append(kwargs), weak=False, dispatch_uid="test-fail"
    )
    try:
        attempt = attempt_start(quiz=quiz, user=learner)
        answer_all(attempt, right=False)
        with django_capture_on_commit_callbacks(execute=True):
            assert attempt_submit(attempt=attempt).passed is False
        assert received == []
    finally:
        quiz_passed.disconnect(dispatch_uid="test-fail")


def test_slots_keep_their_order_and_random_draws_skip_fixed_questions(
    make_question, make_quiz, category, learner, rng
):
    bank = [make_question(text=f"Bank {n}") for n in range(3)]
    other = QuestionCategory.objects.create(key="other", name="Other")
    last = make_question(text="Fixed last", category=other)
    quiz = make_quiz([bank[0]])
    quiz.slots.add(QuizSlot(category=category, random_count=5, points=1, sort_order=1))
    quiz.slots.add(QuizSlot(question=last, points=3, sort_order=2))
    quiz.save()
    attempt = attempt_start(quiz=quiz, user=learner, rng=rng)
    texts = [row.snapshot["text"] for row in attempt.questions.all()]
    assert texts[0] == "Bank 0" and texts[-1] == "Fixed last"
    assert sorted(texts[1:-1]) == ["Bank 1", "Bank 2"]  # Bank 0 is not drawn twice
    assert attempt.max_points == 1 + 2 + 3


def test_random_draws_prefer_questions_not_seen_before(make_question, make_quiz, category, learner):
    for n in range(4):
        make_question(text=f"Bank {n}")
    quiz = make_quiz(random_from=(category, 2))
    first = attempt_start(quiz=quiz, user=learner, rng=random.Random(1))
    attempt_submit(attempt=first)
    second = attempt_start(quiz=quiz, user=learner, rng=random.Random(1))
    seen = {row.question_id for row in first.questions.all()}
    assert not seen & {row.question_id for row in second.questions.all()}
