"""The compliance report in the Wagtail admin: a level of the organisation tree with rolled-up
figures, the people behind them, and CSV/XLSX exports of both."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core.charts import bar_chart_svg, line_chart_svg
from core.exports import FORMATS, spreadsheet_cells, spreadsheet_response, spreadsheet_text

from .admin_forms import ComplianceFilterForm
from .compliance import (
    compliance_level_all,
    compliance_report_get,
    compliance_section_list,
    course_choices,
    organization_choices,
    people_page_get,
    people_rows,
    scope_roots,
)
from .models import RequiredCourseStatus


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


def _export(request, rows, stem: str, title: str):
    return spreadsheet_response(
        rows, export_format=request.GET.get("export"), stem=stem, sheet_title=title
    )


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
    if export in FORMATS:
        report = compliance_level_all(user=request.user, filters=filters, roots=roots)
        return _export(
            request, spreadsheet_cells(_report_rows(report)), "compliance", _("Compliance")
        )
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
            whole_numbers=True,
        ),
        "query": _query(request, p=None),
        "filter_query": _query(request, p=None, organization=None),
        "sections": compliance_section_list(user=request.user, report=report, roots=roots),
    }
    return render(request, "courses/admin/compliance.html", context)


# The people ------------------------------------------------------------------------------------

STATUS_LABELS = dict(RequiredCourseStatus.choices)


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
            spreadsheet_text(name or username),
            spreadsheet_text(username),
            spreadsheet_text(email),
            spreadsheet_text(organization),
            code,
            spreadsheet_text(course),
            due_on.isoformat(),
            labels[status],
            moment(started_at),
            moment(completed_at),
            expires_on.isoformat() if expires_on else "",
        ]


@never_cache
def compliance_people_view(request):
    _require_report_permission(request.user)
    form, roots, _courses = _filter_form(request, request.user)
    filters = form.filters()
    export = request.GET.get("export")
    if export in FORMATS:
        _organization, rows = people_rows(user=request.user, filters=filters, roots=roots)
        # The cells are text already, each made inert where it needs to be (_people_rows).
        return _export(request, _people_rows(rows), "compliance-people", _("People"))
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
