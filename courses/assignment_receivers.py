"""Signal receivers that keep required courses in step with people, organisations, assignments
and progress. Connected in CoursesConfig.ready()."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save

from accounts.models import Employment, Organization
from accounts.signals import employments_created

from .assignments import services
from .models import Enrolment, TrainingAssignment
from .signals import course_completed
from .tasks import required_courses_refresh_task, required_courses_refresh_users_task


def _enqueue_refresh(*, course_id: int | None, organization_ids: list[int]) -> None:
    transaction.on_commit(
        lambda: required_courses_refresh_task.enqueue(
            course_id=course_id, organization_ids=organization_ids
        )
    )


def employment_changed(sender, instance: Employment, **kwargs):
    """Joined, moved, left (also an end date entered): one person, done at once."""
    services.required_courses_refresh(user_ids=[instance.user_id])


def user_saved(sender, instance, created, update_fields=None, **kwargs):
    """A deactivated person drops out of the figures; a reactivated one comes back. (Sign-ins
    save only last_login and are skipped.)"""
    if created or (update_fields is not None and "is_active" not in update_fields):
        return
    services.required_courses_refresh(user_ids=[instance.pk])


def employments_imported(sender, user_ids, **kwargs):
    required_courses_refresh_users_task.enqueue(user_ids=list(user_ids))


def assignment_before_save(sender, instance: TrainingAssignment, **kwargs):
    instance._previous_organization_id = (
        TrainingAssignment.objects.filter(pk=instance.pk)
        .values_list("organization_id", flat=True)
        .first()
        if instance.pk
        else None
    )


def assignment_saved(sender, instance: TrainingAssignment, **kwargs):
    if instance.listed_only:  # its people, not the whole subtree (read when the save commits)
        transaction.on_commit(
            lambda: required_courses_refresh_users_task.enqueue(
                user_ids=list(instance.learners.values_list("pk", flat=True))
            )
        )
        return
    organization_ids = {instance.organization_id}
    previous = getattr(instance, "_previous_organization_id", None)
    if previous:
        organization_ids.add(previous)
    _enqueue_refresh(course_id=instance.course_id, organization_ids=sorted(organization_ids))


def assignment_deleted(sender, instance: TrainingAssignment, **kwargs):
    # Its rows are gone with it; another assignment of the course may cover the same people.
    _enqueue_refresh(course_id=instance.course_id, organization_ids=[instance.organization_id])


def organization_saved(sender, instance: Organization, created, **kwargs):
    if not created:  # a move changes which assignments cover the people below it
        _enqueue_refresh(course_id=None, organization_ids=[instance.pk])


def enrolment_saved(sender, instance: Enrolment, created, **kwargs):
    if created:
        services.required_course_started(
            user_id=instance.user_id, course=instance.course, started_at=instance.enrolled_at
        )


def course_was_completed(sender, enrolment, user, course, **kwargs):
    services.required_course_completed(
        user_id=user.pk, course=course, completed_at=enrolment.completed_at
    )


def connect() -> None:
    uid = "courses.assignments."
    post_save.connect(employment_changed, sender=Employment, dispatch_uid=uid + "employment")
    post_delete.connect(employment_changed, sender=Employment, dispatch_uid=uid + "employment-d")
    employments_created.connect(employments_imported, dispatch_uid=uid + "import")
    post_save.connect(user_saved, sender=get_user_model(), dispatch_uid=uid + "user")
    pre_save.connect(
        assignment_before_save, sender=TrainingAssignment, dispatch_uid=uid + "assignment-pre"
    )
    post_save.connect(assignment_saved, sender=TrainingAssignment, dispatch_uid=uid + "assignment")
    post_delete.connect(
        assignment_deleted, sender=TrainingAssignment, dispatch_uid=uid + "assignment-d"
    )
    post_save.connect(organization_saved, sender=Organization, dispatch_uid=uid + "organization")
    post_save.connect(enrolment_saved, sender=Enrolment, dispatch_uid=uid + "enrolment")
    course_completed.connect(course_was_completed, dispatch_uid=uid + "completed")
