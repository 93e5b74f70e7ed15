"""Rules of required training, without writes: who may assign a course where, and how a
required course's due date and expiry follow from its assignment, joining date and completion."""

import datetime

from django.utils import timezone

from accounts.models import Organization
from accounts.roles import coordinated_organization_list, coordinated_root_list
from core.dates import add_months

from ..models import CoursePage, RequiredCourse, TrainingAssignment


def user_can_assign_to(
    user, organization: Organization, *, permission: str = "courses.add_trainingassignment"
) -> bool:
    """Superusers anywhere; others with the permission to add this kind of assignment, in the
    subtrees they coordinate (codes of conduct pass their own permission)."""
    if user.is_superuser:
        return True
    if not user.has_perm(permission):
        return False
    return coordinated_organization_list(user).filter(pk=organization.pk).exists()


def user_can_grant_exception(user, organization_ids) -> bool:
    """Superusers anywhere; holders of the permission only for learners whose requirement
    comes from an organisation in a subtree they coordinate (all of them, for a group)."""
    if user.is_superuser:
        return True
    if not user.has_perm("courses.add_trainingexception"):
        return False
    wanted = set(organization_ids)
    return coordinated_organization_list(user).filter(pk__in=wanted).count() == len(wanted)


def user_can_record_completion(user, organization_id: int) -> bool:
    """Who records a completion done elsewhere: superusers; coordinators with the permission in
    the subtrees they coordinate; trainers (the permission without coordinating anything), who
    lead classroom sessions for learners of any organisation."""
    if user.is_superuser:
        return True
    if not user.has_perm("courses.add_manualcompletion"):
        return False
    if not coordinated_root_list(user):
        return True
    return coordinated_organization_list(user).filter(pk=organization_id).exists()


def validity_months(assignment: TrainingAssignment, course: CoursePage) -> int | None:
    return assignment.recurrence_months or course.validity_months


def base_due_on(assignment: TrainingAssignment, joined_on: datetime.date) -> datetime.date:
    if assignment.due_on is not None:
        return assignment.due_on
    return joined_on + datetime.timedelta(days=assignment.due_days_after_joining)


def derive_dates(row: RequiredCourse, assignment: TrainingAssignment, course: CoursePage) -> None:
    """Set the row's expiry and due date from its assignment, start date and completion: a
    valid completion that expires after the assignment's due date is due again on expiry."""
    months = validity_months(assignment, course)
    due = base_due_on(assignment, row.joined_on)
    if row.completed_at is not None and months:
        row.expires_on = add_months(timezone.localdate(row.completed_at), months)
        due = max(due, row.expires_on)
    else:
        row.expires_on = None
    if row.extended_due_on is not None:
        due = max(due, row.extended_due_on)  # a coordinator's extension of this cycle
    row.due_on = due


def renewal_opens_on(row: RequiredCourse) -> datetime.date | None:
    """The first day the learner may take the course again: the assignment's renewal window
    before the completion expires (None when the completion never expires)."""
    if row.completed_at is None or row.expires_on is None:
        return None
    return row.expires_on - datetime.timedelta(days=row.assignment.renewal_window_days)


def renewal_started(row: RequiredCourse) -> bool:
    """The learner started the course again since their last completion."""
    return (
        row.completed_at is not None
        and row.started_at is not None
        and row.started_at > row.completed_at
    )


def can_renew(row: RequiredCourse, today: datetime.date) -> bool:
    """The renewal window is open (or the completion has expired) and the learner has not
    started again yet."""
    opens_on = renewal_opens_on(row)
    return opens_on is not None and opens_on <= today and not renewal_started(row)
