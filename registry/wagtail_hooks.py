"""Admin: the approved networks as data (registry editors keep the list), and the review queue
in the menu for those who review."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.menus import PermissionMenuItem

from . import rules
from .admin_forms import NetworkForm
from .models import Network


class NetworkViewSet(SnippetViewSet):
    model = Network
    icon = "globe"
    menu_label = _("Approved networks")
    menu_name = "registry-networks"
    add_to_admin_menu = True
    menu_order = 340
    list_display = ["name", "code", "is_approved", "approved_on"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("code"),
            FieldPanel("hosts"),
            FieldPanel("is_approved"),
            FieldPanel("approved_on"),
            FieldPanel("restricted_kinds"),
            FieldPanel("sort_order"),
        ],
        base_form_class=NetworkForm,
    )


register_snippet(NetworkViewSet)


@hooks.register("register_admin_menu_item")
def register_review_menu_item():
    return PermissionMenuItem(
        _("Register of accounts: review"),
        reverse("registry:review"),
        icon_name="tick-inverse",
        name="registry-review",
        order=341,
        shown_to=rules.can_review,
    )
