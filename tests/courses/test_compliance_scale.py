"""seed_scale builds the benchmark data set: every learner with five required courses in a
realistic mix of statuses, and it refuses to run twice on one database."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.utils import timezone

from accounts.models import Organization
from courses.assignments.selectors import status_expression
from courses.models import RequiredCourse

pytestmark = pytest.mark.django_db


def test_seed_scale_creates_five_required_courses_per_learner_in_every_status():
    call_command("seed_scale", learners=300, organisations=30, stdout=StringIO())
    assert Organization.objects.filter(code__startswith="scale-").count() == 30
    per_learner = set(
        RequiredCourse.objects.values("user").annotate(n=Count("pk")).values_list("n", flat=True)
    )
    assert per_learner == {5}
    assert RequiredCourse.objects.count() == 1500
    statuses = dict(
        RequiredCourse.objects.annotate(status=status_expression(timezone.localdate()))
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    assert set(statuses) == {"completed", "in_progress", "not_started", "overdue"}
    assert 0.4 < statuses["completed"] / 1500 < 0.7
    with pytest.raises(CommandError):
        call_command("seed_scale", learners=10, organisations=5, stdout=StringIO())
