"""The compliance report in the Wagtail admin: a level of the organisation tree with rolled-up
figures, the people behind them, and CSV/XLSX exports of both."""

import csv
import datetime
import io

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from openpyxl import Workbook

from core.charts import bar_chart_svg, line_chart_svg

from .admin_forms import ComplianceFilterForm
from .compliance import (
    compliance_level_all,
    compliance_report_get,
    course_choices,
    organization_choices,
    people_page_get,
    people_rows,
    scope_roots,
)
from .models import RequiredCourseStatus

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require_report_permission(user) -> None:
    if not (user.is_superuser or user.has_perm("courses.view_compliance_report")):
        raise PermissionDenied


def _filter_form(request, user):
    """The filters, with the user's scope and courses (each looked up once per request)."""
    roots = scope_roots(user)
    courses = course_choices(user=user, roots=roots)
    form = ComplianceFilterForm(
        request.GET or None, courses=courses, organizations=organization_choices(roots=roots)
    )
    form.is_valid()
    return form, roots, courses


def _query(request, **changes) -> str:
    params = request.GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    params.pop("export", None)
    return params.urlencode()


def _filename(stem: str, extension: str) -> str:
    return f"{stem}-{timezone.localdate().isoformat()}.{extension}"


CSV_ROWS_PER_CHUNK = 1000


def _csv_response(rows, stem: str) -> StreamingHttpResponse:
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

    response = StreamingHttpResponse(chunks(), content_type=CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(stem, "csv")}"'
    return response


def _xlsx_response(rows, stem: str, title: str) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(stem, "xlsx")}"'
    return response


def _export(request, rows, stem: str, title: str):
    if request.GET.get("export") == "xlsx":
        return _xlsx_response(_csv_safe(rows), stem, title)
    return _csv_response(_csv_safe(rows), stem)


# The report ------------------------------------------------------------------------------------


def _report_rows(report):
    yield [
        _("Organisation"),
        _("Code"),
        _("Assigned"),
        _("Completed"),
        _("In progress"),
        _("Not started"),
        _("Overdue"),
        _("Completion rate (%)"),
    ]
    for row in report.rows:
        name = str(row.organization)
        if row.direct:
            name = _("%(name)s (directly)") % {"name": name}
        figures = row.figures
        yield [
            name,
            row.organization.code,
            figures.assigned,
            figures.completed,
            figures.in_progress,
            figures.not_started,
            figures.overdue,
            figures.rate,
        ]
    totals = report.totals
    yield [
        _("Total"),
        report.organization.code if report.organization else "",
        totals.assigned,
        totals.completed,
        totals.in_progress,
        totals.not_started,
        totals.overdue,
        totals.rate,
    ]


@never_cache
def compliance_view(request):
    _require_report_permission(request.user)
    form, roots, courses = _filter_form(request, request.user)
    filters = form.filters()
    export = request.GET.get("export")
    if export in ("csv", "xlsx"):
        report = compliance_level_all(user=request.user, filters=filters, roots=roots)
        return _export(request, _report_rows(report), "compliance", _("Compliance"))
    report = compliance_report_get(
        user=request.user,
        filters=filters,
        page_number=request.GET.get("p") or 1,
        roots=roots,
        courses=courses,
    )
    bars = [
        (
            _("%(name)s (directly)") % {"name": row.organization.name}
            if row.direct
            else row.organization.name,
            row.figures.rate,
        )
        for row in report.rows
        if row.figures.assigned
    ]
    title = report.organization.name if report.organization else _("All organisations")
    context = {
        "report": report,
        "form": form,
        "title": title,
        "bar_chart": bar_chart_svg(
            bars, title=_("Completion rate by organisation"), max_value=100, unit="%"
        ),
        "line_chart": line_chart_svg(
            [(month.strftime("%m.%Y"), n) for month, n in report.timeline],
            title=_("Completions per month"),
            y_label=_("Completions"),
        ),
        "query": _query(request, p=None),
        "filter_query": _query(request, p=None, organization=None),
    }
    return render(request, "courses/admin/compliance.html", context)


# The people ------------------------------------------------------------------------------------

STATUS_LABELS = dict(RequiredCourseStatus.choices)


def _text(value: str) -> str:
    """A cell a spreadsheet would run as a formula (=, +, -, @) is made inert."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _people_rows(rows):
    yield [
        _("Name"),
        _("Username"),
        _("E-mail"),
        _("Organisation"),
        _("Organisation code"),
        _("Course"),
        _("Due date"),
        _("Status"),
        _("Started"),
        _("Completed"),
        _("Valid until"),
    ]
    labels = {key: str(label) for key, label in RequiredCourseStatus.choices}
    zone = timezone.get_current_timezone()

    def moment(value):
        return value.astimezone(zone).strftime("%Y-%m-%d %H:%M") if value else ""

    values = rows.order_by("organization__path", "user__full_name", "user_id", "course_id")
    values = values.values_list(
        "user__full_name",
        "user__username",
        "user__email",
        "organization__name",
        "organization__code",
        "course__title",
        "due_on",
        "status",
        "started_at",
        "completed_at",
        "expires_on",
    )
    for (
        name,
        username,
        email,
        organization,
        code,
        course,
        due_on,
        status,
        started_at,
        completed_at,
        expires_on,
    ) in values.iterator(chunk_size=2000):
        yield [
            _text(name or username),
            _text(username),
            _text(email),
            _text(organization),
            code,
            _text(course),
            due_on.isoformat(),
            labels[status],
            moment(started_at),
            moment(completed_at),
            expires_on.isoformat() if expires_on else "",
        ]


def _csv_safe(rows):
    """Dates as ISO text, and cells that a spreadsheet would run as a formula made inert."""
    for row in rows:
        cells = []
        for cell in row:
            if cell is None:
                cell = ""
            elif isinstance(cell, datetime.datetime):
                cell = cell.isoformat(sep=" ", timespec="minutes")
            elif isinstance(cell, datetime.date):
                cell = cell.isoformat()
            elif isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@"):
                cell = "'" + cell
            cells.append(cell)
        yield cells


def _export_people(request, rows):
    lines = _people_rows(rows)  # already plain, safe text
    if request.GET.get("export") == "xlsx":
        return _xlsx_response(lines, "compliance-people", _("People"))
    return _csv_response(lines, "compliance-people")


@never_cache
def compliance_people_view(request):
    _require_report_permission(request.user)
    form, roots, _courses = _filter_form(request, request.user)
    filters = form.filters()
    export = request.GET.get("export")
    if export in ("csv", "xlsx"):
        _organization, rows = people_rows(user=request.user, filters=filters, roots=roots)
        return _export_people(request, rows)
    organization, page = people_page_get(
        user=request.user, filters=filters, page_number=request.GET.get("p") or 1, roots=roots
    )
    context = {
        "organization": organization,
        "page": page,
        "form": form,
        "query": _query(request, p=None),
        "filter_query": _query(request, p=None, organization=None, status=None),
        "status_labels": STATUS_LABELS,
    }
    return render(request, "courses/admin/compliance_people.html", context)
