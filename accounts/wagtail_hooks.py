from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.menus import PermissionMenuItem

from . import views
from .admin_forms import OrganizationForm
from .models import Employment, Organization


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("accounts/import/", views.user_import_view, name="accounts_user_import")]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return PermissionMenuItem(
        _("Import civil servants"),
        reverse("accounts_user_import"),
        icon_name="group",
        order=610,
        permission="accounts.import_users",
    )


class OrganizationViewSet(SnippetViewSet):
    model = Organization
    icon = "site"
    menu_label = _("Organisations")
    edit_handler = ObjectList(
        [FieldPanel("name"), FieldPanel("code"), FieldPanel("kind"), FieldPanel("parent")],
        base_form_class=OrganizationForm,
    )
    list_display = ["name", "code", "kind", "depth"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    ordering = ["path"]


class EmploymentViewSet(SnippetViewSet):
    model = Employment
    icon = "user"
    menu_label = _("Employments")
    list_display = [
        "user",
        "organization",
        "position_title",
        "personnel_number",
        "is_coordinator",
        "ended_on",
    ]
    list_filter = ["is_coordinator", "organization"]
    search_fields = ["position_title", "personnel_number"]


class PeopleViewSetGroup(SnippetViewSetGroup):
    items = (OrganizationViewSet, EmploymentViewSet)
    menu_icon = "group"
    menu_label = _("Organisations")
    menu_name = "organisations"
    menu_order = 600


register_snippet(PeopleViewSetGroup)
