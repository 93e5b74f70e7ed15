"""Required courses follow assignments, people and progress: who gets a course, when it is due,
and its status (not started, in progress, completed, overdue), recertification included."""

import datetime
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from wagtail.models import Locale

from accounts.importing import users_import
from accounts.models import Employment
from courses import services
from courses.assignments.selectors import status_expression
from courses.assignments.services import (
    MESSAGE_RENEWAL_NOT_OPEN,
    assignment_create,
    recertification_start,
    required_courses_refresh,
    required_courses_refresh_recent,
)
from courses.models import Audience, Enrolment, RequiredCourse, TrainingAssignment
from courses.models.assignments import MESSAGE_ONE_DUE_RULE

from .conftest import lessons_of

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def status(user, course, today=TODAY) -> str | None:
    row = (
        RequiredCourse.objects.filter(user=user, course=course)
        .annotate(status=status_expression(today))
        .first()
    )
    if row is None:
        return None
    assert row.status == row.status_on(today)  # the query and Python agree
    return row.status


def row_of(user, course) -> RequiredCourse:
    return RequiredCourse.objects.get(user=user, course=course)


def complete(user, course):
    for lesson in lessons_of(course):
        services.lesson_complete(user=user, lesson=lesson, course=course)


@pytest.fixture
def course(make_course):
    return make_course("Ethics in social media", audience=Audience.CIVIL_SERVANTS, lessons=2)


@pytest.fixture
def assign(course, organizations, django_capture_on_commit_callbacks):
    """Assign through the service and run what happens after the commit (the refresh task)."""

    def make(organization="tashkent-region", *, course=course, **fields):
        if "due_on" not in fields and "due_days_after_joining" not in fields:
            fields["due_on"] = TODAY + 30 * DAY
        with django_capture_on_commit_callbacks(execute=True):
            return assignment_create(
                course=course, organization=organizations[organization], **fields
            )

    return make


def employ(user, organization, *, started_on=TODAY, position=""):
    return Employment.objects.create(
        user=user, organization=organization, started_on=started_on, position_title=position
    )


def test_assignment_covers_the_organisation_and_everything_below_it(
    assign, course, make_user, organizations, civil_servant
):
    outsider = make_user("outsider")
    employ(outsider, organizations["mininfo"])
    assign("tashkent-region")
    row = row_of(civil_servant, course)
    assert row.organization == organizations["chirchiq"]
    assert row.due_on == TODAY + 30 * DAY
    assert status(civil_servant, course) == "not_started"
    assert status(outsider, course) is None


def test_someone_who_joins_later_gets_the_course_due_days_after_joining(
    assign, course, make_user, organizations
):
    assign("tashkent-region", due_days_after_joining=14)
    newcomer = make_user("newcomer")
    employ(newcomer, organizations["angren"], started_on=TODAY - 3 * DAY)
    assert row_of(newcomer, course).due_on == TODAY + 11 * DAY
    assert status(newcomer, course) == "not_started"


def test_only_the_listed_positions_when_positions_are_given(
    assign, course, make_user, organizations
):
    press = make_user("press")
    employ(press, organizations["chirchiq"], position="Press  Secretary")
    driver = make_user("driver")
    employ(driver, organizations["chirchiq"], position="Driver")
    assign("tashkent-region", positions=["press secretary", "Spokesperson"])
    assert status(press, course) == "not_started"
    assert status(driver, course) is None


def test_status_moves_from_not_started_to_in_progress_to_completed(
    assign, course, civil_servant, django_capture_on_commit_callbacks
):
    assign("tashkent-region")
    assert status(civil_servant, course) == "not_started"
    services.enrolment_create(user=civil_servant, course=course)
    assert status(civil_servant, course) == "in_progress"
    with django_capture_on_commit_callbacks(execute=True):
        complete(civil_servant, course)
    assert status(civil_servant, course) == "completed"
    assert row_of(civil_servant, course).expires_on is None  # the course never expires


def test_overdue_follows_from_the_date_without_any_job_running(assign, course, civil_servant):
    assign("tashkent-region", due_on=TODAY + 2 * DAY)
    services.enrolment_create(user=civil_servant, course=course)
    assert status(civil_servant, course, today=TODAY + 2 * DAY) == "in_progress"  # due today
    assert status(civil_servant, course, today=TODAY + 3 * DAY) == "overdue"


def test_a_completion_made_before_the_assignment_counts(
    assign, course, civil_servant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        complete(civil_servant, course)
    assign("tashkent-region")
    assert status(civil_servant, course) == "completed"


def test_a_completion_in_another_language_counts(
    assign, course, civil_servant, make_course, django_capture_on_commit_callbacks
):
    Locale.objects.get_or_create(language_code="ru")
    russian = course.copy_for_translation(Locale.objects.get(language_code="ru"), copy_parents=True)
    russian.save_revision().publish()
    for lesson in lessons_of(course):
        lesson.copy_for_translation(russian.locale).save_revision().publish()
    assign("tashkent-region")
    with django_capture_on_commit_callbacks(execute=True):
        complete(civil_servant, russian)
    assert status(civil_servant, course) == "completed"


def test_recertification_an_expired_completion_no_longer_counts(
    assign, make_course, civil_servant, django_capture_on_commit_callbacks
):
    course = make_course("Data protection", audience=Audience.CIVIL_SERVANTS, validity_months=12)
    assign("tashkent-region", course=course, due_on=TODAY + 10 * DAY)
    with django_capture_on_commit_callbacks(execute=True):
        complete(civil_servant, course)
    row = row_of(civil_servant, course)
    expires = row.expires_on
    assert expires == TODAY.replace(year=TODAY.year + 1) or expires.month == 2  # 29 Feb edge
    assert row.due_on == expires  # due again when it expires
    assert status(civil_servant, course, today=expires - DAY) == "completed"
    assert status(civil_servant, course, today=expires) == "not_started"  # due that very day
    assert status(civil_servant, course, today=expires + DAY) == "overdue"

    # Taking it again: the enrolment starts afresh, then completes once more.
    with pytest.raises(ValidationError) as error:
        recertification_start(user=civil_servant, required_course=row)
    # Not yet: the renewal window opens 60 days before expiry (test_renewal.py).
    assert error.value.messages == [str(MESSAGE_RENEWAL_NOT_OPEN) % {"date": expires - 60 * DAY}]
    old_completion = timezone.now() - datetime.timedelta(days=400)
    Enrolment.objects.filter(user=civil_servant).update(
        enrolled_at=old_completion, completed_at=old_completion
    )
    RequiredCourse.objects.filter(pk=row.pk).update(
        completed_at=old_completion, started_at=old_completion
    )
    required_courses_refresh(user_ids=[civil_servant.pk])
    row.refresh_from_db()
    assert row.expires_on < TODAY
    # Expired: due again by the assignment's own date, which is still ahead.
    assert row.due_on == TODAY + 10 * DAY
    assert status(civil_servant, course) == "not_started"
    assert status(civil_servant, course, today=TODAY + 11 * DAY) == "overdue"
    enrolment = recertification_start(user=civil_servant, required_course=row)
    assert enrolment.completed_at is None
    assert not enrolment.user.lesson_completions.exists()
    assert status(civil_servant, course) == "in_progress"
    with django_capture_on_commit_callbacks(execute=True):
        complete(civil_servant, course)
    row.refresh_from_db()
    assert status(civil_servant, course) == "completed"
    assert row.expires_on > TODAY + 300 * DAY


def test_assignment_recurrence_overrides_the_course_validity(
    assign, course, civil_servant, django_capture_on_commit_callbacks
):
    assign("tashkent-region", recurrence_months=6)
    with django_capture_on_commit_callbacks(execute=True):
        complete(civil_servant, course)
    row = row_of(civil_servant, course)
    assert row.expires_on is not None
    assert 180 <= (row.expires_on - TODAY).days <= 185
    assert status(civil_servant, course, today=row.expires_on + DAY) == "overdue"


def test_moving_within_the_assigned_subtree_keeps_the_due_date_and_progress(
    assign, course, civil_servant, organizations
):
    Employment.objects.filter(user=civil_servant).update(started_on=TODAY - 10 * DAY)
    assign("tashkent-region", due_days_after_joining=30)
    row = row_of(civil_servant, course)
    assert row.due_on == TODAY + 20 * DAY
    services.enrolment_create(user=civil_servant, course=course)
    # The transfer: the Chirchiq employment ends today, the Angren one starts today.
    old = Employment.objects.get(user=civil_servant)
    old.ended_on = TODAY
    old.save()
    employ(civil_servant, organizations["angren"], started_on=TODAY)
    moved = row_of(civil_servant, course)
    assert moved.organization == organizations["angren"]
    assert moved.due_on == TODAY + 20 * DAY  # counted from joining the region, not the move
    assert status(civil_servant, course) == "in_progress"


def test_moving_into_a_subtree_with_its_own_assignment(
    assign, course, civil_servant, organizations, make_course
):
    angren_course = make_course("Angren rules", audience=Audience.CIVIL_SERVANTS, lessons=1)
    assign("tashkent-region")
    assign("angren", course=angren_course, due_days_after_joining=7)
    assert status(civil_servant, angren_course) is None
    old = Employment.objects.get(user=civil_servant)
    old.ended_on = TODAY
    old.save()
    employ(civil_servant, organizations["angren"], started_on=TODAY)
    assert row_of(civil_servant, angren_course).due_on == TODAY + 7 * DAY
    assert status(civil_servant, course) == "not_started"


def test_moving_out_of_the_subtree_removes_the_requirement(
    assign, course, civil_servant, organizations
):
    assign("chirchiq")
    assert status(civil_servant, course) == "not_started"
    employment = Employment.objects.get(user=civil_servant)
    employment.delete()
    employ(civil_servant, organizations["angren"])
    assert status(civil_servant, course) is None


def test_leaving_on_a_past_date_removes_the_requirement(assign, course, civil_servant):
    assign("tashkent-region")
    employment = Employment.objects.get(user=civil_servant)
    employment.started_on = TODAY - 100 * DAY
    employment.ended_on = TODAY - DAY
    employment.save()
    assert status(civil_servant, course) is None


def test_the_earliest_due_date_wins_when_two_assignments_cover_a_course(
    assign, course, civil_servant
):
    assign("tashkent-region", due_on=TODAY + 60 * DAY)
    assign("chirchiq", due_on=TODAY + 20 * DAY)
    row = row_of(civil_servant, course)
    assert row.due_on == TODAY + 20 * DAY
    assert row.assignment.organization.code == "chirchiq"
    assert RequiredCourse.objects.filter(user=civil_servant).count() == 1


def test_changing_and_deleting_an_assignment_updates_the_learners(
    assign, course, civil_servant, django_capture_on_commit_callbacks
):
    assignment = assign("tashkent-region", due_on=TODAY + 60 * DAY)
    assign("tashkent-region", due_on=TODAY + 5 * DAY)  # the same assignment, a new date
    assert TrainingAssignment.objects.count() == 1
    assert row_of(civil_servant, course).due_on == TODAY + 5 * DAY
    with django_capture_on_commit_callbacks(execute=True):
        assignment.delete()
    assert status(civil_servant, course) is None


def test_deleting_one_of_two_assignments_falls_back_to_the_other(
    assign, course, civil_servant, django_capture_on_commit_callbacks
):
    assign("tashkent-region", due_on=TODAY + 60 * DAY)
    district = assign("chirchiq", due_on=TODAY + 20 * DAY)
    with django_capture_on_commit_callbacks(execute=True):
        district.delete()
    assert row_of(civil_servant, course).due_on == TODAY + 60 * DAY


def test_a_due_date_rule_is_required_and_only_one(course, organizations):
    for fields in ({}, {"due_on": TODAY, "due_days_after_joining": 10}):
        with pytest.raises(ValidationError) as error:
            assignment_create(course=course, organization=organizations["chirchiq"], **fields)
        assert str(MESSAGE_ONE_DUE_RULE) in error.value.messages
    assert not TrainingAssignment.objects.exists()


def test_coordinators_assign_only_within_their_subtree(
    course, organizations, region_coordinator, make_user
):
    assignment_create(
        course=course,
        organization=organizations["angren"],
        due_on=TODAY,
        created_by=region_coordinator,
    )
    with pytest.raises(PermissionDenied):
        assignment_create(
            course=course,
            organization=organizations["mininfo"],
            due_on=TODAY,
            created_by=region_coordinator,
        )
    admin = make_user("admin", is_superuser=True)
    assignment_create(
        course=course, organization=organizations["mininfo"], due_on=TODAY, created_by=admin
    )


def test_imported_civil_servants_get_their_required_courses(
    assign, course, organizations, django_capture_on_commit_callbacks
):
    assign("tashkent-region")
    content = b"full_name,email,organization_code\nAziza Karimova,aziza@example.uz,angren\n"
    with django_capture_on_commit_callbacks(execute=True):
        (user,) = users_import(file_name="people.csv", content=content, imported_by=None)
    assert status(user, course) == "not_started"


def test_refresh_is_idempotent(assign, course, civil_servant):
    assign("tashkent-region")
    assert required_courses_refresh() == {"created": 0, "updated": 0, "deleted": 0}


def test_a_deactivated_person_drops_out_and_comes_back(assign, course, civil_servant):
    assign("tashkent-region")
    civil_servant.is_active = False
    civil_servant.save()
    assert status(civil_servant, course) is None
    civil_servant.is_active = True
    civil_servant.save()
    assert status(civil_servant, course) == "not_started"


def test_the_daily_run_catches_employments_that_start_or_end_without_a_save(
    assign, course, civil_servant, make_user, organizations
):
    assign("tashkent-region")
    employment = Employment.objects.get(user=civil_servant)
    employment.started_on = TODAY - 10 * DAY
    employment.ended_on = TODAY + DAY  # leaves tomorrow
    employment.save()
    newcomer = make_user("newcomer")
    employ(newcomer, organizations["angren"], started_on=TODAY + 2 * DAY)  # joins in 2 days
    assert status(civil_servant, course) == "not_started"
    assert status(newcomer, course) is None
    later = TODAY + 2 * DAY
    with mock.patch("django.utils.timezone.localdate", return_value=later):
        counts = required_courses_refresh_recent(today=later)
    assert counts == {"created": 1, "updated": 0, "deleted": 1}
    assert status(civil_servant, course) is None
    assert status(newcomer, course) == "not_started"
