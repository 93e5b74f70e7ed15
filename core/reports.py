"""Admin report: which pages still lack a live translation, and in which languages."""

import django_filters
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import ContentTypeFilter, WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page, get_page_content_types
from wagtail.permission_policies.pages import PagePermissionPolicy


def translation_languages() -> list[tuple[str, str]]:
    """The content languages a page can be translated into (all but the default)."""
    return [
        (code, name)
        for code, name in settings.WAGTAIL_CONTENT_LANGUAGES
        if code != settings.LANGUAGE_CODE
    ]


def pages_missing_translation(language: str | None = None):
    """Live pages in the default language (the home page and below) without a live
    translation in `language`, or in at least one language when `language` is None."""
    default = Locale.get_default()
    pages = Page.objects.filter(locale=default, live=True, depth__gt=1)
    codes = [language] if language else [code for code, _name in translation_languages()]
    missing = Page.objects.none()
    for code in codes:
        translated = Page.objects.filter(locale__language_code=code, live=True).values(
            "translation_key"
        )
        missing = missing | pages.exclude(translation_key__in=translated)
    return missing.order_by("path")


class MissingTranslationsFilterSet(WagtailFilterSet):
    language = django_filters.ChoiceFilter(
        label=_("Missing in"),
        choices=translation_languages,
        method="filter_language",
        empty_label=_("Any language"),
    )
    content_type = ContentTypeFilter(
        label=_("Type"),
        queryset=lambda request: get_page_content_types(include_base_page_type=False),
    )

    class Meta:
        model = Page
        fields = ["language", "content_type"]

    def filter_language(self, queryset, name, value):
        return queryset & pages_missing_translation(value) if value else queryset


class MissingTranslationsReportView(ReportView):
    """Trainers and methodologists see what still needs translating (and export it)."""

    page_title = _("Missing translations")
    header_icon = "globe"
    index_url_name = "missing_translations_report"
    index_results_url_name = "missing_translations_report_results"
    filterset_class = MissingTranslationsFilterSet
    model = Page
    permission_policy = PagePermissionPolicy()
    any_permission_required = ["add", "change", "publish"]
    list_export = ["title", "page_type", "url_path", "missing_languages"]
    export_headings = {
        "title": _("Page"),
        "page_type": _("Type"),
        "url_path": _("Address"),
        "missing_languages": _("Missing in"),
    }

    @property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("Page"),
                get_url=lambda page: reverse("wagtailadmin_pages:edit", args=[page.pk]),
            ),
            Column("page_type", label=_("Type")),
            Column("missing_languages", label=_("Missing in")),
        ]

    def get_queryset(self):
        return pages_missing_translation().select_related("content_type")

    def decorate_paginated_queryset(self, object_list):
        pages = list(object_list)
        names = dict(translation_languages())
        live = set(
            Page.objects.filter(
                translation_key__in=[page.translation_key for page in pages], live=True
            ).values_list("translation_key", "locale__language_code")
        )
        for page in pages:
            page.page_type = page.content_type.model_class()._meta.verbose_name
            page.missing_languages = ", ".join(
                str(name)
                for code, name in names.items()
                if (page.translation_key, code) not in live
            )
        return pages
