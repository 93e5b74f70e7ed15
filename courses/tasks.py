"""Background work for required training (django-tasks)."""

from django_tasks import task

from .assignments.selectors import users_in_subtree
from .assignments.services import required_courses_refresh
from .reminders import reminders_send


@task()
def required_courses_refresh_task(course_id: int | None, organization_ids: list[int]) -> dict:
    """After an assignment or an organisation changed: the people of those subtrees."""
    return required_courses_refresh(
        user_ids=users_in_subtree(organization_ids),
        course_ids=[course_id] if course_id is not None else None,
    )


@task()
def required_courses_refresh_users_task(user_ids: list[int]) -> dict:
    """After a bulk import of civil servants."""
    return required_courses_refresh(user_ids=user_ids)


@task()
def send_reminders() -> dict:
    """The daily run (also `manage.py send_reminders`)."""
    counts = reminders_send()
    return {
        "due_soon": counts.due_soon,
        "overdue": counts.overdue,
        "digests": counts.digests,
        "failed": counts.failed,
        **counts.others,
    }
