"""The recertification window: a learner renews a completion that expires before it lapses,
without a day in which the requirement is not met, and is told when the window opens, 14 and
3 days before expiry and when it lapsed."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from courses import services
from courses.assignments.selectors import required_course_list_for_user, status_expression
from courses.assignments.services import (
    MESSAGE_RENEWAL_NOT_OPEN,
    assignment_create,
    recertification_start,
)
from courses.models import Audience, Enrolment, ReminderSent, RequiredCourse
from courses.reminders import reminders_send

from .conftest import lessons_of

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def course(make_course):
    return make_course(
        "Data protection", audience=Audience.CIVIL_SERVANTS, lessons=1, validity_months=12
    )


@pytest.fixture
def learner(civil_servant):
    civil_servant.preferred_language = "en"
    civil_servant.save()
    return civil_servant


@pytest.fixture
def assigned(course, organizations, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return assignment_create(
            course=course, organization=organizations["tashkent-region"], due_on=TODAY + 10 * DAY
        )


def complete(user, course, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in lessons_of(course):
            services.lesson_complete(user=user, lesson=lesson, course=course)


def expiring_in(days: int, user, course, django_capture_on_commit_callbacks) -> RequiredCourse:
    """The learner completed the course long enough ago that it expires in `days` days."""
    complete(user, course, django_capture_on_commit_callbacks)
    row = RequiredCourse.objects.select_related("assignment").get(user=user, course=course)
    shift = row.expires_on - TODAY - days * DAY
    completed_at = row.completed_at - shift
    Enrolment.objects.filter(user=user).update(enrolled_at=completed_at, completed_at=completed_at)
    row.completed_at = row.started_at = completed_at
    row.expires_on -= shift
    row.due_on = row.expires_on
    row.save()
    return row


def status(row, today) -> str:
    return (
        RequiredCourse.objects.filter(pk=row.pk)
        .annotate(status=status_expression(today))
        .get()
        .status
    )


def test_renewal_opens_with_the_window_and_not_before(
    assigned, course, learner, django_capture_on_commit_callbacks
):
    assert assigned.renewal_window_days == 60
    row = expiring_in(61, learner, course, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError) as error:
        recertification_start(user=learner, required_course=row)
    opens_on = row.expires_on - 60 * DAY
    assert error.value.messages == [str(MESSAGE_RENEWAL_NOT_OPEN) % {"date": opens_on}]
    [listed] = required_course_list_for_user(user=learner)
    assert (listed.can_restart, listed.renewal_opens_on) == (False, opens_on)
    assert listed.renewal_opens_on == TODAY + DAY

    assigned.renewal_window_days = 61
    assigned.save()
    [listed] = required_course_list_for_user(user=learner)
    assert listed.can_restart and listed.status == "completed"


def test_renewing_early_leaves_no_gap_in_validity(
    assigned, course, learner, client, django_capture_on_commit_callbacks
):
    row = expiring_in(20, learner, course, django_capture_on_commit_callbacks)
    old_expiry = row.expires_on
    client.force_login(learner)
    restart_url = reverse("courses:recertification_start", args=[row.pk])
    page = client.get(reverse("dashboard")).content.decode()
    assert f'action="{restart_url}"' in page
    assert 'class="renewal-open"' in page

    response = client.post(restart_url)
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(user=learner)
    assert enrolment.completed_at is None
    # Renewing: the earlier completion still counts every day until it expires.
    for day in range(0, 20):
        assert status(row, TODAY + day * DAY) == "completed"
    assert status(row, old_expiry) == "in_progress"  # not finished by expiry: due that day
    [listed] = required_course_list_for_user(user=learner)
    assert listed.renewing and not listed.can_restart
    page = client.get(reverse("dashboard")).content.decode()
    assert restart_url not in page  # renewing: a link back into the course instead
    assert f'class="button" href="{course.url}"' in page

    complete(learner, course, django_capture_on_commit_callbacks)
    row.refresh_from_db()
    assert row.expires_on > old_expiry  # the new cycle runs from the renewal
    assert row.due_on == row.expires_on
    for day in (0, 19, 20, 21, 300):
        assert status(row, TODAY + day * DAY) == "completed"


def sent_kinds(user):
    return list(
        ReminderSent.objects.filter(user=user)
        .order_by("sent_at", "pk")
        .values_list("kind", flat=True)
    )


def test_renewal_notices_go_out_on_their_days_once_each(
    assigned, course, learner, django_capture_on_commit_callbacks
):
    row = expiring_in(90, learner, course, django_capture_on_commit_callbacks)
    expires = row.expires_on
    mail.outbox.clear()
    days = {
        expires - 61 * DAY: [],
        expires - 60 * DAY: ["renewal_open"],
        expires - 59 * DAY: [],
        expires - 15 * DAY: [],
        expires - 14 * DAY: ["renewal_14"],
        expires - 10 * DAY: [],
        expires - 3 * DAY: ["renewal_3"],
        expires - 1 * DAY: [],
        expires: ["lapsed"],
        expires + DAY: ["overdue"],
        expires + 2 * DAY: [],
    }
    for today, expected in days.items():
        before = len(mail.outbox)
        reminders_send(today=today)
        reminders_send(today=today)  # a second run the same day sends nothing more
        kinds = sent_kinds(learner)[before:]
        assert kinds == expected, today
        assert len(mail.outbox) == before + len(expected)
    subjects = [message.subject for message in mail.outbox]
    assert subjects[0].startswith("Renew “Data protection” before")
    assert "60 more days" in mail.outbox[0].body
    assert "14 more days" in mail.outbox[1].body
    assert "3 more days" in mail.outbox[2].body
    assert subjects[3] == "Your completion of “Data protection” has expired"


def test_only_the_latest_stage_is_sent_when_the_learner_arrives_late(
    assigned, course, learner, django_capture_on_commit_callbacks
):
    row = expiring_in(2, learner, course, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    counts = reminders_send()
    assert (counts.renewal, sent_kinds(learner)) == (1, ["renewal_3"])
    assert "2 more days" in mail.outbox[0].body
    # A renewed completion ends the notices about the old expiry date.
    recertification_start(user=learner, required_course=row)
    complete(learner, course, django_capture_on_commit_callbacks)
    reminders_send(today=row.expires_on)
    assert sent_kinds(learner) == ["renewal_3"]
