from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.menus import PermissionMenuItem

from . import admin_views
from .models import Scenario


@hooks.register("register_admin_urls")
def register_simulation_admin_urls():
    return [
        path(
            "simulations/<id:scenario_id>/graph/", admin_views.graph_view, name="simulations_graph"
        ),
        path(
            "simulations/<id:scenario_id>/preview/",
            admin_views.preview_view,
            name="simulations_preview",
        ),
        path(
            "simulations/<id:scenario_id>/statistics/",
            admin_views.statistics_view,
            name="simulations_statistics",
        ),
        path("simulations/reviews/", admin_views.review_list_view, name="simulations_reviews"),
        path(
            "simulations/reviews/<id:step_id>/",
            admin_views.review_view,
            name="simulations_review",
        ),
    ]


class ScenarioViewSet(SnippetViewSet):
    model = Scenario
    icon = "group"
    menu_label = _("Practice scenarios")
    menu_name = "scenarios"
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["title", "locale", "live", "version"]
    list_filter = ["locale", "live"]
    search_fields = ["title"]


register_snippet(ScenarioViewSet)


@hooks.register("register_admin_menu_item")
def register_review_menu_item():
    return PermissionMenuItem(
        _("Practice replies to review"),
        reverse("simulations_reviews"),
        name="simulation-reviews",
        icon_name="comment",
        order=261,
        permission="simulations.change_scenario",
    )


@hooks.register("register_snippet_listing_buttons")
def scenario_listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, Scenario) and user.has_perm("simulations.view_scenario"):
        yield ListingButton(
            _("Graph"), reverse("simulations_graph", args=[snippet.pk]), priority=50
        )
        yield ListingButton(
            _("Statistics"), reverse("simulations_statistics", args=[snippet.pk]), priority=60
        )


def _flag_graph_problems(request, instance):
    """Saving a scenario lists what is wrong with its graph (a published one cannot be saved with
    problems: ``Scenario.clean``)."""
    if not isinstance(instance, Scenario):
        return
    for problem in instance.graph_problems():
        messages.warning(request, problem.message)


hooks.register("after_create_snippet", _flag_graph_problems)
hooks.register("after_edit_snippet", _flag_graph_problems)
