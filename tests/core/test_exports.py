"""The shared CSV/XLSX downloads: cells made safe, CSV streamed with a BOM, dated file names."""

import datetime
import io

from django.utils import timezone
from openpyxl import load_workbook

from core.exports import (
    CSV_ROWS_PER_CHUNK,
    spreadsheet_cells,
    spreadsheet_response,
    spreadsheet_text,
)


def test_text_that_would_run_as_a_formula_is_made_inert():
    assert [spreadsheet_text(value) for value in ("=1+1", "+7", "-2", "@x", "ok", "")] == [
        "'=1+1",
        "'+7",
        "'-2",
        "'@x",
        "ok",
        "",
    ]


def test_cells_become_plain_values():
    moment = datetime.datetime(2026, 3, 4, 5, 6, 7)
    rows = [[None, moment, datetime.date(2026, 3, 4), "=cmd", 3, 2.5]]
    assert list(spreadsheet_cells(rows)) == [
        ["", "2026-03-04 05:06", "2026-03-04", "'=cmd", 3, 2.5]
    ]


def test_csv_is_streamed_in_chunks_with_a_bom_and_a_dated_name():
    rows = [[number, "x"] for number in range(CSV_ROWS_PER_CHUNK + 1)]
    response = spreadsheet_response(rows, export_format="csv", stem="report", sheet_title="R")
    chunks = list(response.streaming_content)
    assert len(chunks) == 2
    content = b"".join(chunks).decode("utf-8")
    assert content.startswith("\ufeff0,x\r\n")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="report-{today}.csv"'


def test_xlsx_has_one_named_sheet_and_a_dated_name():
    title = "A sheet title longer than thirty-one characters"
    response = spreadsheet_response(
        [["a", 1], ["b", 2]], export_format="xlsx", stem="report", sheet_title=title
    )
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [title[:31]]
    assert [list(row) for row in workbook.active.iter_rows(values_only=True)] == [
        ["a", 1],
        ["b", 2],
    ]
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="report-{today}.xlsx"'
