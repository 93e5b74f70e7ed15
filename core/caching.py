"""Serve pages to anonymous readers from the cache without ever mixing up two people.

Only requests with nothing personal are cached: anonymous, GET/HEAD, no session, no pending
messages. The cached HTML holds a placeholder where the CSRF token goes; each response gets the
reader's own token, so cached pages still carry working forms without JavaScript. Publishing or
unpublishing any page bumps a version number that is part of every key, so navigation built from
other pages (lesson lists, titles) is never stale.
"""

import hashlib

from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers

CSRF_PLACEHOLDER = "muloqot-csrf-token-placeholder"
VERSION_KEY = "pages:content-version"


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def content_version_bump(**kwargs) -> None:
    """Receiver for Wagtail's page_published / page_unpublished signals."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def request_is_anonymous_and_impersonal(request, query_prefixes=()) -> bool:
    """Nothing personal, and a query string the page understands (so that made-up query strings
    cannot fill the cache)."""
    return (
        all(key.startswith(query_prefixes) for key in request.GET)
        if query_prefixes
        else not request.GET
    ) and (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and not getattr(request, "is_preview", False)
        and request.session.is_empty()
        and "messages" not in request.COOKIES
    )


class AnonymousPageCacheMixin:
    """For Page subclasses: cache the rendered page for anonymous readers."""

    anonymous_cache_seconds = 15 * 60
    # Query parameters that change what an anonymous reader sees (e.g. a fact-check answer).
    anonymous_cache_query_prefixes: tuple[str, ...] = ()

    def anonymous_cache_key(self, request) -> str:
        address = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
        return ":".join(
            [
                "page",
                str(self.pk),
                str(content_version()),
                translation.get_language() or "",
                getattr(request, "uzbek_script", ""),  # the Cyrillic UI catalogue differs
                request.get_host(),
                address,
            ]
        )

    def serve(self, request, *args, **kwargs):
        if not request_is_anonymous_and_impersonal(request, self.anonymous_cache_query_prefixes):
            response = super().serve(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response
        key = self.anonymous_cache_key(request)
        html = cache.get(key)
        if html is None:
            request.is_preview = False
            context = self.get_context(request, *args, **kwargs)
            context["csrf_token"] = CSRF_PLACEHOLDER
            template = self.get_template(request, *args, **kwargs)
            html = render_to_string(template, context, request=request)
            cache.set(key, html, self.anonymous_cache_seconds)
        response = HttpResponse(html.replace(CSRF_PLACEHOLDER, get_token(request)))
        patch_cache_control(response, private=True, max_age=0)
        patch_vary_headers(response, ["Cookie"])
        return response
