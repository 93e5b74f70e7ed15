"""Bulk import of civil servants from CSV or XLSX: every row is checked first, then all or nothing.

The same function serves the admin view and `manage.py import_users`.
"""

import re
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy

from core.table_import import Columns, RowError, TableImportError, table_rows_read

from . import roles
from .models import Employment, Organization, User
from .signals import employments_created
from .tasks import invitation_send

REQUIRED_COLUMNS = ("full_name", "email", "organization_code")
OPTIONAL_COLUMNS = ("position_title", "personnel_number", "coordinator", "language")
COLUMN_ALIASES = {
    "name": "full_name",
    "full_name": "full_name",
    "fio": "full_name",
    "email": "email",
    "e-mail": "email",
    "e_mail": "email",
    "organization_code": "organization_code",
    "organisation_code": "organization_code",
    "organization": "organization_code",
    "organisation": "organization_code",
    "position_title": "position_title",
    "position": "position_title",
    "coordinator": "coordinator",
    "language": "language",
    "personnel_number": "personnel_number",
    "personnel_no": "personnel_number",
    "tabel": "personnel_number",
    "tabel_raqami": "personnel_number",
    "табельный_номер": "personnel_number",
}
COLUMNS = Columns(aliases=COLUMN_ALIASES, required=REQUIRED_COLUMNS, optional=OPTIONAL_COLUMNS)
YES = {"yes", "y", "true", "1", "ha", "да", "x"}
NO = {"no", "n", "false", "0", "yoʻq", "yo'q", "нет", ""}

MESSAGE_NAME_MISSING = gettext_lazy("The full name is empty.")
MESSAGE_NAME_TOO_LONG = gettext_lazy("The full name is longer than 255 characters.")
MESSAGE_EMAIL_MISSING = gettext_lazy("The e-mail address is empty.")
MESSAGE_EMAIL_INVALID = gettext_lazy("“{email}” is not a valid e-mail address.")
MESSAGE_EMAIL_DUPLICATE = gettext_lazy("The e-mail address {email} is also on line {line}.")
MESSAGE_EMAIL_EXISTS = gettext_lazy("A user with the e-mail address {email} already exists.")
MESSAGE_ORG_MISSING = gettext_lazy("The organisation code is empty.")
MESSAGE_ORG_UNKNOWN = gettext_lazy("No organisation has the code “{code}”.")
MESSAGE_ORG_OUT_OF_SCOPE = gettext_lazy(
    "You can import people only into the organisations you coordinate; “{code}” is not one."
)
MESSAGE_CONFLICT = gettext_lazy(
    "Some of these people were added by someone else meanwhile; nothing was imported. "
    "Upload the file again to see which."
)
MESSAGE_PERSONNEL_TOO_LONG = gettext_lazy("The personnel number is longer than 32 characters.")
MESSAGE_PERSONNEL_DUPLICATE = gettext_lazy(
    "The personnel number {number} in {code} is also on line {line}."
)
MESSAGE_PERSONNEL_EXISTS = gettext_lazy(
    "Someone in {code} already has the personnel number {number}."
)
MESSAGE_COORDINATOR_INVALID = gettext_lazy("Coordinator must be yes or no, not “{value}”.")
MESSAGE_LANGUAGE_INVALID = gettext_lazy("Language must be one of {choices}, not “{value}”.")


# The import raises TableImportError (core.table_import); the old name stays for callers.
UserImportError = TableImportError


@dataclass(frozen=True)
class _Row:
    line: int
    user: User
    organization: Organization
    position_title: str
    personnel_number: str
    is_coordinator: bool


def _username_for(email: str) -> str:
    return re.sub(r"[^\w.@+-]", "_", email.lower())


def users_import(*, file_name: str, content: bytes, imported_by: User | None = None) -> list[User]:
    """Create the people in the file with their employment and send each an invitation.

    Raises UserImportError listing every bad row (with its line number) and writes nothing then.
    `imported_by` limits the organisations to those the importer coordinates; None (the management
    command) allows all.
    """
    rows = table_rows_read(file_name, content, COLUMNS)
    parsed = _rows_validate(rows, imported_by=imported_by)
    try:
        return _users_create(parsed)
    except IntegrityError as exc:  # another import created one of these people meanwhile
        raise UserImportError([RowError(0, str(MESSAGE_CONFLICT))]) from exc


def _rows_validate(
    rows: list[tuple[int, dict[str, str]]], *, imported_by: User | None
) -> list[_Row]:
    codes = {values["organization_code"] for _line, values in rows}
    organizations = {org.code: org for org in Organization.objects.filter(code__in=codes)}
    allowed_ids = None
    if imported_by is not None and not imported_by.is_superuser:
        allowed_ids = set(
            roles.coordinated_organization_list(imported_by).values_list("pk", flat=True)
        )
    emails = {values["email"].lower() for _line, values in rows if values["email"]}
    existing = set(
        User.objects.annotate(email_lower=Lower("email"))
        .filter(email_lower__in=emails)
        .values_list("email_lower", flat=True)
    ) | set(
        User.objects.filter(username__in=[_username_for(email) for email in emails]).values_list(
            "username", flat=True
        )
    )
    languages = dict(settings.LANGUAGES)
    numbers_taken = {
        (organization_id, number.lower())
        for organization_id, number in Employment.objects.filter(
            organization__in=organizations.values(), ended_on__isnull=True
        )
        .exclude(personnel_number="")
        .values_list("organization_id", "personnel_number")
    }
    first_line_of_number: dict[tuple[int, str], int] = {}

    errors: list[RowError] = []
    parsed: list[_Row] = []
    first_line_of_email: dict[str, int] = {}
    for line, values in rows:
        problems = []
        full_name = " ".join(values["full_name"].split())
        if not full_name:
            problems.append(MESSAGE_NAME_MISSING)
        elif len(full_name) > 255:
            problems.append(MESSAGE_NAME_TOO_LONG)

        email = values["email"]
        email_key = _username_for(email)
        if not email:
            problems.append(MESSAGE_EMAIL_MISSING)
        else:
            try:
                validate_email(email)
                if len(email) > 150:
                    raise ValidationError("too long")
            except ValidationError:
                problems.append(MESSAGE_EMAIL_INVALID.format(email=email))
            else:
                if email_key in first_line_of_email:
                    problems.append(
                        MESSAGE_EMAIL_DUPLICATE.format(
                            email=email, line=first_line_of_email[email_key]
                        )
                    )
                elif email_key in existing or email.lower() in existing:
                    problems.append(MESSAGE_EMAIL_EXISTS.format(email=email))
                first_line_of_email.setdefault(email_key, line)

        code = values["organization_code"]
        organization = organizations.get(code)
        if not code:
            problems.append(MESSAGE_ORG_MISSING)
        elif organization is None:
            problems.append(MESSAGE_ORG_UNKNOWN.format(code=code))
        elif allowed_ids is not None and organization.pk not in allowed_ids:
            problems.append(MESSAGE_ORG_OUT_OF_SCOPE.format(code=code))

        personnel_number = " ".join(values["personnel_number"].split())
        if len(personnel_number) > 32:
            problems.append(MESSAGE_PERSONNEL_TOO_LONG)
        elif personnel_number and organization is not None:
            key = (organization.pk, personnel_number.lower())
            if key in first_line_of_number:
                problems.append(
                    MESSAGE_PERSONNEL_DUPLICATE.format(
                        number=personnel_number, code=code, line=first_line_of_number[key]
                    )
                )
            elif key in numbers_taken:
                problems.append(MESSAGE_PERSONNEL_EXISTS.format(number=personnel_number, code=code))
            first_line_of_number.setdefault(key, line)

        coordinator = values.get("coordinator", "").strip().lower()
        if coordinator not in YES | NO:
            problems.append(MESSAGE_COORDINATOR_INVALID.format(value=values["coordinator"]))

        language = values.get("language", "").strip().lower() or settings.LANGUAGE_CODE
        if language not in languages:
            problems.append(
                MESSAGE_LANGUAGE_INVALID.format(
                    choices=", ".join(languages), value=values["language"]
                )
            )

        user = None
        if not problems:
            user = User(
                username=email_key, email=email, full_name=full_name, preferred_language=language
            )
            user.set_unusable_password()
            try:
                user.full_clean(validate_unique=False, validate_constraints=False)
            except ValidationError as exc:
                problems.extend(
                    f"{User._meta.get_field(name).verbose_name}: {message}"
                    for name, messages in exc.message_dict.items()
                    for message in messages
                )
        if problems:
            errors.extend(RowError(line, str(problem)) for problem in problems)
            continue
        parsed.append(
            _Row(
                line=line,
                user=user,
                organization=organization,
                position_title=values.get("position_title", "")[:255],
                personnel_number=personnel_number,
                is_coordinator=coordinator in YES,
            )
        )
    if errors:
        raise UserImportError(errors)
    return parsed


@transaction.atomic
def _users_create(rows: list[_Row]) -> list[User]:
    users = User.objects.bulk_create([row.user for row in rows])
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, primary=True, verified=False) for user in users
    )
    Employment.objects.bulk_create(
        Employment(
            user=user,
            organization=row.organization,
            position_title=row.position_title,
            personnel_number=row.personnel_number,
            is_coordinator=row.is_coordinator,
        )
        for user, row in zip(users, rows, strict=True)
    )
    coordinators = [user for user, row in zip(users, rows, strict=True) if row.is_coordinator]
    if coordinators:
        Group.objects.get(name=roles.COORDINATORS).user_set.add(*coordinators)
    user_ids = [user.pk for user in users]
    transaction.on_commit(lambda: [invitation_send.enqueue(user_id) for user_id in user_ids])
    transaction.on_commit(lambda: employments_created.send(sender=Employment, user_ids=user_ids))
    return users
