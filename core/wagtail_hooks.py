from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permission_policies.pages import PagePermissionPolicy

from .menus import PermissionMenuItem
from .reports import MissingTranslationsReportView


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
