"""Required training in the Wagtail admin: the "Assignments" snippets and the "Compliance"
report. Coordinators work within the organisations they coordinate; superusers anywhere."""

from django import forms
from django.db.models import Count
from django.http import Http404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from accounts.roles import coordinated_organization_list
from core.home import HOME_SECTION_HOOK
from core.menus import PermissionMenuItem
from core.search import SEARCHABLE_PAGES_HOOK
from quizzes.access import QUIZ_PLACEMENT_HOOK
from quizzes.contexts import QUIZ_CONTEXT_HOOK

from . import admin_views
from .admin_forms import TrainingAssignmentForm
from .assignment_import_view import assignment_import_view
from .dashboard import DASHBOARD_PANEL_HOOK, DashboardPanel
from .home_sections import public_courses_section, required_training_section
from .models import CoursePage, LessonPage, TrainingAssignment
from .placements import quiz_open_through_courses
from .quiz_places import quiz_place_get
from .serving import lesson_serve_check
from .team import is_line_manager, team_attention_rows


def assignments_for(user):
    """The assignments a user may see and change: those of organisations they coordinate."""
    queryset = TrainingAssignment.objects.all()
    if user.is_superuser:
        return queryset
    return queryset.filter(organization__in=coordinated_organization_list(user))


class TrainingAssignmentPermissionPolicy(ModelPermissionPolicy):
    """The Coordinators group grants the model permissions; the subtree limits the instances."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and (
            assignments_for(user).filter(pk=instance.pk).exists()
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return TrainingAssignment.objects.none()
        return assignments_for(user)


register_permission_policy(
    TrainingAssignment, TrainingAssignmentPermissionPolicy(TrainingAssignment)
)


class ScopedObjectMixin:
    """Another subtree's assignment is not found, whatever the URL."""

    def get_object(self, *args, **kwargs):
        instance = super().get_object(*args, **kwargs)
        if not assignments_for(self.request.user).filter(pk=instance.pk).exists():
            raise Http404
        return instance


class EditView(ScopedObjectMixin, snippet_views.EditView):
    pass


class DeleteView(ScopedObjectMixin, snippet_views.DeleteView):
    pass


class HistoryView(ScopedObjectMixin, snippet_views.HistoryView):
    pass


class UsageView(ScopedObjectMixin, snippet_views.UsageView):
    pass


class IndexView(snippet_views.IndexView):
    """The list, with "Assign from a file" beside "Add" for those who may add assignments."""

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.permission_policy.user_has_permission(self.request.user, "add"):
            buttons.append(
                HeaderButton(
                    _("Assign from a file"),
                    url=reverse("courses_assignment_import"),
                    icon_name="upload",
                )
            )
        return buttons


class WhoColumn(Column):
    def get_value(self, instance):
        if not instance.listed_only:
            return _("Everyone in the organisation and below")
        return ngettext(
            "%(count)d person listed in %(file)s",
            "%(count)d people listed in %(file)s",
            instance.listed_count,
        ) % {"count": instance.listed_count, "file": instance.source_name}


class DueColumn(Column):
    def get_value(self, instance):
        if instance.due_on:
            return instance.due_on
        return _("%(days)s days after joining") % {"days": instance.due_days_after_joining}


class TrainingAssignmentViewSet(SnippetViewSet):
    model = TrainingAssignment
    icon = "tasks"
    menu_label = _("Assignments")
    menu_name = "training-assignments"
    menu_order = 620
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = IndexView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = HistoryView
    usage_view_class = UsageView
    list_display = [
        "course",
        "organization",
        WhoColumn("who", label=_("Who")),
        DueColumn("due", label=_("Due")),
        "recurrence_months",
        "created_by",
    ]
    list_filter = ["course", "organization"]
    ordering = ["organization__path", "course__title"]
    edit_handler = ObjectList(
        [
            FieldPanel("course", widget=forms.Select),
            FieldPanel("organization", widget=forms.Select),
            FieldPanel("positions"),
            MultiFieldPanel(
                [FieldPanel("due_on"), FieldPanel("due_days_after_joining")],
                heading=_("Due"),
                help_text=_("Either a date for everyone, or a number of days after joining."),
            ),
            FieldPanel("recurrence_months"),
            FieldPanel("renewal_window_days"),
            FieldPanel("exemption_counts_as_compliant"),
        ],
        base_form_class=TrainingAssignmentForm,
    )

    def get_queryset(self, request):
        return (
            assignments_for(request.user)
            .select_related("course", "organization", "created_by")
            .annotate(listed_count=Count("learners"))
        )


register_snippet(TrainingAssignmentViewSet)


@hooks.register("register_admin_urls")
def register_compliance_urls():
    return [
        path("compliance/", admin_views.compliance_view, name="courses_compliance"),
        path(
            "compliance/people/",
            admin_views.compliance_people_view,
            name="courses_compliance_people",
        ),
        path(
            "compliance/people/exception/",
            admin_views.compliance_exception_view,
            name="courses_compliance_exception",
        ),
        path(
            "compliance/people/completion/",
            admin_views.compliance_completion_view,
            name="courses_compliance_completion",
        ),
        path(
            "compliance/completions/<id:record_id>/correct/",
            admin_views.compliance_completion_correct_view,
            name="courses_compliance_completion_correct",
        ),
        path(
            "assignments/from-a-file/",
            assignment_import_view,
            name="courses_assignment_import",
        ),
        path(
            "compliance/completions/<id:record_id>/evidence/",
            admin_views.compliance_completion_evidence_view,
            name="courses_compliance_completion_evidence",
        ),
        path("compliance/grades/", admin_views.grade_export_view, name="courses_grade_export"),
        path(
            "compliance/exceptions/",
            admin_views.compliance_exceptions_view,
            name="courses_compliance_exceptions",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_compliance_menu_item():
    return PermissionMenuItem(
        _("Compliance"),
        reverse("courses_compliance"),
        icon_name="tasks",
        order=621,
        permission="courses.view_compliance_report",
    )


# Lessons: access to the course and the reader's progress, before Wagtail serves the page.
hooks.register("before_serve_page", lesson_serve_check)
hooks.register(QUIZ_PLACEMENT_HOOK, quiz_open_through_courses)


# Quiz pages link back to their lesson and course; a public course's quiz is open to visitors.
hooks.register(QUIZ_CONTEXT_HOOK, quiz_place_get)
# The home page: the reader's required training first, then the public courses.
hooks.register(HOME_SECTION_HOOK, required_training_section)
hooks.register(HOME_SECTION_HOOK, public_courses_section)


@hooks.register(DASHBOARD_PANEL_HOOK)
def team_dashboard_panel(request):
    """A line manager's way to their people's training (/learning/team/)."""
    if not is_line_manager(request.user):
        return None
    attention = team_attention_rows(manager=request.user).count()
    return DashboardPanel(
        template="courses/team_panel.html", context={"attention": attention}, order=50
    )


@hooks.register(SEARCHABLE_PAGES_HOOK)
def searchable_course_pages():
    return [CoursePage, LessonPage]
