"""The compliance report in the Wagtail admin: a level of the organisation tree with rolled-up
figures, the people behind them, and CSV/XLSX exports of both."""

from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core.charts import bar_chart_svg, line_chart_svg
from core.exports import FORMATS, spreadsheet_cells, spreadsheet_response, spreadsheet_text
from core.parsing import parse_id
from quizzes.grade_exports import quiz_grade_rows
from quizzes.models import Quiz

from .admin_forms import (
    ComplianceFilterForm,
    ManualCompletionCorrectionForm,
    ManualCompletionForm,
    TrainingExceptionForm,
)
from .assignments.exceptions import exception_exempt, exception_extend, exception_lift
from .assignments.manual import manual_completion_correct, manual_completion_record
from .assignments.rules import user_can_record_completion
from .compliance import (
    compliance_level_all,
    compliance_report_get,
    compliance_section_list,
    course_choices,
    exception_rows,
    organization_choices,
    organization_in_scope,
    people_page_get,
    people_rows,
    scope_roots,
)
from .grade_exports import course_grade_rows, course_grades_for
from .models import CoursePage, ManualCompletion, RequiredCourseStatus, TrainingException


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
        _("Extended"),
        _("Exempt"),
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
            figures.extended,
            figures.exempted,
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
        totals.extended,
        totals.exempted,
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
        # Coordinators export grades of one organisation's subtree at a time.
        "grades_allowed": roots is None or report.organization is not None,
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
        _("Extended to"),
        _("Exempt until"),
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
        "extended_due_on",
        "exempt",
        "exempt_until",
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
        extended_due_on,
        exempt,
        exempt_until,
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
            extended_due_on.isoformat() if extended_due_on else "",
            (exempt_until.isoformat() if exempt_until else _("until lifted")) if exempt else "",
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
    grades = course_grades_for(page.object_list)
    for row in page.object_list:
        row.quiz_grade = grades.get((row.user_id, row.course_id))
    context = {
        "organization": organization,
        "page": page,
        "form": form,
        "query": _query(request, p=None),
        "filter_query": _query(request, p=None, organization=None, status=None),
        "status_labels": STATUS_LABELS,
        "can_grant": request.user.is_superuser
        or request.user.has_perm("courses.add_trainingexception"),
        "can_record": request.user.is_superuser
        or request.user.has_perm("courses.add_manualcompletion"),
        "exceptions_query": _query(request, p=None, status=None, due_from=None, due_to=None),
    }
    return render(request, "courses/admin/compliance_people.html", context)


# Exceptions ------------------------------------------------------------------------------------


def _require_exception_permission(user) -> None:
    _require_report_permission(user)
    if not (user.is_superuser or user.has_perm("courses.add_trainingexception")):
        raise PermissionDenied


@never_cache
def compliance_exception_view(request):
    """Extend, exempt or lift for one required course (?row=<id>) or for everyone the people
    list's filters select. Only rows in the user's scope are found (404 otherwise)."""
    _require_exception_permission(request.user)
    filter_form, roots, _courses = _filter_form(request, request.user)
    _organization, rows = people_rows(user=request.user, filters=filter_form.filters(), roots=roots)
    single = request.GET.get("row")
    if single:
        if not single.isdigit():
            raise Http404
        rows = rows.filter(pk=int(single))
    rows = list(rows.select_related("user", "course", "organization").order_by("pk"))
    if not rows:
        raise Http404
    people_url = reverse("courses_compliance_people") + "?" + _query(request, row=None)
    form = TrainingExceptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["action"] == form.EXTEND:
                done = exception_extend(
                    required_courses=rows,
                    due_on=data["due_on"],
                    reason=data["reason"],
                    by=request.user,
                )
            elif data["action"] == form.EXEMPT:
                done = exception_exempt(
                    required_courses=rows,
                    ends_on=data["ends_on"],
                    reason=data["reason"],
                    by=request.user,
                )
            else:
                done = exception_lift(required_courses=rows, reason=data["reason"], by=request.user)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field_name, errors in error.error_dict.items():
                    for message in errors:
                        form.add_error(field_name, message)
            else:
                form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Exception recorded for %(count)s required courses.") % {"count": len(done)},
            )
            return redirect(people_url)
    history = (
        TrainingException.objects.filter(required_course=rows[0]).select_related("created_by")
        if len(rows) == 1
        else []
    )
    context = {
        "form": form,
        "rows": rows[:50],
        "count": len(rows),
        "history": history,
        "people_url": people_url,
    }
    return render(request, "courses/admin/compliance_exception.html", context)


def _change_value(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def _exception_changes(record) -> str:
    """What the exception changed, in words: "Due date: 2026-12-10 → 2027-01-10"."""
    labels = {
        "due_on": _("Due date"),
        "extended_due_on": _("Extended to"),
        "exempt": _("Exempt"),
        "exempt_until": _("Exempt until"),
    }
    return "; ".join(
        f"{labels.get(name, name)}: {_change_value(before)} → {_change_value(after)}"
        for name, (before, after) in record.changes.items()
    )


def _exceptions_rows(rows):
    yield [
        _("Granted at"),
        _("Granted by"),
        _("Name"),
        _("E-mail"),
        _("Organisation"),
        _("Course"),
        _("Exception"),
        _("New due date"),
        _("Exempt until"),
        _("Reason"),
        _("What changed"),
    ]
    zone = timezone.get_current_timezone()
    for record in rows.order_by("-created_at", "-pk").iterator(chunk_size=2000):
        yield [
            record.created_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
            spreadsheet_text(record.created_by.get_full_name() if record.created_by else ""),
            spreadsheet_text(record.user.get_full_name()),
            spreadsheet_text(record.user.email),
            spreadsheet_text(record.organization.name),
            spreadsheet_text(record.course.title),
            str(record.get_kind_display()),
            record.due_on.isoformat() if record.due_on else "",
            record.ends_on.isoformat() if record.ends_on else "",
            spreadsheet_text(record.reason),
            spreadsheet_text(_exception_changes(record)),
        ]


@never_cache
def compliance_exceptions_view(request):
    """Every extension and exemption granted in the user's scope: who, when, why, what changed;
    exportable as CSV and XLSX."""
    _require_report_permission(request.user)
    form, roots, _courses = _filter_form(request, request.user)
    organization, rows = exception_rows(user=request.user, filters=form.filters(), roots=roots)
    if request.GET.get("export") in FORMATS:
        return _export(request, _exceptions_rows(rows), "training-exceptions", _("Exceptions"))
    page = Paginator(rows.order_by("-created_at", "-pk"), 50).get_page(request.GET.get("p") or 1)
    for record in page.object_list:
        record.change_text = _exception_changes(record)
    context = {
        "organization": organization,
        "page": page,
        "form": form,
        "query": _query(request, p=None),
    }
    return render(request, "courses/admin/compliance_exceptions.html", context)


# Completions recorded by hand ------------------------------------------------------------------


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field_name, errors in error.error_dict.items():
            for message in errors:
                form.add_error(field_name if field_name in form.fields else None, message)
    else:
        form.add_error(None, error)


@never_cache
def compliance_completion_view(request):
    """Record a completion done elsewhere for one required course (?row=<id>) in the user's
    scope (404 outside it)."""
    _require_report_permission(request.user)
    filter_form, roots, _courses = _filter_form(request, request.user)
    _organization, rows = people_rows(user=request.user, filters=filter_form.filters(), roots=roots)
    single = request.GET.get("row") or ""
    if not single.isdigit():
        raise Http404
    row = rows.select_related("user", "course", "organization").filter(pk=int(single)).first()
    if row is None:
        raise Http404
    if not user_can_record_completion(request.user, row.organization_id):
        raise PermissionDenied
    people_url = reverse("courses_compliance_people") + "?" + _query(request, row=None)
    form = ManualCompletionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            manual_completion_record(
                required_course=row,
                completed_on=data["completed_on"],
                evidence=data["evidence"],
                note=data["note"],
                source=data["source"],
                by=request.user,
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The completion is recorded."))
            return redirect(people_url)
    records = ManualCompletion.objects.filter(
        user_id=row.user_id, course_id=row.course_id
    ).select_related("recorded_by", "corrects")
    context = {"form": form, "row": row, "records": records, "people_url": people_url}
    return render(request, "courses/admin/compliance_completion.html", context)


# Grade exports ---------------------------------------------------------------------------------


@never_cache
def grade_export_view(request):
    """CSV or XLSX of a course's (?course=) or a quiz's (?quiz=) grades, for an organisation's
    subtree (?organization=). Coordinators must name an organisation in their scope (404
    otherwise); superusers may leave it out for everyone."""
    _require_report_permission(request.user)
    roots = scope_roots(request.user)
    organization_id = parse_id(request.GET.get("organization"))
    if organization_id is not None:
        organization = organization_in_scope(roots=roots, organization_id=organization_id)
    elif roots is None:
        organization = None
    else:
        raise Http404
    export_format = request.GET.get("export")
    if export_format not in FORMATS:
        export_format = FORMATS[0]
    course_id, quiz_id = parse_id(request.GET.get("course")), parse_id(request.GET.get("quiz"))
    if quiz_id is not None:
        quiz = Quiz.objects.filter(pk=quiz_id).first()
        if quiz is None:
            raise Http404
        rows, stem = quiz_grade_rows(quiz=quiz, organization=organization), "quiz-grades"
    elif course_id is not None:
        course = CoursePage.objects.filter(pk=course_id).first()
        if course is None:
            raise Http404
        rows, stem = course_grade_rows(course=course, organization=organization), "course-grades"
    else:
        raise Http404
    return spreadsheet_response(
        spreadsheet_cells(rows), export_format=export_format, stem=stem, sheet_title=_("Grades")
    )


def _completion_record_in_scope(request, record_id) -> ManualCompletion:
    """A completion recorded by hand that the user may see: 404 outside their scope."""
    _require_report_permission(request.user)
    record = (
        ManualCompletion.objects.select_related("user", "course", "organization")
        .filter(pk=record_id)
        .first()
    )
    if record is None:
        raise Http404
    organization_in_scope(roots=scope_roots(request.user), organization_id=record.organization_id)
    return record


@never_cache
def compliance_completion_evidence_view(request, record_id):
    """The evidence file of a completion recorded by hand, as a download (never shown inline:
    it came from an upload)."""
    record = _completion_record_in_scope(request, record_id)
    if not record.evidence:
        raise Http404
    try:
        file = record.evidence.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(file, as_attachment=True, filename=Path(record.evidence.name).name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
def compliance_completion_correct_view(request, record_id):
    """Correct a completion recorded by hand (a new, audited record); 404 outside the user's
    scope."""
    record = _completion_record_in_scope(request, record_id)
    if not user_can_record_completion(request.user, record.organization_id):
        raise PermissionDenied
    form = ManualCompletionCorrectionForm(
        request.POST or None,
        request.FILES or None,
        initial={"completed_on": record.completed_on, "note": record.note},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            manual_completion_correct(
                record=record,
                completed_on=data["completed_on"],
                evidence=data["evidence"] or None,
                note=data["note"],
                reason=data["reason"],
                by=request.user,
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The correction is recorded."))
            return redirect(reverse("courses_compliance_people"))
    context = {"form": form, "record": record}
    return render(request, "courses/admin/compliance_completion_correct.html", context)
