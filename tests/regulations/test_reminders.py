"""Reminders to acknowledge go out with courses' daily run: once before the due date, once
overdue, in the learner's language."""

import pytest
from django.core import mail

from courses.reminders import reminders_send
from regulations.models import AcknowledgementReminder, AcknowledgementRequirement
from regulations.services import acknowledgement_record

from .conftest import DAY, TODAY

pytestmark = pytest.mark.django_db


def test_due_soon_then_overdue_each_once(add_version, assign_code, learner):
    v1 = add_version(1, effective_on=TODAY)
    assign_code(days=3)
    counts = reminders_send(today=TODAY)
    assert counts.others["codes"]["due_soon"] == 1
    assert len(mail.outbox) == 1
    assert v1.get_parent().title in mail.outbox[0].subject
    assert reminders_send(today=TODAY).others["codes"]["due_soon"] == 0

    late = TODAY + 4 * DAY
    assert reminders_send(today=late).others["codes"]["overdue"] == 1
    assert reminders_send(today=late).others["codes"]["overdue"] == 0
    assert AcknowledgementReminder.objects.count() == 2


def test_acknowledged_codes_are_not_reminded(add_version, assign_code, learner):
    v1 = add_version(1, effective_on=TODAY)
    assign_code(days=3)
    acknowledgement_record(user=learner, version=v1)
    counts = reminders_send(today=TODAY + 10 * DAY)
    assert counts.others["codes"] == {"due_soon": 0, "overdue": 0, "failed": 0, "refreshed": 0}
    assert not mail.outbox


def test_the_daily_run_brings_in_a_version_that_took_effect(add_version, assign_code, learner):
    add_version(1)
    assign_code(days=3)
    v2 = add_version(2, effective_on=TODAY + 2 * DAY)
    reminders_send(today=TODAY + 2 * DAY)
    assert AcknowledgementRequirement.objects.get(user=learner, current=True).version == v2
