"""Completions done elsewhere, recorded by hand: a classroom session or another system, with
the date, an evidence file (checked by core.uploads like every upload) and a note.

The completion counts for compliance as an online one does: the learner's enrolment and
required courses are completed on that date (expiry and renewal follow from it). When the
course says so (CoursePage.manual_completion_certificate), certificates issue its certificate:
they listen to ``manual_completion_recorded``. A correction is a new record naming the one it
corrects, with its reason; the dates move with it.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Least
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.uploads import upload_validate

from ..models import Enrolment, ManualCompletion, RequiredCourse
from ..signals import manual_completion_recorded
from .rules import derive_dates, user_can_record_completion
from .services import required_course_completed

MESSAGE_NOT_ALLOWED = _("You cannot record completions for this learner.")
MESSAGE_DATE_IN_FUTURE = _("The completion date cannot be in the future.")
MESSAGE_CORRECTION_REASON = _("Say why the record is corrected.")
MESSAGE_ALREADY_CORRECTED = _("This record has already been corrected; correct the newest one.")


def _moment(day: datetime.date) -> datetime.datetime:
    """A recorded day as a moment: noon, local time (the day stays the same in every zone
    the country uses)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def _enrolment_complete(enrolments, completed_at) -> None:
    """Completed at that moment; an enrolment made online after a classroom session is counted
    as made on the session's day (an enrolment never completes before it starts)."""
    enrolments.update(
        completed_at=completed_at, enrolled_at=Least(F("enrolled_at"), Value(completed_at))
    )


def _check(*, by, organization_id, completed_on, today) -> None:
    if not user_can_record_completion(by, organization_id):
        raise PermissionDenied(MESSAGE_NOT_ALLOWED)
    if completed_on > (today or timezone.localdate()):
        raise ValidationError({"completed_on": MESSAGE_DATE_IN_FUTURE}, code="future")


def _evidence_checked(evidence) -> None:
    try:
        upload_validate(evidence)
    except ValidationError as error:
        raise ValidationError({"evidence": error.messages}, code="evidence") from error


@transaction.atomic
def manual_completion_record(
    *,
    required_course: RequiredCourse,
    completed_on: datetime.date,
    evidence,
    by,
    note: str = "",
    source: str = ManualCompletion.Source.CLASSROOM,
    today: datetime.date | None = None,
) -> ManualCompletion:
    """Record that the learner completed the required course elsewhere on `completed_on`."""
    row = RequiredCourse.objects.select_related("course", "user").get(pk=required_course.pk)
    _check(by=by, organization_id=row.organization_id, completed_on=completed_on, today=today)
    _evidence_checked(evidence)
    record = ManualCompletion(
        user=row.user,
        course=row.course,
        organization_id=row.organization_id,
        source=source,
        completed_on=completed_on,
        evidence=evidence,
        note=note.strip(),
        recorded_by=by,
    )
    record.full_clean()
    record.save()
    completed_at = _moment(completed_on)
    enrolment, _created = Enrolment.objects.get_or_create(
        user=row.user, course=row.course, defaults={"enrolled_at": completed_at}
    )
    if enrolment.completed_at is None or enrolment.completed_at < completed_at:
        _enrolment_complete(Enrolment.objects.filter(pk=enrolment.pk), completed_at)
        enrolment.refresh_from_db()
    if row.completed_at is None or row.completed_at < completed_at:
        required_course_completed(user_id=row.user_id, course=row.course, completed_at=completed_at)
    certificate = row.course.manual_completion_certificate
    transaction.on_commit(
        lambda: manual_completion_recorded.send(
            sender=ManualCompletion,
            enrolment=enrolment,
            user=row.user,
            course=row.course,
            certificate=certificate,
        )
    )
    return record


@transaction.atomic
def manual_completion_correct(
    *,
    record: ManualCompletion,
    completed_on: datetime.date,
    reason: str,
    by,
    evidence=None,
    note: str | None = None,
    today: datetime.date | None = None,
) -> ManualCompletion:
    """Correct a record (a wrong date, the wrong file): a new record that names the old one and
    why; the enrolment's and the required courses' completion move to the new date when they
    came from the old record."""
    record = ManualCompletion.objects.select_for_update().get(pk=record.pk)
    _check(by=by, organization_id=record.organization_id, completed_on=completed_on, today=today)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": MESSAGE_CORRECTION_REASON}, code="reason_required")
    if ManualCompletion.objects.filter(corrects=record).exists():
        raise ValidationError(MESSAGE_ALREADY_CORRECTED, code="already_corrected")
    if evidence is not None:
        _evidence_checked(evidence)
    corrected = ManualCompletion(
        user_id=record.user_id,
        course_id=record.course_id,
        organization_id=record.organization_id,
        source=record.source,
        completed_on=completed_on,
        evidence=evidence if evidence is not None else record.evidence.name,
        note=record.note if note is None else note.strip(),
        corrects=record,
        correction_reason=reason,
        recorded_by=by,
    )
    corrected.full_clean()
    corrected.save()
    old_at, new_at = _moment(record.completed_on), _moment(completed_on)
    _enrolment_complete(
        Enrolment.objects.filter(
            user_id=record.user_id, course_id=record.course_id, completed_at=old_at
        ),
        new_at,
    )
    rows = list(
        RequiredCourse.objects.select_for_update()
        .filter(user_id=record.user_id, course__translation_key=record.course.translation_key)
        .filter(completed_at=old_at)
        .select_related("assignment", "course")
    )
    for row in rows:
        row.completed_at = new_at
        if row.started_at is None or row.started_at > new_at:
            row.started_at = new_at
        derive_dates(row, row.assignment, row.course)
    RequiredCourse.objects.bulk_update(rows, ["completed_at", "started_at", "expires_on", "due_on"])
    return corrected
