"""Spreadsheet downloads (CSV and XLSX) from rows of cells, for admin views whose rows are not
one queryset's objects (a list of objects is better served by Wagtail's ReportView, which
exports CSV and XLSX by itself, as core.reports does).

CSV is streamed in chunks with a byte-order mark (so that Excel reads it as UTF-8); XLSX is
written with openpyxl's write-only workbook. Cells that a spreadsheet would run as a formula are
made inert by spreadsheet_text / spreadsheet_cells.
"""

import csv
import datetime
import io
from collections.abc import Iterable, Iterator

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook

CSV = "csv"
XLSX = "xlsx"
FORMATS = (CSV, XLSX)
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_ROWS_PER_CHUNK = 1000
FORMULA_STARTS = ("=", "+", "-", "@")

Row = Iterable[object]


def spreadsheet_text(value: str) -> str:
    """Text a spreadsheet would run as a formula (=, +, -, @) made inert."""
    return "'" + value if value[:1] in FORMULA_STARTS else value


def spreadsheet_cells(rows: Iterable[Row]) -> Iterator[list]:
    """Dates as ISO text, None as an empty cell, and text that a spreadsheet would run as a
    formula made inert; numbers stay numbers."""
    for row in rows:
        cells = []
        for cell in row:
            if cell is None:
                cell = ""
            elif isinstance(cell, datetime.datetime):
                cell = cell.isoformat(sep=" ", timespec="minutes")
            elif isinstance(cell, datetime.date):
                cell = cell.isoformat()
            elif isinstance(cell, str):
                cell = spreadsheet_text(cell)
            cells.append(cell)
        yield cells


def dated_filename(stem: str, extension: str) -> str:
    """`stem-YYYY-MM-DD.extension`, with today's local date."""
    return f"{stem}-{timezone.localdate().isoformat()}.{extension}"


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(rows: Iterable[Row], *, filename: str) -> StreamingHttpResponse:
    """Streamed in chunks of rows, so that exports of any size never sit in memory."""

    def chunks():
        buffer = io.StringIO()
        buffer.write("\ufeff")  # Excel reads UTF-8 with a BOM
        writer = csv.writer(buffer)
        for number, row in enumerate(rows, start=1):
            writer.writerow(row)
            if number % CSV_ROWS_PER_CHUNK == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    return _attachment(StreamingHttpResponse(chunks(), content_type=CSV_CONTENT_TYPE), filename)


def xlsx_response(rows: Iterable[Row], *, filename: str, sheet_title: str) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])  # Excel's limit for a sheet's name
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _attachment(HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE), filename)


def spreadsheet_response(
    rows: Iterable[Row], *, export_format: str | None, stem: str, sheet_title: str
) -> HttpResponse:
    """XLSX when `export_format` is "xlsx", else CSV; the file is named `stem-YYYY-MM-DD`."""
    if export_format == XLSX:
        return xlsx_response(rows, filename=dated_filename(stem, XLSX), sheet_title=sheet_title)
    return csv_response(rows, filename=dated_filename(stem, CSV))


def spreadsheet_write(rows: Iterable[Row], *, export_format: str, path, sheet_title: str) -> None:
    """The same file as spreadsheet_response, written to `path` (management commands)."""
    if export_format == XLSX:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=sheet_title[:31])
        for row in rows:
            sheet.append(row)
        workbook.save(path)
        return
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        for row in rows:
            writer.writerow(row)
