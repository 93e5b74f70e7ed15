"""Bulk import of civil servants from CSV or XLSX: every row is checked first, then all or nothing.

The same function serves the admin view and `manage.py import_users`.
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from core.archives import ArchiveRefused, zip_open_checked

from . import roles
from .models import Employment, Organization, User
from .signals import employments_created
from .tasks import invitation_send

REQUIRED_COLUMNS = ("full_name", "email", "organization_code")
OPTIONAL_COLUMNS = ("position_title", "coordinator", "language")
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
}
YES = {"yes", "y", "true", "1", "ha", "да", "x"}
NO = {"no", "n", "false", "0", "yoʻq", "yo'q", "нет", ""}

MESSAGE_UNSUPPORTED = gettext_lazy("Upload a .csv or .xlsx file.")
MESSAGE_UNREADABLE = gettext_lazy("The file could not be read as {kind}: {reason}")
MESSAGE_TOO_LARGE = gettext_lazy("The file is larger than {limit} MB.")
MESSAGE_EMPTY = gettext_lazy("The file has no rows of people under the column names.")
MESSAGE_TOO_MANY_ROWS = gettext_lazy("The file has more than {limit} rows; split it into parts.")
MESSAGE_MISSING_COLUMNS = gettext_lazy("Required columns are missing: {columns}.")
MESSAGE_UNKNOWN_COLUMNS = gettext_lazy("Unknown columns: {columns}. Allowed: {allowed}.")
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
MESSAGE_COORDINATOR_INVALID = gettext_lazy("Coordinator must be yes or no, not “{value}”.")
MESSAGE_LANGUAGE_INVALID = gettext_lazy("Language must be one of {choices}, not “{value}”.")


@dataclass(frozen=True)
class RowError:
    line: int
    message: str

    def __str__(self):
        if not self.line:  # a problem with the whole file
            return self.message
        return _("Line {line}: {message}").format(line=self.line, message=self.message)


@dataclass
class UserImportError(Exception):
    errors: list[RowError] = field(default_factory=list)

    def __str__(self):
        return "\n".join(str(error) for error in self.errors)


@dataclass(frozen=True)
class _Row:
    line: int
    user: User
    organization: Organization
    position_title: str
    is_coordinator: bool


def _username_for(email: str) -> str:
    return re.sub(r"[^\w.@+-]", "_", email.lower())


def users_import(*, file_name: str, content: bytes, imported_by: User | None = None) -> list[User]:
    """Create the people in the file with their employment and send each an invitation.

    Raises UserImportError listing every bad row (with its line number) and writes nothing then.
    `imported_by` limits the organisations to those the importer coordinates; None (the management
    command) allows all.
    """
    limit = settings.MULOQOT_IMPORT_MAX_BYTES
    if len(content) > limit:
        raise UserImportError([RowError(0, MESSAGE_TOO_LARGE.format(limit=limit // 2**20))])
    rows = list(_rows_read(file_name, content))
    parsed = _rows_validate(rows, imported_by=imported_by)
    try:
        return _users_create(parsed)
    except IntegrityError as exc:  # another import created one of these people meanwhile
        raise UserImportError([RowError(0, str(MESSAGE_CONFLICT))]) from exc


def _rows_read(file_name: str, content: bytes) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, {column: value}) for every non-empty data row; line 1 is the header."""
    suffix = Path(file_name).suffix.lower()
    if suffix == ".csv":
        table = _csv_table(content)
    elif suffix == ".xlsx":
        table = _xlsx_table(content)
    else:
        raise UserImportError([RowError(0, str(MESSAGE_UNSUPPORTED))])

    # Every row read counts against the limit, empty ones too (before the header as well): a
    # sheet of a million blank rows is refused at the limit instead of being walked to its end.
    limit = settings.MULOQOT_IMPORT_MAX_ROWS + 1  # the header is a row too
    count = read = 0
    header_line, header = 1, []
    for line, cells in table:
        read += 1
        if read > limit:
            raise UserImportError(
                [RowError(line, str(MESSAGE_TOO_MANY_ROWS.format(limit=limit - 1)))]
            )
        if any(cells):
            header_line, header = line, cells
            break
    columns = _columns_map(header_line, header)
    for line, cells in table:
        read += 1
        if read > limit:
            raise UserImportError(
                [RowError(line, str(MESSAGE_TOO_MANY_ROWS.format(limit=limit - 1)))]
            )
        if not any(cell.strip() for cell in cells):
            continue
        count += 1
        values = {
            name: (cells[index].strip() if index < len(cells) else "") for index, name in columns
        }
        yield line, values
    if count == 0:
        raise UserImportError([RowError(header_line, str(MESSAGE_EMPTY))])


def _csv_table(content: bytes) -> Iterator[tuple[int, list[str]]]:
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1251 decodes almost any byte string
        raise UserImportError([RowError(0, str(MESSAGE_UNREADABLE.format(kind="CSV", reason="")))])
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        for cells in reader:
            yield reader.line_num, cells
    except csv.Error as exc:
        raise UserImportError(
            [RowError(reader.line_num, str(MESSAGE_UNREADABLE.format(kind="CSV", reason=exc)))]
        ) from exc


# A sheet's columns beyond these are never read: the import knows fewer columns than this.
XLSX_MAX_COLUMNS = 32


def _xlsx_table(content: bytes) -> Iterator[tuple[int, list[str]]]:
    """The first sheet's rows, read as they are stored. The declared dimension is ignored (a
    4.8 KB file declaring A1:XFD20000 took 11 s) and no row is read past XLSX_MAX_COLUMNS; the
    archive is checked (core.archives) before openpyxl reads any of it."""
    try:
        zip_open_checked(io.BytesIO(content)).close()
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except ArchiveRefused as exc:
        if exc.code != "archive_bomb":
            raise UserImportError(
                [RowError(0, str(MESSAGE_UNREADABLE.format(kind="XLSX", reason=exc.code)))]
            ) from exc
        raise UserImportError([RowError(0, str(exc.messages[0]))]) from exc
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as exc:
        raise UserImportError(
            [RowError(0, str(MESSAGE_UNREADABLE.format(kind="XLSX", reason=exc)))]
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        rows = sheet.iter_rows(max_col=XLSX_MAX_COLUMNS, values_only=True)
        for line, row in enumerate(rows, start=1):
            yield line, ["" if value is None else str(value) for value in row]
    finally:
        workbook.close()


def _columns_map(line: int, header: list[str]) -> list[tuple[int, str]]:
    columns, unknown = [], []
    for index, title in enumerate(header):
        key = title.strip().lower().replace(" ", "_")
        if not key:
            continue
        if key in COLUMN_ALIASES:
            columns.append((index, COLUMN_ALIASES[key]))
        else:
            unknown.append(title.strip())
    errors = []
    missing = [name for name in REQUIRED_COLUMNS if name not in {name for _i, name in columns}]
    if missing:
        errors.append(
            RowError(line, str(MESSAGE_MISSING_COLUMNS.format(columns=", ".join(missing))))
        )
    if unknown:
        allowed = ", ".join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)
        message = MESSAGE_UNKNOWN_COLUMNS.format(columns=", ".join(unknown), allowed=allowed)
        errors.append(RowError(line, str(message)))
    if errors:
        raise UserImportError(errors)
    return columns


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
