import datetime

import pytest
from django.db import OperationalError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.tasks import invitation_send

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_queue(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["database"]["vendor"] in {"sqlite", "postgresql"}
    assert body["queue"] == {
        "ok": True,
        "backend": "ImmediateBackend",
        "ready": 0,
        "running": 0,
        "failed": 0,
        "scheduled": 0,
        "oldest_ready_seconds": 0,
    }


def test_healthz_counts_waiting_tasks(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    invitation_send.using(backend="default").enqueue(1)
    invitation_send.using(backend="default").enqueue(2)
    DBTaskResult.objects.filter(pk=DBTaskResult.objects.first().pk).update(status="FAILED")

    queue = client.get("/healthz").json()["queue"]
    assert queue["backend"] == "DatabaseBackend"
    assert (queue["ready"], queue["failed"]) == (1, 1)
    assert queue["oldest_ready_seconds"] >= 0


def test_a_task_deferred_to_later_does_not_age_the_queue(client, settings):
    """A quiz deadline queued for 20 minutes ahead must not look like a stalled worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    later = timezone.now() + datetime.timedelta(minutes=20)
    invitation_send.using(backend="default", run_after=later).enqueue(1)
    DBTaskResult.objects.update(enqueued_at=timezone.now() - datetime.timedelta(minutes=10))
    queue = client.get("/healthz").json()["queue"]
    assert (queue["ready"], queue["scheduled"], queue["oldest_ready_seconds"]) == (1, 1, 0)

    # Once due (five minutes ago), it ages from the time it was due, not from when it was queued.
    DBTaskResult.objects.update(run_after=timezone.now() - datetime.timedelta(minutes=5))
    queue = client.get("/healthz").json()["queue"]
    assert queue["scheduled"] == 0
    assert 295 <= queue["oldest_ready_seconds"] <= 330


def test_healthz_answers_503_when_the_database_is_down(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("core.health.connection.cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["database"] == {
        "ok": False,
        "vendor": body["database"]["vendor"],
        "error": "OperationalError",
    }


def test_healthz_only_answers_get(client):
    assert client.post("/healthz").status_code == 405
