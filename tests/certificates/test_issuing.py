import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from wagtail.models import ModelLogEntry

from certificates.codes import CODE_PATTERN
from certificates.models import Certificate
from certificates.services import (
    certificate_award_set,
    certificate_issue,
    certificate_reissue,
    certificate_revoke,
)
from core.dates import add_months
from courses import services as course_services
from courses.models import LessonPage

pytestmark = pytest.mark.django_db


def test_completing_a_course_issues_one_certificate(
    make_user, course, django_capture_on_commit_callbacks, monkeypatch
):
    rendered = []
    stub = type("RenderTask", (), {"enqueue": staticmethod(rendered.append)})
    monkeypatch.setattr("certificates.tasks.certificate_render_task", stub)
    user = make_user("learner", full_name="Rahimova Dilnoza")
    lesson = LessonPage.objects.child_of(course).get()
    with django_capture_on_commit_callbacks(execute=True):
        course_services.lesson_complete(user=user, lesson=lesson)
    with django_capture_on_commit_callbacks(execute=True):
        course_services.lesson_complete(user=user, lesson=lesson)  # a double submit
    [certificate] = Certificate.objects.filter(user=user)
    assert certificate.holder_name == "Rahimova Dilnoza"
    assert certificate.course_title == course.title
    assert certificate.issuer_name == "Axborot va ommaviy kommunikatsiyalar agentligi"
    assert certificate.hours == 1.5
    assert CODE_PATTERN.match(certificate.code)
    assert certificate.status == "valid"
    assert certificate.expires_on == add_months(certificate.issued_on, 12)


def test_issuing_twice_returns_the_same_certificate(completed):
    first = certificate_issue(enrolment=completed)
    second = certificate_issue(enrolment=completed)
    assert first.pk == second.pk
    assert Certificate.objects.count() == 1


def test_database_refuses_a_second_valid_certificate_for_the_same_cycle(completed):
    first = certificate_issue(enrolment=completed)
    duplicate = Certificate(
        user=first.user,
        course=first.course,
        cycle=first.cycle,
        holder_name="x",
        course_title="x",
        issuer_name="x",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_no_certificate_without_completion_or_template(completed, course):
    completed.completed_at = None
    with pytest.raises(ValidationError):
        certificate_issue(enrolment=completed)
    completed.completed_at = datetime.datetime.now(datetime.UTC)
    certificate_award_set(course=course, template=None)
    with pytest.raises(ValidationError):
        certificate_issue(enrolment=completed)
    assert not Certificate.objects.exists()


def test_expiry_and_recertification(completed, course):
    certificate = certificate_issue(enrolment=completed)
    assert certificate.status_on(certificate.expires_on - datetime.timedelta(days=1)) == "valid"
    assert certificate.status_on(certificate.expires_on) == "expired"
    # A completion after expiry starts the next cycle with a new certificate.
    completed.completed_at = datetime.datetime.combine(
        certificate.expires_on + datetime.timedelta(days=3), datetime.time(12), datetime.UTC
    )
    completed.save()
    renewed = certificate_issue(enrolment=completed)
    assert (renewed.cycle, renewed.pk != certificate.pk) == (2, True)


def test_a_renewal_before_expiry_starts_the_next_cycle_and_the_old_one_expires_normally(
    completed, course
):
    certificate = certificate_issue(enrolment=completed)
    # Renewed 30 days before the first certificate expires (inside the renewal window).
    renewal_day = certificate.expires_on - datetime.timedelta(days=30)
    completed.completed_at = datetime.datetime.combine(renewal_day, datetime.time(12), datetime.UTC)
    completed.save()
    renewed = certificate_issue(enrolment=completed)
    assert (renewed.cycle, renewed.issued_on) == (2, renewal_day)
    assert renewed.expires_on == add_months(renewal_day, 12)
    assert certificate_issue(enrolment=completed) == renewed  # idempotent
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
    assert certificate.status_on(renewal_day) == "valid"  # both valid until the old one lapses
    assert certificate.status_on(certificate.expires_on) == "expired"
    assert renewed.status_on(certificate.expires_on) == "valid"


def test_course_without_validity_never_expires(completed, course):
    course.validity_months = None
    course.save()
    certificate = certificate_issue(enrolment=completed)
    assert certificate.expires_on is None
    assert certificate.status_on(datetime.date(2100, 1, 1)) == "valid"


def test_add_months_keeps_the_end_of_month():
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2026, 11, 22), 14) == datetime.date(2028, 1, 22)


def test_revocation_needs_a_reason_and_is_recorded(completed, make_user):
    certificate = certificate_issue(enrolment=completed)
    methodologist = make_user("methodologist")
    with pytest.raises(ValidationError):
        certificate_revoke(certificate=certificate, by=methodologist, reason="  ")
    revoked = certificate_revoke(certificate=certificate, by=methodologist, reason="Wrong person")
    assert revoked.status == "revoked"
    entry = ModelLogEntry.objects.get(action="certificates.revoke")
    assert (entry.object_id, entry.user, entry.data) == (
        str(certificate.pk),
        methodologist,
        {"reason": "Wrong person"},
    )
    assert (revoked.revoked_by, revoked.revocation_reason) == (methodologist, "Wrong person")
    with pytest.raises(ValidationError):
        certificate_revoke(certificate=certificate, by=methodologist, reason="Again")


def test_reissue_revokes_and_issues_a_new_code(completed, make_user):
    certificate = certificate_issue(enrolment=completed)
    completed.user.full_name = "Karimov Bahodir"
    completed.user.save()
    new = certificate_reissue(certificate=certificate, by=make_user("m"), reason="Name corrected")
    certificate.refresh_from_db()
    assert certificate.status == "revoked"
    assert new.code != certificate.code
    assert new.holder_name == "Karimov Bahodir"
    assert new.status == "valid"


def test_hours_that_are_not_a_whole_tenth_are_rounded_to_one_decimal(
    course, make_user, django_capture_on_commit_callbacks, monkeypatch
):
    """87 minutes are 1.45 hours: the certificate says 1.5 instead of failing validation."""
    stub = type("RenderTask", (), {"enqueue": staticmethod(lambda *a, **k: None)})
    monkeypatch.setattr("certificates.tasks.certificate_render_task", stub)
    course.estimated_minutes = 87
    course.save_revision().publish()
    user = make_user("learner")
    lesson = LessonPage.objects.child_of(course).get()
    with django_capture_on_commit_callbacks(execute=True):
        course_services.lesson_complete(user=user, lesson=lesson)
    [certificate] = Certificate.objects.filter(user=user)
    assert str(certificate.hours) == "1.5"
