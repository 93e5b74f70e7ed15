"""Codes of conduct in the Wagtail admin (assignments, the acknowledgement report) and on the
learner's dashboard; their reminders go out with courses' daily run."""

from django import forms
from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from accounts.roles import coordinated_organization_list
from core.menus import PermissionMenuItem
from core.search import SEARCHABLE_PAGES_HOOK
from courses.compliance import COMPLIANCE_SECTION_HOOK, ComplianceSection
from courses.dashboard import DASHBOARD_PANEL_HOOK, DashboardPanel
from courses.reminders import REMINDER_SOURCE_HOOK

from . import admin_views
from .admin_forms import CodeAssignmentForm
from .compliance import PERMISSION, figures_for_level
from .models import CodeAssignment, CodePage
from .reminders import acknowledgement_reminders_send
from .selectors import requirement_list_for_user


@hooks.register(DASHBOARD_PANEL_HOOK)
def codes_dashboard_panel(request):
    """Codes the learner still has to acknowledge, with their due dates."""
    rows = requirement_list_for_user(user=request.user, open_only=True)
    if not rows:
        return None  # nothing to acknowledge: no panel
    return DashboardPanel(
        template="regulations/dashboard_panel.html", context={"requirements": rows}, order=50
    )


@hooks.register(REMINDER_SOURCE_HOOK)
def codes_reminder_source(today):
    return "codes", acknowledgement_reminders_send(today=today)


@hooks.register(COMPLIANCE_SECTION_HOOK)
def codes_compliance_section(*, user, report, roots, today):
    """Codes beside the courses on the same level of courses' compliance report (the scope is
    the same: coordinators hold both permissions)."""
    if not (user.is_superuser or user.has_perm(PERMISSION)):
        return None
    return ComplianceSection(
        template="regulations/admin/compliance_section.html",
        context={"rows": figures_for_level(roots=roots, report=report, today=today)},
    )


@hooks.register(SEARCHABLE_PAGES_HOOK)
def searchable_codes():
    return [CodePage]


def code_assignments_for(user):
    """The code assignments a user may see and change: those of organisations they
    coordinate (every one for superusers)."""
    queryset = CodeAssignment.objects.all()
    if user.is_superuser:
        return queryset
    return queryset.filter(organization__in=coordinated_organization_list(user))


class CodeAssignmentPermissionPolicy(ModelPermissionPolicy):
    """The Coordinators group grants the model permissions; the subtree limits the instances."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and (
            code_assignments_for(user).filter(pk=instance.pk).exists()
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return CodeAssignment.objects.none()
        return code_assignments_for(user)


register_permission_policy(CodeAssignment, CodeAssignmentPermissionPolicy(CodeAssignment))


class ScopedObjectMixin:
    """Another subtree's code assignment is not found, whatever the URL."""

    def get_object(self, *args, **kwargs):
        instance = super().get_object(*args, **kwargs)
        if not code_assignments_for(self.request.user).filter(pk=instance.pk).exists():
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


class CodeAssignmentViewSet(SnippetViewSet):
    model = CodeAssignment
    icon = "doc-full"
    menu_label = _("Code assignments")
    menu_name = "code-assignments"
    menu_order = 622
    add_to_admin_menu = True
    copy_view_enabled = False
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = HistoryView
    usage_view_class = UsageView
    list_display = ["code", "organization", "days_to_acknowledge", "created_by"]
    list_filter = ["organization"]
    ordering = ["organization__path", "code__title"]
    edit_handler = ObjectList(
        [
            FieldPanel("code", widget=forms.Select),
            FieldPanel("organization", widget=forms.Select),
            FieldPanel("positions"),
            FieldPanel("days_to_acknowledge"),
        ],
        base_form_class=CodeAssignmentForm,
    )

    def get_queryset(self, request):
        return code_assignments_for(request.user).select_related(
            "code", "organization", "created_by"
        )


register_snippet(CodeAssignmentViewSet)


@hooks.register("register_admin_urls")
def register_code_compliance_urls():
    return [
        path(
            "codes/compliance/",
            admin_views.code_compliance_view,
            name="regulations_compliance",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_code_compliance_menu_item():
    return PermissionMenuItem(
        _("Codes: compliance"),
        reverse("regulations_compliance"),
        icon_name="tasks",
        order=623,
        permission=PERMISSION,
    )
