"""The outcomes report in the Wagtail admin, with the CSV of anonymised paired scores."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from .models import MeasuredCourse
from .report import paired_csv, report_build
from .rules import can_see_report
from .selectors import measured_course_get


@never_cache
def report_index_view(request):
    if not can_see_report(request.user):
        raise PermissionDenied
    return render(
        request,
        "outcomes/admin/index.html",
        {"measured_courses": MeasuredCourse.objects.select_related("course").order_by("key")},
    )


@never_cache
def report_view(request, key):
    if not can_see_report(request.user):
        raise PermissionDenied
    measured = measured_course_get(key)
    if measured is None:
        raise Http404
    simulated = request.GET.get("simulated") == "1"
    if request.GET.get("export") == "csv":
        response = HttpResponse(
            paired_csv(measured, simulated=simulated), content_type="text/csv; charset=utf-8"
        )
        suffix = "-simulated" if simulated else ""
        response["Content-Disposition"] = (
            f'attachment; filename="outcomes-{measured.key}{suffix}-paired.csv"'
        )
        return response
    report = report_build(measured, simulated=simulated)
    return render(
        request,
        "outcomes/admin/report.html",
        {
            "measured": measured,
            "report": report,
            "cells": [report["all"], *report["cells"]],
            "simulated": simulated,
            "has_simulated": measured.participations.filter(simulated=True).exists(),
        },
    )
