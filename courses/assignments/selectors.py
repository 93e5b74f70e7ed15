"""Reads of required training: the status, computed in the query, and the lists built on it.

The status is computed from dates in the query (status_expression), never stored: a row whose
due date passed last night is "overdue" this morning without any job having run.
"""

import datetime
from collections.abc import Iterable

from django.db.models import Case, CharField, F, Q, Value, When
from django.utils import timezone

from accounts.models import Employment, Organization

from ..models import RequiredCourse, RequiredCourseStatus
from .rules import can_renew, renewal_opens_on, renewal_started

# Status, computed in the query ------------------------------------------------------------------


def status_q(status: str, today: datetime.date) -> Q:
    """The rows that have `status` on `today` (the same rules as RequiredCourse.status_on)."""
    valid_completion = Q(completed_at__isnull=False) & (
        Q(expires_on__isnull=True) | Q(expires_on__gt=today)
    )
    not_completed = Q(completed_at__isnull=True) | Q(expires_on__lte=today)
    exempt = Q(exempt=True) & (Q(exempt_until__isnull=True) | Q(exempt_until__gte=today))
    if status == RequiredCourseStatus.COMPLETED:
        return valid_completion
    if status == RequiredCourseStatus.EXEMPT:
        return not_completed & exempt
    open_ = not_completed & ~exempt
    if status == RequiredCourseStatus.OVERDUE:
        return open_ & Q(due_on__lt=today)
    extended = Q(extended_due_on__isnull=False)
    if status == RequiredCourseStatus.EXTENDED:
        return open_ & Q(due_on__gte=today) & extended
    started_again = Q(started_at__isnull=False) & (
        Q(completed_at__isnull=True) | Q(started_at__gt=F("completed_at"))
    )
    if status == RequiredCourseStatus.IN_PROGRESS:
        return open_ & Q(due_on__gte=today) & ~extended & started_again
    if status == RequiredCourseStatus.NOT_STARTED:
        return open_ & Q(due_on__gte=today) & ~extended & ~started_again
    raise ValueError(status)


def status_expression(today: datetime.date) -> Case:
    return Case(
        When(status_q(RequiredCourseStatus.COMPLETED, today), then=Value("completed")),
        When(status_q(RequiredCourseStatus.EXEMPT, today), then=Value("exempt")),
        When(status_q(RequiredCourseStatus.OVERDUE, today), then=Value("overdue")),
        When(status_q(RequiredCourseStatus.EXTENDED, today), then=Value("extended")),
        When(status_q(RequiredCourseStatus.IN_PROGRESS, today), then=Value("in_progress")),
        default=Value("not_started"),
        output_field=CharField(),
    )


# Reads ------------------------------------------------------------------------------------------


def users_in_subtree(organization_ids: Iterable[int]) -> set[int]:
    """Learners who work in these organisations or below them, or whose required courses come
    from there."""
    paths = list(
        Organization.objects.filter(pk__in=organization_ids).values_list("path", flat=True)
    )
    if not paths:
        return set()
    in_tree = Q()
    for path in paths:
        in_tree |= Q(organization__path__startswith=path)
    users = set(Employment.objects.current().filter(in_tree).values_list("user_id", flat=True))
    users.update(RequiredCourse.objects.filter(in_tree).values_list("user_id", flat=True))
    return users


def required_course_list_for_user(*, user, today: datetime.date | None = None):
    """The learner's required courses with their status, overdue first, then by due date: one
    query."""
    today = today or timezone.localdate()
    order = Case(
        When(status_q(RequiredCourseStatus.OVERDUE, today), then=Value(0)),
        When(status_q(RequiredCourseStatus.COMPLETED, today), then=Value(2)),
        default=Value(1),
    )
    rows = (
        RequiredCourse.objects.filter(user=user)
        .select_related("course", "assignment")
        .annotate(status=status_expression(today), order=order)
        .order_by("order", "due_on", "course__title")
    )
    result = list(rows)
    for row in result:
        row.can_restart = can_renew(row, today)
        row.renewal_opens_on = renewal_opens_on(row)
        # Renewing inside the window: the earlier completion still counts meanwhile.
        row.renewing = renewal_started(row) and row.status == RequiredCourseStatus.COMPLETED
    return result
