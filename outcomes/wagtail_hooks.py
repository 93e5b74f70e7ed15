"""Outcomes on the course page (the tests' offers), in the admin (the report) and in courses'
daily reminder run (the retention test)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.menus import PermissionMenuItem
from courses.course_panels import COURSE_PANEL_HOOK, CoursePanel
from courses.dashboard import DASHBOARD_PANEL_HOOK, DashboardPanel
from courses.reminders import REMINDER_SOURCE_HOOK

from . import admin_views
from .models import Headline, MeasuredCourse
from .reminders import retention_reminders_send
from .rules import REPORT_PERMISSION, post_test_open, pre_test_open
from .selectors import dashboard_test_list, measured_course_for, participation_for


@hooks.register(COURSE_PANEL_HOOK)
def outcomes_course_panel(course, request, outline):
    if not outline.is_open:
        return None
    measured = measured_course_for(course)
    if measured is None:
        return None
    participation = participation_for(request, measured)
    progress = outline.progress
    if pre_test_open(participation, lessons_done=progress.done_count):
        state = "pre"
    elif post_test_open(participation, course_complete=progress.is_complete):
        state = "post"
    elif participation is not None and participation.sittings.exists():
        state = "result"
    else:
        return None
    return CoursePanel(
        "outcomes/course_panel.html",
        {"state": state, "key": measured.key, "participation": participation},
        order=10,
    )


@hooks.register(DASHBOARD_PANEL_HOOK)
def outcomes_dashboard_panel(request):
    """The test after a measured course the learner completed, and their results."""
    rows = dashboard_test_list(request.user)
    if not rows:
        return None
    return DashboardPanel(
        template="outcomes/dashboard_panel.html", context={"rows": rows}, order=60
    )


@hooks.register(REMINDER_SOURCE_HOOK)
def outcomes_reminder_source(today):
    return retention_reminders_send(today)


@hooks.register("register_admin_urls")
def register_outcomes_urls():
    return [
        path("outcomes/", admin_views.report_index_view, name="outcomes_index"),
        path("outcomes/<slug:key>/", admin_views.report_view, name="outcomes_report"),
    ]


@hooks.register("register_admin_menu_item")
def register_outcomes_menu_item():
    return PermissionMenuItem(
        _("Course outcomes"),
        reverse("outcomes_index"),
        icon_name="table",
        order=625,
        permission=REPORT_PERMISSION,
    )


class MeasuredCourseViewSet(SnippetViewSet):
    model = MeasuredCourse
    icon = "table"
    menu_label = _("Measured courses")
    add_to_admin_menu = False
    copy_view_enabled = False
    list_display = ["key", "course", "instrument"]
    panels = [FieldPanel("key"), FieldPanel("course"), FieldPanel("instrument")]


class HeadlineViewSet(SnippetViewSet):
    model = Headline
    icon = "doc-full"
    menu_label = _("Headlines")
    add_to_admin_menu = False
    list_display = ["text_en", "form", "is_real", "source"]
    list_filter = ["instrument", "form", "is_real"]
    panels = [
        FieldPanel("instrument"),
        FieldPanel("form"),
        FieldPanel("position"),
        FieldPanel("is_real"),
        FieldPanel("text_uz"),
        FieldPanel("text_ru"),
        FieldPanel("text_en"),
        FieldPanel("source"),
        FieldPanel("source_url"),
    ]


register_snippet(MeasuredCourseViewSet)
register_snippet(HeadlineViewSet)
