"""Writes of acknowledgement: assigning codes, keeping every learner's requirements in step, and
recording "I have read version N and will follow it".

Requirements reuse courses' assignment machinery: who an assignment covers is
courses.assignments.coverage.subtree_coverage, the same rule as for required courses (subtree,
positions, joining date kept across moves). For each covered learner and code, the requirement
is the code's newest material version in effect; an editorial version changes nothing.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Employment, Organization
from courses.assignments.coverage import subtree_coverage

from .models import (
    Acknowledgement,
    AcknowledgementRequirement,
    CodeAssignment,
    CodePage,
    CodeVersionPage,
)
from .reading import passed_check_get, version_is_in_effect
from .rules import (
    MESSAGE_CHECK_FIRST,
    MESSAGE_NOT_CURRENT,
    MESSAGE_ORGANIZATION_NOT_YOURS,
    assignment_due_on,
    requirement_due_on,
    user_can_assign_code_to,
)


@transaction.atomic
def code_assignment_create(
    *,
    code: CodePage,
    organization: Organization,
    days_to_acknowledge: int = 30,
    positions: Iterable[str] = (),
    created_by=None,
) -> CodeAssignment:
    """Assign the code to the organisation's subtree (again: update that assignment)."""
    if created_by is not None and not user_can_assign_code_to(created_by, organization):
        raise PermissionDenied(MESSAGE_ORGANIZATION_NOT_YOURS)
    assignment = CodeAssignment.objects.filter(
        code=code, organization=organization
    ).first() or CodeAssignment(code=code, organization=organization, created_by=created_by)
    assignment.days_to_acknowledge = days_to_acknowledge
    assignment.positions = "\n".join(positions)
    assignment.full_clean()
    assignment.save()  # the post_save receiver refreshes the learners after the commit
    return assignment


@transaction.atomic
def acknowledgement_requirements_refresh(
    *,
    user_ids: Iterable[int] | None = None,
    code_ids: Iterable[int] | None = None,
    today: datetime.date | None = None,
) -> dict[str, int]:
    """Create, update, retire and delete requirement rows of these learners (everyone when
    None) for these codes (every assigned code when None). Idempotent. Returns counts."""
    today = today or timezone.localdate()
    assignments = CodeAssignment.objects.select_related("organization", "code")
    if code_ids is not None:
        code_ids = list(code_ids)
        assignments = assignments.filter(code_id__in=code_ids)
    assignments = list(assignments)
    if user_ids is None:
        users = set(Employment.objects.current().values_list("user_id", flat=True))
        existing = AcknowledgementRequirement.objects.all()
        if code_ids is not None:
            existing = existing.filter(code_id__in=code_ids)
        users.update(existing.values_list("user_id", flat=True))
        user_ids = users
    user_ids = sorted(set(user_ids))

    material: dict[int, CodeVersionPage | None] = {}
    for assignment in assignments:
        if assignment.code_id not in material:
            material[assignment.code_id] = assignment.code.material_version(today)
    wanted = subtree_coverage(
        user_ids=user_ids,
        assignments=assignments,
        target_of=lambda assignment: assignment.code_id,
        due_of=assignment_due_on,
        today=today,
    )

    rows = AcknowledgementRequirement.objects.filter(user_id__in=user_ids)
    if code_ids is not None:
        rows = rows.filter(code_id__in=code_ids)
    existing = {(row.user_id, row.version_id): row for row in rows}

    # Acknowledgements already given (of this version or a later one) meet a new requirement.
    code_keys = {assignment.code_id: assignment.code.translation_key for assignment in assignments}
    acknowledged: dict[tuple[int, object], list[tuple[int, datetime.datetime]]] = {}
    for user_id, code_key, number, at in Acknowledgement.objects.filter(
        user_id__in=user_ids, code_key__in=set(code_keys.values())
    ).values_list("user_id", "code_key", "version_number", "acknowledged_at"):
        acknowledged.setdefault((user_id, code_key), []).append((number, at))

    fields = ["assignment", "organization", "joined_on", "due_on", "current"]
    to_create, to_update, keep = [], [], set()
    for (user_id, code_id), (assignment, organization_id, joined_on) in wanted.items():
        version = material.get(code_id)
        if version is None:
            continue  # nothing in effect yet
        due_on = requirement_due_on(assignment, joined_on, version)
        row = existing.get((user_id, version.pk))
        keep.add((user_id, version.pk))
        if row is None:
            met = [
                at
                for number, at in acknowledged.get((user_id, code_keys[code_id]), ())
                if number >= version.number
            ]
            to_create.append(
                AcknowledgementRequirement(
                    user_id=user_id,
                    code_id=code_id,
                    version=version,
                    assignment=assignment,
                    organization_id=organization_id,
                    joined_on=joined_on,
                    due_on=due_on,
                    acknowledged_at=min(met) if met else None,
                )
            )
            continue
        before = (row.assignment_id, row.organization_id, row.joined_on, row.due_on, row.current)
        row.assignment, row.organization_id = assignment, organization_id
        row.joined_on, row.due_on, row.current = joined_on, due_on, True
        if before != (assignment.pk, organization_id, joined_on, due_on, True):
            to_update.append(row)

    retired, stale = [], []
    for key, row in existing.items():
        if key in keep:
            continue
        if row.acknowledged_at is None:
            stale.append(row.pk)  # no longer required and never met: nothing to keep
        elif row.current:
            row.current = False  # met, and replaced by a newer version: kept as the record
            retired.append(row)
    # Retire first: one current row per learner and code (a partial unique constraint).
    AcknowledgementRequirement.objects.bulk_update(retired, ["current"], batch_size=1000)
    if stale:
        AcknowledgementRequirement.objects.filter(pk__in=stale).delete()
    AcknowledgementRequirement.objects.bulk_update(to_update, fields, batch_size=1000)
    AcknowledgementRequirement.objects.bulk_create(to_create, batch_size=1000)
    return {
        "created": len(to_create),
        "updated": len(to_update),
        "retired": len(retired),
        "deleted": len(stale),
    }


@transaction.atomic
def acknowledgement_record(*, user, version: CodeVersionPage, now=None) -> Acknowledgement:
    """The learner has read this version and will follow it. Only the version in effect; after
    the short check when the version has one. A second call returns the first record."""
    now = now or timezone.now()
    if not version_is_in_effect(version, timezone.localdate(now)):
        raise ValidationError(MESSAGE_NOT_CURRENT, code="not_current")
    attempt = None
    if version.check_quiz_id is not None:
        attempt = passed_check_get(user=user, version=version)
        if attempt is None:
            raise ValidationError(MESSAGE_CHECK_FIRST, code="check_first")
    code = version.get_parent()
    acknowledgement, _created = Acknowledgement.objects.get_or_create(
        user=user,
        code_key=code.translation_key,
        version_number=version.number,
        defaults={"version": version, "acknowledged_at": now, "quiz_attempt": attempt},
    )
    # Meets the requirement of this version and of any earlier one still open.
    AcknowledgementRequirement.objects.filter(
        user=user,
        code__translation_key=code.translation_key,
        version__number__lte=version.number,
        acknowledged_at__isnull=True,
    ).update(acknowledged_at=acknowledgement.acknowledged_at)
    return acknowledgement
