"""Which page is the same content in another language."""

from django.http import Http404
from django.urls import Resolver404, resolve
from django.utils import translation
from wagtail.models import Locale, Page, Site


def page_for_path(request, path: str) -> Page | None:
    """The live Wagtail page served at `path` (with or without a language prefix), if any."""
    source_language = translation.get_language_from_path(path) or translation.get_language()
    with translation.override(source_language):
        try:
            match = resolve(path)
        except Resolver404:
            return None
        if match.url_name != "wagtail_serve":
            return None
        site = Site.find_for_request(request)
        if site is None:
            return None
        served_path = match.args[0] if match.args else ""
        components = [part for part in served_path.split("/") if part]
        try:
            return site.root_page.localized.specific.route(request, components)[0]
        except Http404:
            return None


def translated_page_url(request, path: str, language: str) -> str | None:
    """The address of the page at `path` in `language`, when that translation is live."""
    page = page_for_path(request, path)
    if page is None:
        return None
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return None
    translated = page.get_translation_or_none(locale)
    if translated is None or not translated.live:
        return None
    return translated.get_url(request)
