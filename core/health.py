"""The state of the parts Muloqot depends on, for /healthz and monitoring."""

from django.db import DatabaseError, connection
from django.db.models import Count, Q
from django.db.models.functions import Coalesce
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
    means no worker is running. A task deferred to a later time (a quiz's deadline, say) counts in
    `ready` and `scheduled`, and ages only from the time it is due."""
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
        now = timezone.now()
        ready = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
        counts["scheduled"] = ready.filter(run_after__gt=now).count()
        oldest = (
            ready.filter(Q(run_after__isnull=True) | Q(run_after__lte=now))
            .annotate(due=Coalesce("run_after", "enqueued_at"))
            .order_by("due")
            .values_list("due", flat=True)
            .first()
        )
    except DatabaseError as error:
        return {"ok": False, "backend": backend, "error": error.__class__.__name__}
    age = max(0, round((now - oldest).total_seconds())) if oldest else 0
    return {"ok": True, "backend": backend, **counts, "oldest_ready_seconds": age}
