"""Writes of required training: assigning courses to organisations and keeping every learner's
required courses up to date.

A RequiredCourse row exists for each learner and course that an assignment covers: the learner
has a current employment in the assignment's organisation or below it (in one of its positions,
when it names positions). Rows follow people, assignments and progress through these writes:

* required_courses_refresh: the one function that works out which rows should exist, with
  which assignment, organisation and due date, and creates, updates and deletes rows to match.
  Signal receivers (courses.assignment_receivers) call it, directly or through a task, when
  employments, assignments or organisations change; the daily send_reminders run calls it for
  employments that started or ended lately.
* required_course_started / required_course_completed: progress (enrolment, completion).
"""

import datetime
from collections.abc import Iterable, Iterator

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Employment, Organization

from ..models import CoursePage, Enrolment, LessonCompletion, RequiredCourse, TrainingAssignment
from .coverage import subtree_coverage
from .rules import base_due_on, derive_dates, renewal_opens_on, renewal_started, user_can_assign_to

REFRESH_CHUNK = 2000

MESSAGE_ORGANIZATION_NOT_YOURS = _("You can assign courses only to organisations you coordinate.")
MESSAGE_NOT_EXPIRED = _("This course is still valid; there is nothing to repeat yet.")
MESSAGE_RENEWAL_NOT_OPEN = _("You can take this course again from %(date)s.")


# Assignments ------------------------------------------------------------------------------------


@transaction.atomic
def assignment_create(
    *,
    course: CoursePage,
    organization: Organization,
    due_on: datetime.date | None = None,
    due_days_after_joining: int | None = None,
    positions: Iterable[str] = (),
    recurrence_months: int | None = None,
    created_by=None,
) -> TrainingAssignment:
    """Assign the course to the organisation's subtree. Calling it again with the same course and
    organisation returns the existing assignment with these settings."""
    if created_by is not None and not user_can_assign_to(created_by, organization):
        raise PermissionDenied(MESSAGE_ORGANIZATION_NOT_YOURS)
    assignment = TrainingAssignment.objects.filter(
        course=course, organization=organization, listed_only=False
    ).first() or TrainingAssignment(course=course, organization=organization, created_by=created_by)
    assignment.due_on = due_on
    assignment.due_days_after_joining = due_days_after_joining
    assignment.positions = "\n".join(positions)
    assignment.recurrence_months = recurrence_months
    assignment.full_clean()
    assignment.save()  # the post_save receiver refreshes the learners after the commit
    return assignment


# Keeping rows in step with people and assignments -----------------------------------------------


def assignments_with_listed_learners(assignments: list) -> list:
    """Set ``listed_user_ids`` on the assignments from a file (one query for all of them), so
    that coverage counts only their people."""
    listed = {assignment.pk: assignment for assignment in assignments if assignment.listed_only}
    for assignment in listed.values():
        assignment.listed_user_ids = set()
    if listed:
        through = TrainingAssignment.learners.through.objects.filter(
            trainingassignment_id__in=listed
        ).values_list("trainingassignment_id", "user_id")
        for assignment_id, user_id in through:
            listed[assignment_id].listed_user_ids.add(user_id)
    return assignments


def _chunks(ids: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def required_courses_refresh(
    *, user_ids: Iterable[int] | None = None, course_ids: Iterable[int] | None = None
) -> dict[str, int]:
    """Create, update and delete the required-course rows of these learners (everyone when
    None) for these courses (all assigned courses when None). Idempotent. Returns counts."""
    assignments = TrainingAssignment.objects.select_related("organization", "course")
    if course_ids is not None:
        course_ids = list(course_ids)
        assignments = assignments.filter(course_id__in=course_ids)
    assignments = assignments_with_listed_learners(list(assignments))
    if user_ids is None:
        users = set(Employment.objects.current().values_list("user_id", flat=True))
        existing = RequiredCourse.objects.all()
        if course_ids is not None:
            existing = existing.filter(course_id__in=course_ids)
        users.update(existing.values_list("user_id", flat=True))
        user_ids = users
    totals = {"created": 0, "updated": 0, "deleted": 0}
    for chunk in _chunks(sorted(set(user_ids)), REFRESH_CHUNK):
        counts = _refresh_chunk(chunk, assignments, course_ids)
        for key, value in counts.items():
            totals[key] += value
    return totals


def _compared(row: RequiredCourse) -> tuple:
    return (row.assignment_id, row.organization_id, row.joined_on, row.due_on, row.expires_on)


@transaction.atomic
def _refresh_chunk(user_ids, assignments, course_ids) -> dict[str, int]:
    # What should exist: (user, course) -> (assignment, organisation, joined on), keeping the
    # assignment with the earliest due date when several cover the same course.
    wanted = subtree_coverage(
        user_ids=user_ids,
        assignments=assignments,
        target_of=lambda assignment: assignment.course_id,
        due_of=base_due_on,
    )

    rows = RequiredCourse.objects.filter(user_id__in=user_ids)
    if course_ids is not None:
        rows = rows.filter(course_id__in=course_ids)
    existing = {(row.user_id, row.course_id): row for row in rows}

    progress = {}
    missing_courses = {key[1] for key in wanted if key not in existing}
    if missing_courses:
        keys = dict(
            CoursePage.objects.filter(pk__in=missing_courses).values_list("pk", "translation_key")
        )
        enrolments = Enrolment.objects.filter(
            user_id__in=user_ids, course__translation_key__in=set(keys.values())
        ).values_list("user_id", "course__translation_key", "enrolled_at", "completed_at")
        for user_id, translation_key, enrolled_at, completed_at in enrolments:
            started, completed = progress.get((user_id, translation_key), (None, None))
            started = min(filter(None, (started, enrolled_at)), default=None)
            completed = max(filter(None, (completed, completed_at)), default=None)
            progress[(user_id, translation_key)] = (started, completed)
    else:
        keys = {}

    fields = ["assignment", "organization", "joined_on", "due_on", "expires_on"]
    to_create, to_update = [], []
    for (user_id, course_id), (assignment, organization_id, joined_on) in wanted.items():
        row = existing.get((user_id, course_id))
        if row is None:
            started, completed = progress.get((user_id, keys[course_id]), (None, None))
            row = RequiredCourse(
                user_id=user_id,
                course_id=course_id,
                assignment=assignment,
                organization_id=organization_id,
                joined_on=joined_on,
                started_at=started,
                completed_at=completed,
            )
            derive_dates(row, assignment, assignment.course)
            to_create.append(row)
            continue
        before = _compared(row)
        row.joined_on = joined_on
        row.assignment = assignment
        row.organization_id = organization_id
        derive_dates(row, assignment, assignment.course)
        if before != _compared(row):
            to_update.append(row)
    stale = [row.pk for key, row in existing.items() if key not in wanted]

    RequiredCourse.objects.bulk_create(to_create, batch_size=1000)
    RequiredCourse.objects.bulk_update(to_update, fields, batch_size=1000)
    if stale:
        RequiredCourse.objects.filter(pk__in=stale).delete()
    return {"created": len(to_create), "updated": len(to_update), "deleted": len(stale)}


def required_courses_refresh_recent(*, today: datetime.date | None = None, days: int = 7) -> dict:
    """Employments start and end on a date without any save on that day: refresh the people
    whose employment started or ended in the last `days` days (the daily run calls this)."""
    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=days)
    user_ids = set(
        Employment.objects.filter(
            Q(started_on__gt=since, started_on__lte=today)
            | Q(ended_on__gt=since, ended_on__lte=today)
        ).values_list("user_id", flat=True)
    )
    return required_courses_refresh(user_ids=user_ids)


# Progress ---------------------------------------------------------------------------------------


def required_course_started(*, user_id: int, course: CoursePage, started_at) -> int:
    """The learner enrolled in the course (in any of its languages)."""
    return RequiredCourse.objects.filter(
        user_id=user_id, course__translation_key=course.translation_key, started_at__isnull=True
    ).update(started_at=started_at)


@transaction.atomic
def required_course_completed(*, user_id: int, course: CoursePage, completed_at) -> int:
    """The learner completed the course (in any of its languages): the requirement is met until
    the completion expires."""
    rows = list(
        RequiredCourse.objects.select_for_update()
        .filter(user_id=user_id, course__translation_key=course.translation_key)
        .select_related("assignment", "course")
    )
    for row in rows:
        row.completed_at = completed_at
        if row.started_at is None or row.started_at > completed_at:
            row.started_at = completed_at
        row.extended_due_on = None  # an extension is for the cycle now completed
        derive_dates(row, row.assignment, row.course)
    RequiredCourse.objects.bulk_update(
        rows, ["completed_at", "started_at", "expires_on", "due_on", "extended_due_on"]
    )
    return len(rows)


@transaction.atomic
def recertification_start(*, user, required_course: RequiredCourse) -> Enrolment:
    """Take the course again once its renewal window has opened (the assignment's
    renewal_window_days before the completion expires) or after it expired: the enrolment
    starts afresh (its lessons unticked) so that completing it once more renews the requirement.
    Until then the earlier completion stays valid, so there is no gap; earlier certificates
    stay as they are and expire on their own date."""
    row = (
        RequiredCourse.objects.select_for_update()
        .select_related("assignment", "course")
        .get(pk=required_course.pk, user=user)
    )
    today = timezone.localdate()
    opens_on = renewal_opens_on(row)
    if opens_on is None:
        raise ValidationError(MESSAGE_NOT_EXPIRED, code="not_expired")
    if opens_on > today:
        raise ValidationError(
            MESSAGE_RENEWAL_NOT_OPEN, code="renewal_not_open", params={"date": opens_on}
        )
    if renewal_started(row):
        # Started again already (a second click): keep the new attempt's progress.
        return (
            Enrolment.objects.filter(user=user, course__translation_key=row.course.translation_key)
            .order_by("-enrolled_at")
            .first()
        )
    now = timezone.now()
    # Start again where the learner completed it (in whichever language), else the assigned page.
    completed = (
        Enrolment.objects.filter(
            user=user,
            course__translation_key=row.course.translation_key,
            completed_at__isnull=False,
        )
        .select_related("course")
        .order_by("-completed_at")
        .first()
    )
    course = completed.course if completed is not None else row.course
    enrolment, created = Enrolment.objects.get_or_create(
        user=user, course=course, defaults={"enrolled_at": now}
    )
    if not created:
        LessonCompletion.objects.filter(user=user, course=course).delete()
        Enrolment.objects.filter(pk=enrolment.pk).update(
            enrolled_at=now, completed_at=None, last_lesson=None, last_activity_at=now
        )
        enrolment.refresh_from_db()
    row.started_at = now
    row.save(update_fields=["started_at"])
    return enrolment
