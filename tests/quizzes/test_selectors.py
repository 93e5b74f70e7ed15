"""Which review options apply when (Moodle's four columns), and who sees everything."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from quizzes import selectors
from quizzes.attempts import attempt_start, attempt_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished(make_question, make_quiz, make_user):
    quiz = make_quiz(
        [make_question()],
        review_options=[
            "during:correctness",
            "immediately:points",
            "open:attempt",
            "closed:right_answer",
        ],
    )
    attempt = attempt_start(quiz=quiz, user=make_user("learner"))
    in_progress = selectors.reveal_for(attempt=attempt, user=AnonymousUser())
    return attempt_submit(attempt=attempt), in_progress


def test_each_time_column_applies_in_its_time(finished):
    attempt, during = finished
    assert during == {"correctness"}
    now = attempt.finished_at
    reveal = selectors.reveal_for
    assert reveal(attempt=attempt, user=AnonymousUser(), now=now + timedelta(minutes=1)) == {
        "points"
    }
    assert reveal(attempt=attempt, user=AnonymousUser(), now=now + timedelta(hours=1)) == {
        "attempt"
    }
    attempt.quiz.close_at = now + timedelta(hours=2)
    after_close = now + timedelta(hours=3)
    assert reveal(attempt=attempt, user=AnonymousUser(), now=after_close) == {"right_answer"}


def test_staff_with_the_results_permission_see_everything(finished, make_user):
    attempt, _during = finished
    trainer = make_user("trainer", groups=["Trainers"])
    assert selectors.reveal_for(attempt=attempt, user=trainer) == {
        "attempt",
        "correctness",
        "points",
        "feedback",
        "right_answer",
    }
    assert timezone.now() >= attempt.finished_at
