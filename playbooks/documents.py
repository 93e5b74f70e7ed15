"""Build a template document (DOCX, ODT or XLSX) from the plain description in a demo file.

``content`` (DOCX, ODT) is a list of one-key mappings: ``{heading: text}``, ``{paragraph: text}``,
``{field: "Date: ____"}`` (a line to fill in) and ``{table: [[cell, ...], ...]}`` (the first row is
the header). XLSX takes ``sheets: [{name, columns, rows}]``.
"""

import io

from docx import Document
from odf.opendocument import OpenDocumentText
from odf.style import Style, TextProperties
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import H, P
from openpyxl import Workbook
from openpyxl.styles import Font

ODT_TEXT_MIMETYPE = "application/vnd.oasis.opendocument.text"


def build_docx(content: list[dict]) -> bytes:
    document = Document()
    for item in content:
        if "heading" in item:
            document.add_heading(str(item["heading"]), level=1)
        elif "paragraph" in item:
            document.add_paragraph(str(item["paragraph"]))
        elif "field" in item:
            document.add_paragraph(str(item["field"]))
        elif "table" in item:
            rows = item["table"] or [[""]]
            table = document.add_table(rows=len(rows), cols=max(len(row) for row in rows))
            table.style = "Table Grid"
            for row_index, row in enumerate(rows):
                for column_index, value in enumerate(row):
                    cell = table.cell(row_index, column_index)
                    cell.text = str(value)
                    if row_index == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build_odt(content: list[dict]) -> bytes:
    document = OpenDocumentText()
    heading_style = Style(name="Heading 1", family="paragraph")
    heading_style.addElement(TextProperties(fontsize="16pt", fontweight="bold"))
    document.styles.addElement(heading_style)
    for number, item in enumerate(content):
        if "heading" in item:
            document.text.addElement(
                H(outlinelevel=1, stylename=heading_style, text=item["heading"])
            )
        elif "paragraph" in item or "field" in item:
            document.text.addElement(P(text=str(item.get("paragraph", item.get("field")))))
        elif "table" in item:
            rows = item["table"] or [[""]]
            table = Table(name=f"Table{number + 1}")
            table.addElement(TableColumn(numbercolumnsrepeated=max(len(row) for row in rows)))
            for row in rows:
                table_row = TableRow()
                for value in row:
                    cell = TableCell(valuetype="string")
                    cell.addElement(P(text=str(value)))
                    table_row.addElement(cell)
                table.addElement(table_row)
            document.text.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def build_xlsx(sheets: list[dict]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets or [{"name": "Sheet1", "columns": [], "rows": []}]:
        worksheet = workbook.create_sheet(title=str(sheet.get("name", "Sheet"))[:31])
        columns = sheet.get("columns") or []
        if columns:
            worksheet.append([str(column) for column in columns])
            for cell in worksheet[1]:
                cell.font = Font(bold=True)
        for row in sheet.get("rows") or []:
            worksheet.append(list(row))
        for index, column in enumerate(columns, start=1):
            width = max(12, min(60, len(str(column)) + 4))
            worksheet.column_dimensions[
                worksheet.cell(row=1, column=index).column_letter
            ].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def build_template(spec: dict) -> bytes:
    """The bytes of the file a demo ``template:`` mapping describes."""
    kind = spec.get("format")
    if kind == "docx":
        return build_docx(spec.get("content") or [])
    if kind == "odt":
        return build_odt(spec.get("content") or [])
    if kind == "xlsx":
        return build_xlsx(spec.get("sheets") or [])
    raise ValueError(f"Unknown template format {kind!r} (docx, odt or xlsx)")
