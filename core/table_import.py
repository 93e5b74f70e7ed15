"""Reading a CSV or XLSX file of rows for an all-or-nothing import (people, assignments).

`table_rows_read` returns every non-empty data row with its line number, keyed by the column
names the caller knows (with their aliases), or raises TableImportError listing what is wrong
with the file as a whole: unsupported type, unreadable, too large, too many rows, missing or
unknown columns, no rows. The caller then checks every row, collects RowErrors with their line
numbers, and writes nothing unless all of them are good.
"""

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from .archives import ArchiveRefused, zip_open_checked

MESSAGE_UNSUPPORTED = gettext_lazy("Upload a .csv or .xlsx file.")
MESSAGE_UNREADABLE = gettext_lazy("The file could not be read as {kind}: {reason}")
MESSAGE_TOO_LARGE = gettext_lazy("The file is larger than {limit} MB.")
MESSAGE_EMPTY = gettext_lazy("The file has no rows of people under the column names.")
MESSAGE_TOO_MANY_ROWS = gettext_lazy("The file has more than {limit} rows; split it into parts.")
MESSAGE_MISSING_COLUMNS = gettext_lazy("Required columns are missing: {columns}.")
MESSAGE_UNKNOWN_COLUMNS = gettext_lazy("Unknown columns: {columns}. Allowed: {allowed}.")
MESSAGE_ONE_OF_COLUMNS = gettext_lazy("The file needs at least one of these columns: {columns}.")

# A sheet's columns beyond these are never read: no import knows this many columns.
XLSX_MAX_COLUMNS = 32


@dataclass(frozen=True)
class RowError:
    line: int
    message: str

    def __str__(self):
        if not self.line:  # a problem with the whole file
            return self.message
        return _("Line {line}: {message}").format(line=self.line, message=self.message)


@dataclass
class TableImportError(Exception):
    errors: list[RowError] = field(default_factory=list)

    def __str__(self):
        return "\n".join(str(error) for error in self.errors)


@dataclass(frozen=True)
class Columns:
    """What a file may hold: ``aliases`` maps a header (lower case, spaces as underscores) to
    a column name; every ``required`` column must be there, and at least one of ``one_of``."""

    aliases: dict[str, str]
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    one_of: tuple[str, ...] = ()

    @property
    def allowed(self) -> tuple[str, ...]:
        return self.required + tuple(name for name in self.optional if name not in self.required)


def table_rows_read(
    file_name: str, content: bytes, columns: Columns
) -> list[tuple[int, dict[str, str]]]:
    """(line number, {column: value}) for every non-empty data row; the header's line is the
    first non-empty one. Every known column is in each dict ("" when the row has no cell)."""
    limit = settings.MULOQOT_IMPORT_MAX_BYTES
    if len(content) > limit:
        raise TableImportError([RowError(0, str(MESSAGE_TOO_LARGE.format(limit=limit // 2**20)))])
    return list(_rows(file_name, content, columns))


def _rows(file_name: str, content: bytes, columns: Columns):
    suffix = Path(file_name).suffix.lower()
    if suffix == ".csv":
        table = _csv_table(content)
    elif suffix == ".xlsx":
        table = _xlsx_table(content)
    else:
        raise TableImportError([RowError(0, str(MESSAGE_UNSUPPORTED))])

    # Every row read counts against the limit, empty ones too (before the header as well): a
    # sheet of a million blank rows is refused at the limit instead of being walked to its end.
    limit = settings.MULOQOT_IMPORT_MAX_ROWS + 1  # the header is a row too
    count = read = 0
    header_line, header = 1, []
    for line, cells in table:
        read += 1
        if read > limit:
            raise TableImportError(
                [RowError(line, str(MESSAGE_TOO_MANY_ROWS.format(limit=limit - 1)))]
            )
        if any(cells):
            header_line, header = line, cells
            break
    mapped = _columns_map(header_line, header, columns)
    for line, cells in table:
        read += 1
        if read > limit:
            raise TableImportError(
                [RowError(line, str(MESSAGE_TOO_MANY_ROWS.format(limit=limit - 1)))]
            )
        if not any(cell.strip() for cell in cells):
            continue
        count += 1
        values = dict.fromkeys(columns.allowed, "")
        values.update(
            {name: (cells[index].strip() if index < len(cells) else "") for index, name in mapped}
        )
        yield line, values
    if count == 0:
        raise TableImportError([RowError(header_line, str(MESSAGE_EMPTY))])


def _csv_table(content: bytes) -> Iterator[tuple[int, list[str]]]:
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1251 decodes almost any byte string
        raise TableImportError([RowError(0, str(MESSAGE_UNREADABLE.format(kind="CSV", reason="")))])
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
        raise TableImportError(
            [RowError(reader.line_num, str(MESSAGE_UNREADABLE.format(kind="CSV", reason=exc)))]
        ) from exc


def _xlsx_table(content: bytes) -> Iterator[tuple[int, list[str]]]:
    """The first sheet's rows, read as they are stored. The declared dimension is ignored (a
    4.8 KB file declaring A1:XFD20000 took 11 s) and no row is read past XLSX_MAX_COLUMNS; the
    archive is checked (core.archives) before openpyxl reads any of it."""
    try:
        zip_open_checked(io.BytesIO(content)).close()
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except ArchiveRefused as exc:
        if exc.code != "archive_bomb":
            raise TableImportError(
                [RowError(0, str(MESSAGE_UNREADABLE.format(kind="XLSX", reason=exc.code)))]
            ) from exc
        raise TableImportError([RowError(0, str(exc.messages[0]))]) from exc
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as exc:
        raise TableImportError(
            [RowError(0, str(MESSAGE_UNREADABLE.format(kind="XLSX", reason=exc)))]
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        rows = sheet.iter_rows(max_col=XLSX_MAX_COLUMNS, values_only=True)
        for line, row in enumerate(rows, start=1):
            yield line, ["" if value is None else _cell_text(value) for value in row]
    finally:
        workbook.close()


def _cell_text(value) -> str:
    """A cell as text; a whole number typed into a number cell (a personnel number, say) reads
    as "1042", not "1042.0"."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _columns_map(line: int, header: list[str], columns: Columns) -> list[tuple[int, str]]:
    mapped, unknown = [], []
    for index, title in enumerate(header):
        key = title.strip().lower().replace(" ", "_")
        if not key:
            continue
        if key in columns.aliases:
            mapped.append((index, columns.aliases[key]))
        else:
            unknown.append(title.strip())
    present = {name for _index, name in mapped}
    errors = []
    missing = [name for name in columns.required if name not in present]
    if missing:
        errors.append(
            RowError(line, str(MESSAGE_MISSING_COLUMNS.format(columns=", ".join(missing))))
        )
    if columns.one_of and not present & set(columns.one_of):
        errors.append(
            RowError(line, str(MESSAGE_ONE_OF_COLUMNS.format(columns=", ".join(columns.one_of))))
        )
    if unknown:
        message = MESSAGE_UNKNOWN_COLUMNS.format(
            columns=", ".join(unknown), allowed=", ".join(columns.allowed)
        )
        errors.append(RowError(line, str(message)))
    if errors:
        raise TableImportError(errors)
    return mapped
