"""Background work (django-tasks): the retention reminders, also sent by courses' daily run."""

from django_tasks import task

from .reminders import retention_reminders_send


@task()
def retention_reminders_task() -> dict:
    _name, counts = retention_reminders_send()
    return counts
