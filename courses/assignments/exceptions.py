"""Exceptions to required training, granted by a coordinator within their subtree: more time
(an extension of the due date) or an exemption (until a date, or open-ended), and lifting them.

Each write changes the RequiredCourse rows (their extended_due_on, exempt, exempt_until and the
due date derived from them) and records one TrainingException per row with who, when, why and
what changed. The status follows in the query (selectors.status_q): "exempt" and "extended"
are statuses of their own in the report and the people list.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import RequiredCourse, TrainingException
from .rules import derive_dates, user_can_grant_exception

MESSAGE_REASON_REQUIRED = _("Give the reason for this exception.")
MESSAGE_NOT_YOURS = _("You can grant exceptions only to people in organisations you coordinate.")
MESSAGE_DUE_DATE_REQUIRED = _("Give the new due date.")
MESSAGE_DUE_DATE_NOT_LATER = _("The new due date must be later than the current one.")
MESSAGE_END_IN_PAST = _("The exemption cannot end before today.")
MESSAGE_NOTHING_TO_LIFT = _("There is no exception to lift.")
MESSAGE_NOBODY = _("Choose at least one required course.")

TRACKED = ("due_on", "extended_due_on", "exempt", "exempt_until")


def _state(row: RequiredCourse) -> dict:
    return {
        name: value.isoformat() if isinstance(value, datetime.date) else value
        for name, value in ((name, getattr(row, name)) for name in TRACKED)
    }


def _rows_for_update(required_courses: Iterable[RequiredCourse], by) -> list[RequiredCourse]:
    ids = [row.pk for row in required_courses]
    if not ids:
        raise ValidationError(MESSAGE_NOBODY, code="nobody")
    rows = list(
        RequiredCourse.objects.select_for_update()
        .filter(pk__in=ids)
        .select_related("assignment", "course")
        .order_by("pk")
    )
    if not user_can_grant_exception(by, {row.organization_id for row in rows}):
        raise PermissionDenied(MESSAGE_NOT_YOURS)
    return rows


def _record(rows, before, *, kind, reason, by, due_on=None, ends_on=None):
    now = timezone.now()
    records = []
    for row in rows:
        after = _state(row)
        records.append(
            TrainingException(
                required_course=row,
                user_id=row.user_id,
                course_id=row.course_id,
                organization_id=row.organization_id,
                kind=kind,
                due_on=due_on,
                ends_on=ends_on,
                reason=reason,
                changes={
                    name: [before[row.pk][name], after[name]]
                    for name in TRACKED
                    if before[row.pk][name] != after[name]
                },
                created_by=by,
                created_at=now,
            )
        )
    RequiredCourse.objects.bulk_update(rows, list(TRACKED))
    return TrainingException.objects.bulk_create(records)


def _clean_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": MESSAGE_REASON_REQUIRED}, code="reason_required")
    return reason


@transaction.atomic
def exception_extend(
    *,
    required_courses: Iterable[RequiredCourse],
    due_on: datetime.date,
    reason: str,
    by,
) -> list[TrainingException]:
    """Give one learner or a group more time: each required course is due on `due_on`, which
    must be later than its current due date (an exemption is lifted by lift, not here)."""
    reason = _clean_reason(reason)
    if due_on is None:
        raise ValidationError({"due_on": MESSAGE_DUE_DATE_REQUIRED}, code="due_on_required")
    rows = _rows_for_update(required_courses, by)
    if any(due_on <= row.due_on for row in rows):
        raise ValidationError({"due_on": MESSAGE_DUE_DATE_NOT_LATER}, code="due_on_not_later")
    before = {row.pk: _state(row) for row in rows}
    for row in rows:
        row.extended_due_on = due_on
        derive_dates(row, row.assignment, row.course)
    return _record(
        rows, before, kind=TrainingException.Kind.EXTENSION, reason=reason, by=by, due_on=due_on
    )


@transaction.atomic
def exception_exempt(
    *,
    required_courses: Iterable[RequiredCourse],
    reason: str,
    by,
    ends_on: datetime.date | None = None,
    today: datetime.date | None = None,
) -> list[TrainingException]:
    """Exempt one learner or a group from the course, until `ends_on` (inclusive) or until
    lifted. Whether they count as compliant is the assignment's choice."""
    reason = _clean_reason(reason)
    today = today or timezone.localdate()
    if ends_on is not None and ends_on < today:
        raise ValidationError({"ends_on": MESSAGE_END_IN_PAST}, code="ends_in_past")
    rows = _rows_for_update(required_courses, by)
    before = {row.pk: _state(row) for row in rows}
    for row in rows:
        row.exempt = True
        row.exempt_until = ends_on
    return _record(
        rows, before, kind=TrainingException.Kind.EXEMPTION, reason=reason, by=by, ends_on=ends_on
    )


@transaction.atomic
def exception_lift(
    *, required_courses: Iterable[RequiredCourse], reason: str, by
) -> list[TrainingException]:
    """Withdraw extensions and exemptions: the assignment's own due date applies again."""
    reason = _clean_reason(reason)
    rows = _rows_for_update(required_courses, by)
    rows = [row for row in rows if row.exempt or row.extended_due_on is not None]
    if not rows:
        raise ValidationError(MESSAGE_NOTHING_TO_LIFT, code="nothing_to_lift")
    before = {row.pk: _state(row) for row in rows}
    for row in rows:
        row.exempt = False
        row.exempt_until = None
        row.extended_due_on = None
        derive_dates(row, row.assignment, row.course)
    return _record(rows, before, kind=TrainingException.Kind.LIFTED, reason=reason, by=by)
