"""Who may take which test, and who may read the report."""

import datetime

from django.utils import timezone

from .models import Participation, Phase

RETENTION_AFTER = datetime.timedelta(weeks=4)
REPORT_PERMISSION = "outcomes.view_outcomes_report"


def can_see_report(user) -> bool:
    return user.is_authenticated and user.has_perm(REPORT_PERMISSION)


def pre_test_open(participation: Participation | None, *, lessons_done: int) -> bool:
    """Before the first lesson only, once, and not after skipping it."""
    if lessons_done:
        return False
    if participation is None:
        return True
    return (
        not participation.pre_skipped
        and not participation.sittings.filter(phase=Phase.PRE).exists()
    )


def post_test_open(participation: Participation | None, *, course_complete: bool) -> bool:
    if not course_complete:
        return False
    return participation is None or not participation.sittings.filter(phase=Phase.POST).exists()


def retention_test_open(participation: Participation, *, now=None) -> bool:
    """Four weeks after the test after the course, once."""
    now = now or timezone.now()
    return (
        participation.retention_due_at is not None
        and participation.retention_due_at <= now
        and not participation.sittings.filter(phase=Phase.RETENTION).exists()
    )


def participation_owned_by(participation: Participation, user) -> bool:
    """An account's participation is its own; a visitor's is held by whoever has its link."""
    if participation.user_id is None:
        return True
    return user.is_authenticated and participation.user_id == user.pk
