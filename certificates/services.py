"""Issuing, revoking and reissuing certificates."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from core.dates import add_months
from courses.models import CoursePage, Enrolment
from quizzes.selectors import quizzes_grade

from .credentials import credential_sign
from .models import Certificate, CertificateAward, CertificateTemplate
from .selectors import certificate_template_for_course
from .status_lists import status_lists_changed

MESSAGE_NOT_COMPLETED = _("The learner has not completed this course.")
MESSAGE_NO_TEMPLATE = _("This course has no certificate template.")
MESSAGE_REASON_REQUIRED = _("Give the reason for revoking the certificate.")
MESSAGE_ALREADY_REVOKED = _("This certificate is already revoked.")
MESSAGE_ALREADY_SUSPENDED = _("This certificate is already suspended.")
MESSAGE_NOT_SUSPENDED = _("This certificate is not suspended.")


def _expiry(course: CoursePage, issued_on: datetime.date) -> datetime.date | None:
    if not course.validity_months:
        return None
    return add_months(issued_on, course.validity_months)


def _hours(course: CoursePage) -> Decimal:
    # Decimal, not float: 87 minutes is 1.45 h, which a float carries as 1.4499999...
    return (Decimal(course.estimated_minutes) / 60).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _quiz_score(*, user, course: CoursePage) -> Decimal | None:
    """The learner's grade over the quizzes in the course's lessons (None without quizzes)."""
    quizzes = [quiz for lesson in course.lessons() for quiz in lesson.embedded_quizzes()]
    return quizzes_grade(user=user, quizzes=quizzes) if quizzes else None


def _template_revision(template: CertificateTemplate, *, user):
    """The template's text as of now, kept by the certificate (a template saved outside the
    editor has no revision yet: one is made, so later edits cannot change this certificate)."""
    if template.latest_revision_id is None:
        return template.save_revision(user=user, log_action=False)
    return template.latest_revision


def certificate_issue(*, enrolment: Enrolment) -> Certificate:
    """The learner's certificate for this completion (idempotent: the same one on a second call,
    also from two workers at once, thanks to the unique constraint)."""
    course = CoursePage.objects.get(pk=enrolment.course_id)
    if enrolment.completed_at is None:
        raise ValidationError(MESSAGE_NOT_COMPLETED, code="not_completed")
    template = certificate_template_for_course(course)
    if template is None:
        raise ValidationError(MESSAGE_NO_TEMPLATE, code="no_template")
    issued_on = timezone.localdate(enrolment.completed_at)
    current = (
        Certificate.objects.not_revoked()
        .filter(user_id=enrolment.user_id, course=course)
        .order_by("-cycle")
        .first()
    )
    # A completion after the current certificate's issue but before it expires is a renewal
    # inside the recertification window: the next cycle's certificate is issued and the current
    # one stays valid until it expires on its own date.
    if current is not None and (
        current.expires_on is None
        or (current.expires_on > issued_on and issued_on <= current.issued_on)
    ):
        return current  # this completion is already certified
    cycle = current.cycle + 1 if current is not None else 1
    translated = template.get_translation_or_none(course.locale) or template
    user = enrolment.user
    certificate = Certificate(
        user=user,
        course=course,
        cycle=cycle,
        template=translated,
        template_revision=_template_revision(translated, user=None),
        holder_name=user.get_full_name(),
        course_title=course.title,
        issuer_name=translated.issuer,
        language=course.locale.language_code,
        hours=_hours(course),
        score=_quiz_score(user=user, course=course),
        issued_on=issued_on,
        expires_on=_expiry(course, issued_on),
    )
    certificate.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            certificate.save()
            credential_sign(certificate)
    except IntegrityError:
        # Another worker issued it a moment ago.
        return Certificate.objects.not_revoked().get(
            user_id=enrolment.user_id, course=course, cycle=cycle
        )
    return certificate


@transaction.atomic
def certificate_award_set(
    *, course: CoursePage, template: CertificateTemplate | None, user=None
) -> None:
    """The course awards ``template`` from now on (None: no certificate), set outside the page
    editor (demo content, commands). The award is a child of the course page and lives in its
    revisions, so it is written as a new revision: published at once when the live page has no
    pending draft, kept in the draft otherwise (it then goes live with the draft's approval)."""
    if certificate_template_for_course(course) == template:
        return
    awards = [CertificateAward(template=template)] if template is not None else []
    course = CoursePage.objects.get(pk=course.pk)  # the page's state now, not the caller's copy
    if course.latest_revision_id is None:
        course.certificate_awards = awards
        course.save()
        return
    publish = course.live and not course.has_unpublished_changes
    # Without a pending draft this is the page itself (Wagtail prefers the database copy).
    draft = course.get_latest_revision_as_object()
    draft.certificate_awards = awards
    revision = draft.save_revision(user=user)
    if publish:
        revision.publish(user=user)


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, by, reason: str) -> Certificate:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": MESSAGE_REASON_REQUIRED})
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if locked.revoked_at is not None:
        raise ValidationError(MESSAGE_ALREADY_REVOKED, code="already_revoked")
    locked.revoked_at = timezone.now()
    locked.revoked_by = by
    locked.revocation_reason = reason
    locked.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    # Also in Wagtail's audit log (the certificate's history and the "Site history" report).
    log(instance=locked, action="certificates.revoke", user=by, data={"reason": reason})
    status_lists_changed(locked.status_index)
    if locked.pdf:
        # A revoked certificate is not printed any more: its file goes once this commits.
        name, storage = locked.pdf.name, locked.pdf.storage
        transaction.on_commit(lambda: storage.delete(name))
        Certificate.objects.filter(pk=locked.pk).update(pdf="")
        locked.pdf = ""
    return locked


@transaction.atomic
def certificate_suspend(*, certificate: Certificate, by, reason: str) -> Certificate:
    """Hold a certificate (while a complaint is checked, say): verifiers see it suspended."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": MESSAGE_REASON_REQUIRED})
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if locked.revoked_at is not None:
        raise ValidationError(MESSAGE_ALREADY_REVOKED, code="already_revoked")
    if locked.suspended_at is not None:
        raise ValidationError(MESSAGE_ALREADY_SUSPENDED, code="already_suspended")
    locked.suspended_at = timezone.now()
    locked.suspension_reason = reason
    locked.save(update_fields=["suspended_at", "suspension_reason"])
    log(instance=locked, action="certificates.suspend", user=by, data={"reason": reason})
    status_lists_changed(locked.status_index)
    return locked


@transaction.atomic
def certificate_unsuspend(*, certificate: Certificate, by) -> Certificate:
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if locked.suspended_at is None:
        raise ValidationError(MESSAGE_NOT_SUSPENDED, code="not_suspended")
    locked.suspended_at = None
    locked.suspension_reason = ""
    locked.save(update_fields=["suspended_at", "suspension_reason"])
    log(instance=locked, action="certificates.unsuspend", user=by, data={})
    status_lists_changed(locked.status_index)
    return locked


@transaction.atomic
def certificate_reissue(*, certificate: Certificate, by, reason: str) -> Certificate:
    """Revoke this certificate and issue a fresh one (new code) with today's name and course
    title, e.g. after a learner's name was corrected."""
    enrolment = Enrolment.objects.get(user_id=certificate.user_id, course_id=certificate.course_id)
    certificate_revoke(certificate=certificate, by=by, reason=reason)
    return certificate_issue(enrolment=enrolment)
