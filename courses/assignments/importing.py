"""Assigning a course to the people a file lists, by e-mail address or personnel number, with
one due date: every row is checked first, then all or nothing (the user import's rules,
core.table_import). The same function serves the admin view and `manage.py assign_from_file`.

The file becomes one TrainingAssignment with ``listed_only``: it covers its people only while
they work in the organisation's subtree (courses.assignments.coverage), like any assignment,
and the earliest due date among a learner's assignments of a course still wins.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Employment, Organization
from core.table_import import Columns, RowError, TableImportError, table_rows_read

from ..models import CoursePage, RequiredCourse, TrainingAssignment
from .rules import user_can_assign_to
from .services import MESSAGE_ORGANIZATION_NOT_YOURS, required_courses_refresh

COLUMNS = Columns(
    aliases={
        "email": "email",
        "e-mail": "email",
        "e_mail": "email",
        "personnel_number": "personnel_number",
        "personnel_no": "personnel_number",
        "tabel": "personnel_number",
        "tabel_raqami": "personnel_number",
        "табельный_номер": "personnel_number",
        # Names are welcome for the reader of the file; the import does not check them.
        "full_name": "full_name",
        "name": "full_name",
        "fio": "full_name",
    },
    optional=("email", "personnel_number", "full_name"),
    one_of=("email", "personnel_number"),
)

MESSAGE_DUE_PAST = _("The due date is in the past.")
MESSAGE_NOBODY = _("Give an e-mail address or a personnel number.")
MESSAGE_EMAIL_INVALID = _("“{email}” is not a valid e-mail address.")
MESSAGE_EMAIL_UNKNOWN = _(
    "Nobody with the e-mail address {email} works in {organization} or below."
)
MESSAGE_NUMBER_UNKNOWN = _("Nobody in {organization} or below has the personnel number {number}.")
MESSAGE_NUMBER_AMBIGUOUS = _(
    "Several people in {organization} or below have the personnel number {number}; give the "
    "e-mail address instead."
)
MESSAGE_TWO_PEOPLE = _("The e-mail address and the personnel number are of two different people.")
MESSAGE_PERSON_DUPLICATE = _("{person} is also on line {line}.")


@dataclass(frozen=True)
class AssignmentImport:
    assignment: TrainingAssignment
    people: int
    # Of them, those whose earlier due date for the course (from another assignment) stays.
    earlier_due: int


def assignments_import(
    *,
    course: CoursePage,
    organization: Organization,
    due_on: datetime.date,
    file_name: str,
    content: bytes,
    imported_by=None,
) -> AssignmentImport:
    """Assign the course, due on `due_on`, to everyone the file lists, who must work in the
    organisation or below. Raises TableImportError listing every bad row (with its line
    number) and writes nothing then; PermissionDenied when `imported_by` does not coordinate
    the organisation (None, the management command, may assign anywhere)."""
    if imported_by is not None and not user_can_assign_to(imported_by, organization):
        raise PermissionDenied(MESSAGE_ORGANIZATION_NOT_YOURS)
    if due_on < timezone.localdate():
        raise TableImportError([RowError(0, str(MESSAGE_DUE_PAST))])
    rows = table_rows_read(file_name, content, COLUMNS)
    # The subtree as it is now (a sibling added since the object was loaded may have moved it).
    organization.refresh_from_db(fields=["path", "depth", "name"])
    user_ids = _people_find(rows, organization)
    return _assignment_create(
        course=course,
        organization=organization,
        due_on=due_on,
        source_name=Path(file_name).name[:255],
        user_ids=user_ids,
        created_by=imported_by,
    )


def _people_find(rows: list[tuple[int, dict[str, str]]], organization: Organization) -> list[int]:
    """Each row's person, in the order of the file; TableImportError for any row that names
    nobody, somebody outside the subtree, two people, or a person already listed."""
    emails = {values["email"].lower() for _line, values in rows if values["email"]}
    numbers = {values["personnel_number"].lower() for _line, values in rows}
    numbers.discard("")
    people = (
        Employment.objects.current()
        .filter(
            organization__path__startswith=organization.path,
            organization__depth__gte=organization.depth,
            user__is_active=True,
        )
        .annotate(email_lower=Lower("user__email"), number_lower=Lower("personnel_number"))
        .filter(Q(email_lower__in=emails) | Q(number_lower__in=numbers))
        .values_list(
            "user_id", "user__email", "user__full_name", "user__username", "personnel_number"
        )
    )
    by_email: dict[str, int] = {}
    by_number: dict[str, set[int]] = {}
    names: dict[int, str] = {}
    for user_id, email, full_name, username, number in people:
        names[user_id] = full_name or username
        if email:
            by_email[email.lower()] = user_id
        if number:
            by_number.setdefault(number.lower(), set()).add(user_id)

    errors: list[RowError] = []
    found: list[int] = []
    line_of: dict[int, int] = {}
    where = organization.name
    for line, values in rows:
        email, number = values["email"], " ".join(values["personnel_number"].split())
        if not email and not number:
            errors.append(RowError(line, str(MESSAGE_NOBODY)))
            continue
        people = set()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                errors.append(RowError(line, str(MESSAGE_EMAIL_INVALID).format(email=email)))
                continue
            if email.lower() not in by_email:
                errors.append(
                    RowError(
                        line, str(MESSAGE_EMAIL_UNKNOWN).format(email=email, organization=where)
                    )
                )
                continue
            people.add(by_email[email.lower()])
        if number:
            holders = by_number.get(number.lower(), set())
            if not holders:
                errors.append(
                    RowError(
                        line, str(MESSAGE_NUMBER_UNKNOWN).format(number=number, organization=where)
                    )
                )
                continue
            if len(holders) > 1 and not people & holders:
                errors.append(
                    RowError(
                        line,
                        str(MESSAGE_NUMBER_AMBIGUOUS).format(number=number, organization=where),
                    )
                )
                continue
            if people and not people & holders:
                errors.append(RowError(line, str(MESSAGE_TWO_PEOPLE)))
                continue
            people = people or holders
        (user_id,) = people
        if user_id in line_of:
            errors.append(
                RowError(
                    line,
                    str(MESSAGE_PERSON_DUPLICATE).format(
                        person=names[user_id], line=line_of[user_id]
                    ),
                )
            )
            continue
        line_of[user_id] = line
        found.append(user_id)
    if errors:
        raise TableImportError(errors)
    return found


@transaction.atomic
def _assignment_create(
    *, course, organization, due_on, source_name, user_ids, created_by
) -> AssignmentImport:
    assignment = TrainingAssignment(
        course=course,
        organization=organization,
        due_on=due_on,
        listed_only=True,
        source_name=source_name,
        created_by=created_by,
    )
    assignment.full_clean()
    assignment.save()
    through = TrainingAssignment.learners.through
    through.objects.bulk_create(
        through(trainingassignment_id=assignment.pk, user_id=user_id) for user_id in user_ids
    )
    # At once, in the same transaction: the coordinator sees the people in the report now.
    required_courses_refresh(user_ids=user_ids, course_ids=[course.pk])
    earlier = (
        RequiredCourse.objects.filter(user_id__in=user_ids, course=course)
        .exclude(assignment=assignment)
        .count()
    )
    return AssignmentImport(assignment=assignment, people=len(user_ids), earlier_due=earlier)
