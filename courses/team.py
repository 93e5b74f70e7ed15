"""A line manager's people (employments that name them as manager) and their required
training: the read-only team report and the managers' weekly digest. A manager sees only the
people whose current employment names them."""

import datetime

from django.db.models import Q
from django.utils import timezone

from accounts.models import Employment

from .assignments.selectors import status_expression, status_q
from .models import RequiredCourse, RequiredCourseStatus

SOON_DAYS = 14


def team_user_ids(manager):
    """The people the user manages now, as a subquery."""
    return Employment.objects.current().filter(manager=manager).values("user_id")


def is_line_manager(user) -> bool:
    return user.is_authenticated and Employment.objects.current().filter(manager=user).exists()


def team_rows(*, manager, today: datetime.date | None = None):
    """Every required course of the manager's people, with its status: one query."""
    today = today or timezone.localdate()
    return (
        RequiredCourse.objects.filter(user_id__in=team_user_ids(manager), user__is_active=True)
        .select_related("user", "course", "organization")
        .annotate(status=status_expression(today))
        .order_by("user__full_name", "user_id", "due_on", "course__title")
    )


def team_attention_rows(*, manager, today: datetime.date | None = None, days: int = SOON_DAYS):
    """The manager's people's training that is overdue or due within `days` days and not done
    (exemptions and completions left out): the digest's content."""
    today = today or timezone.localdate()
    open_soon = (
        status_q(RequiredCourseStatus.NOT_STARTED, today)
        | status_q(RequiredCourseStatus.IN_PROGRESS, today)
        | status_q(RequiredCourseStatus.EXTENDED, today)
    ) & Q(due_on__lte=today + datetime.timedelta(days=days))
    return team_rows(manager=manager, today=today).filter(
        status_q(RequiredCourseStatus.OVERDUE, today) | open_soon
    )
