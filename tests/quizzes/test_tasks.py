"""The deferred auto-submission of a timed attempt."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from quizzes import tasks
from quizzes.attempts import attempt_start

pytestmark = pytest.mark.django_db


def test_the_expiry_task_submits_an_overdue_attempt_only(make_question, make_quiz, make_user):
    quiz = make_quiz([make_question()], time_limit_minutes=1)
    attempt = attempt_start(quiz=quiz, user=make_user("learner"))
    assert tasks.attempt_expire_task.call(attempt.pk) is False  # not due yet
    type(attempt).objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() - timedelta(minutes=1)
    )
    assert tasks.attempt_expire_task.call(attempt.pk) is True
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.submitted_by_timer
    assert tasks.attempt_expire_task.call(attempt.pk) is False  # once


def test_a_deferring_backend_gets_the_task_at_the_deadline_plus_grace(
    make_question, make_quiz, make_user, django_capture_on_commit_callbacks, settings
):
    settings.QUIZ_GRACE_SECONDS = 10
    quiz = make_quiz([make_question()], time_limit_minutes=5)
    backend = mock.Mock(supports_defer=True)
    with (
        mock.patch.object(tasks, "default_task_backend", backend),
        mock.patch.object(tasks, "attempt_expire_task") as task,
        django_capture_on_commit_callbacks(execute=True),
    ):
        attempt = attempt_start(quiz=quiz, user=make_user("learner"))
    task.using.assert_called_once_with(run_after=attempt.deadline + timedelta(seconds=10))
    task.using.return_value.enqueue.assert_called_once_with(attempt.pk)
