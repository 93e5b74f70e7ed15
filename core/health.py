"""The state of the parts Muloqot depends on, for /healthz and monitoring."""

from django.db import DatabaseError, connection
from django.db.models import Count
from django.utils import timezone
from django_tasks import task_backends
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult


def database_state() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return {"ok": False, "vendor": connection.vendor, "error": error.__class__.__name__}
    return {"ok": True, "vendor": connection.vendor}


def queue_state() -> dict:
    """Counts of the database queue: a growing `ready` with an old `oldest_ready_seconds`
    means no worker is running."""
    backend = task_backends["default"].__class__.__name__
    try:
        by_status = dict(
            DBTaskResult.objects.values_list("status").annotate(n=Count("pk")).order_by()
        )
        counts = {
            status.lower(): by_status.get(status, 0)
            for status in (
                TaskResultStatus.READY,
                TaskResultStatus.RUNNING,
                TaskResultStatus.FAILED,
            )
        }
        oldest = (
            DBTaskResult.objects.filter(status=TaskResultStatus.READY)
            .order_by("enqueued_at")
            .values_list("enqueued_at", flat=True)
            .first()
        )
    except DatabaseError as error:
        return {"ok": False, "backend": backend, "error": error.__class__.__name__}
    age = round((timezone.now() - oldest).total_seconds()) if oldest else 0
    return {"ok": True, "backend": backend, **counts, "oldest_ready_seconds": age}
