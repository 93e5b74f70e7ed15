"""Which page is the same content in another language."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Locale, Page, Site
from wagtail.views import serve_chain


def _page_route(request, path: str) -> tuple[Site, list[str]] | None:
    """The site and the route components of `path` when Wagtail serves it; None otherwise."""
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
    return site, [part for part in served_path.split("/") if part]


def page_for_path(request, path: str) -> Page | None:
    """The live Wagtail page served at `path` (with or without a language prefix), if any."""
    source_language = translation.get_language_from_path(path) or translation.get_language()
    with translation.override(source_language):
        route = _page_route(request, path)
        if route is None:
            return None
        site, components = route
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


# What a reader sees above an Uzbek page served in place of a missing translation.
UNTRANSLATED_NOTICES = {
    "ru": _("This page is not yet available in Russian; showing the Uzbek version."),
    "en": _("This page is not yet available in English; showing the Uzbek version."),
}
_FALLBACK_NOTICE = _("This page is not yet available in your language; showing the Uzbek version.")


def default_language_page_for_path(request, path: str):
    """The live page in the default language at the same address as `path` (a /ru/ or /en/
    address whose page has no translation), with its route arguments; None if there is none."""
    route = _page_route(request, path)
    if route is None:
        return None
    site, components = route
    root = site.root_page.specific
    default_locale = Locale.get_default()
    if root.locale_id != default_locale.pk:
        root = root.get_translation_or_none(default_locale) or root
    try:
        page, args, kwargs = root.specific.route(request, components)
    except Http404:
        return None
    if page.locale_id != default_locale.pk:
        return None
    return page, args, kwargs


def serve_untranslated(request, page, args, kwargs):
    """Serve `page` as Wagtail's serve view would (privacy checks and hooks included)."""
    request.untranslated_notice = UNTRANSLATED_NOTICES.get(
        translation.get_language(), _FALLBACK_NOTICE
    )
    chain = serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        chain = fn(chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    response = chain(page, request, args, kwargs)
    # The handler renders a view's TemplateResponse before middleware sees it; this one comes
    # later, from middleware, so it is rendered here.
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    return response


class UntranslatedPageFallbackMiddleware:
    """/ru/… or /en/… with no translation of the page: the Uzbek page, with a notice, instead
    of "page not found". The interface stays in the reader's language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code != 404
            or request.method not in ("GET", "HEAD")
            or translation.get_language() == settings.LANGUAGE_CODE
        ):
            return response
        found = default_language_page_for_path(request, request.path_info)
        if found is None:
            return response
        return serve_untranslated(request, *found)
