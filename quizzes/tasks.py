"""Background work: submit an attempt when its time (plus grace) runs out, even if the learner
never comes back."""

from django.db import transaction
from django_tasks import default_task_backend, task

from .attempts import attempt_expire_if_due, grace_period
from .models import Attempt


@task()
def attempt_expire_task(attempt_id: int) -> bool:
    attempt = Attempt.all_objects.filter(pk=attempt_id).select_related("quiz").first()
    if attempt is None:
        return False
    return attempt_expire_if_due(attempt=attempt)


def attempt_expiry_schedule(attempt: Attempt, **kwargs) -> None:
    """After commit, queue the attempt's auto-submission for its deadline plus grace. Backends
    that cannot defer (the immediate one in tests) skip it: any later visit, the quiz page and
    ``manage.py submit_overdue_attempts`` also submit overdue attempts.

    Connected to ``attempt_started`` in ``QuizzesConfig.ready()`` (the attempts module cannot call
    it directly: this module imports it)."""
    if attempt.deadline is None or not default_task_backend.supports_defer:
        return
    run_after = attempt.deadline + grace_period()
    transaction.on_commit(
        lambda: attempt_expire_task.using(run_after=run_after).enqueue(attempt.pk)
    )
