from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.rich_text.pages import PageLinkHandler

from .caching import page_cache_allow
from .menus import PermissionMenuItem
from .reports import MissingTranslationsReportView
from .richtext import page_links_expand


@hooks.register("register_admin_urls")
def register_missing_translations_report_urls():
    view = MissingTranslationsReportView
    return [
        path("reports/missing-translations/", view.as_view(), name=view.index_url_name),
        path(
            "reports/missing-translations/results/",
            view.as_view(results_only=True),
            name=view.index_results_url_name,
        ),
    ]


def user_edits_pages(user) -> bool:
    return PagePermissionPolicy().user_has_any_permission(user, ["add", "change", "publish"])


@hooks.register("register_reports_menu_item")
def register_missing_translations_report_menu_item():
    return PermissionMenuItem(
        _("Missing translations"),
        reverse("missing_translations_report"),
        name="missing-translations",
        icon_name="globe",
        order=750,
        shown_to=user_edits_pages,
    )


@hooks.register("on_serve_page", order=100)
def page_cache_allow_on_serve(serve):
    """Innermost around a page's serve, so only after its privacy check passed: the anonymous
    page cache (core/caching.py) may store the response."""

    def serve_allowing_cache(page, request, args, kwargs):
        page_cache_allow(request, page)
        return serve(page, request, args, kwargs)

    return serve_allowing_cache


class LinkedPageHandler(PageLinkHandler):
    """Wagtail's page link handler, reading addresses from the request's store."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        expanded = page_links_expand(attrs_list)
        if expanded is None:
            return super().expand_db_attributes_many(attrs_list)
        return expanded


@hooks.register("register_rich_text_features", order=100)
def register_linked_page_handler(features):
    """After Wagtail's own: page links read the request's addresses (core/richtext.py)."""
    features.register_link_type(LinkedPageHandler)
