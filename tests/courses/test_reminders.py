"""Reminders: learners before the due date and once overdue, coordinators weekly; each reminder
goes out once, however often and however concurrently the run happens."""

import datetime
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format

from courses import services
from courses.assignments.services import assignment_create
from courses.models import Audience, ReminderSent, RequiredCourse
from courses.reminders import reminders_send
from courses.tasks import send_reminders

from .conftest import lessons_of

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def course(make_course):
    return make_course("Ethics in social media", audience=Audience.CIVIL_SERVANTS, lessons=1)


@pytest.fixture
def assign(course, organizations, django_capture_on_commit_callbacks):
    def make(due_on, organization="tashkent-region"):
        with django_capture_on_commit_callbacks(execute=True):
            return assignment_create(
                course=course, organization=organizations[organization], due_on=due_on
            )

    return make


@pytest.fixture
def learner(civil_servant):
    civil_servant.preferred_language = "en"
    civil_servant.save()
    return civil_servant


def sent_to(address):
    return [message for message in mail.outbox if address in message.to]


def digests_to(address):
    return [m for m in sent_to(address) if m.subject.startswith("Required training")]


def english_date(day):
    with translation.override("en"):
        return date_format(day, "DATE_FORMAT")


def test_a_learner_is_reminded_once_before_the_due_date(assign, learner):
    assign(TODAY + 5 * DAY)
    counts = reminders_send()
    assert counts.due_soon == 1
    (message,) = sent_to(learner.email)
    assert message.subject == (
        f"Required course “Ethics in social media” is due on "
        f"{english_date(TODAY + 5 * DAY)}"
    )
    # One date style per language (core/formats): never the ambiguous 12/11/2026.
    assert "/" not in message.subject
    assert "in 5 days" in message.body
    assert "http://127.0.0.1:8000/en/dashboard/" in message.body or "/dashboard/" in message.body
    reminders_send()
    reminders_send(today=TODAY + DAY)
    assert len(sent_to(learner.email)) == 1
    assert ReminderSent.objects.filter(kind="due_soon", user=learner).count() == 1


def test_no_reminder_while_the_due_date_is_far(assign, learner):
    assign(TODAY + 30 * DAY)
    assert reminders_send().due_soon == 0
    assert sent_to(learner.email) == []
    assert reminders_send(today=TODAY + 23 * DAY).due_soon == 1


def test_overdue_reminder_once_per_due_date(assign, learner):
    assign(TODAY - DAY)
    counts = reminders_send()
    assert (counts.due_soon, counts.overdue) == (0, 1)
    (message,) = sent_to(learner.email)
    assert message.subject == "Required course “Ethics in social media” is overdue"
    reminders_send()
    assert len(sent_to(learner.email)) == 1
    # A new due date is a new deadline: reminded before it and again if it passes.
    assign(TODAY + 2 * DAY)
    assert reminders_send().due_soon == 1
    assert reminders_send(today=TODAY + 3 * DAY).overdue == 1
    assert reminders_send(today=TODAY + 4 * DAY).overdue == 0
    assert len(sent_to(learner.email)) == 3


def test_completed_courses_are_not_reminded(
    assign, learner, course, django_capture_on_commit_callbacks
):
    assign(TODAY + 3 * DAY)
    with django_capture_on_commit_callbacks(execute=True):
        services.lesson_complete(user=learner, lesson=lessons_of(course)[0])
    counts = reminders_send(today=TODAY + 10 * DAY)
    assert (counts.due_soon, counts.overdue) == (0, 0)


def test_inactive_people_are_not_reminded(assign, learner):
    assign(TODAY - DAY)
    learner.is_active = False
    learner.save()
    assert reminders_send().overdue == 0


def test_a_reminder_claimed_by_another_run_is_not_sent_again(assign, learner):
    assign(TODAY - DAY)
    row = RequiredCourse.objects.get(user=learner)
    # Another run, on another machine, has just claimed it.
    ReminderSent.objects.create(
        kind="overdue", user=learner, required_course=row, about_date=row.due_on
    )
    assert reminders_send().overdue == 0
    assert mail.outbox == []


def test_the_database_refuses_a_second_copy_of_a_reminder(assign, learner, region_coordinator):
    assign(TODAY - DAY)
    row = RequiredCourse.objects.get(user=learner)
    ReminderSent.objects.create(
        kind="overdue", user=learner, required_course=row, about_date=row.due_on
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ReminderSent.objects.create(
            kind="overdue", user=learner, required_course=row, about_date=row.due_on
        )
    ReminderSent.objects.create(kind="digest", user=region_coordinator, about_date=TODAY)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReminderSent.objects.create(kind="digest", user=region_coordinator, about_date=TODAY)


def test_a_failed_e_mail_is_tried_again_on_the_next_run(assign, learner):
    assign(TODAY - DAY)
    with mock.patch("courses.reminders.send_mail", side_effect=OSError("SMTP down")):
        counts = reminders_send()
    assert (counts.overdue, counts.failed) == (0, 1)
    assert not ReminderSent.objects.exists()
    assert reminders_send().overdue == 1
    assert len(sent_to(learner.email)) == 1


def test_coordinators_get_one_digest_a_week(assign, learner, region_coordinator):
    region_coordinator.preferred_language = "en"
    region_coordinator.save()
    assign(TODAY - DAY)
    reminders_send()
    (digest,) = digests_to(region_coordinator.email)
    assert digest.subject.startswith("Required training: the week of")
    # The learner in Chirchiq and the coordinator, who works in the region, too.
    assert "Assigned: 2" in digest.body
    assert "Overdue: 2" in digest.body
    assert "/admin/compliance/" in digest.body
    reminders_send()
    reminders_send(today=TODAY + DAY if TODAY.weekday() < 6 else TODAY)
    assert len(digests_to(region_coordinator.email)) == 1
    reminders_send(today=TODAY + 7 * DAY)
    assert len(digests_to(region_coordinator.email)) == 2


def test_no_digest_when_nothing_is_assigned_in_the_subtree(
    assign, region_coordinator, make_user, organizations
):
    assign(TODAY - DAY, organization="mininfo")
    reminders_send()
    assert digests_to(region_coordinator.email) == []


def test_the_command_and_the_task_run_the_same_service(assign, learner):
    assign(TODAY - DAY)
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert "0 before the due date, 1 overdue, 0 coordinator digests; 0 failed" in out.getvalue()
    result = send_reminders.enqueue()
    assert result.return_value == {
        "due_soon": 0,
        "overdue": 0,
        "digests": 0,
        "failed": 0,
        # Codes of conduct report through courses.reminders.REMINDER_SOURCE_HOOK (none here).
        "codes": {"due_soon": 0, "overdue": 0, "failed": 0, "refreshed": 0},
        # The outcomes' retention-test reminders, the same way.
        "retention_tests": {"sent": 0, "failed": 0},
    }
    assert len(sent_to(learner.email)) == 1


def test_a_russian_speaker_gets_the_reminder_in_russian(assign, civil_servant):
    civil_servant.preferred_language = "ru"
    civil_servant.save()
    assign(TODAY - DAY)
    reminders_send()
    (message,) = sent_to(civil_servant.email)
    assert message.subject == "Обязательный курс «Ethics in social media» просрочен"
    assert "/ru/dashboard/" in message.body
