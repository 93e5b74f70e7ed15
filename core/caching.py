"""Serve pages to anonymous readers from the cache, before routing, without ever mixing up two
people.

``AnonymousPageCacheMiddleware`` sits right after ``CsrfViewMiddleware``: a hit costs at most one
cache round trip (none while the process's own copy is fresh, ``core.page_copies``) and none of
authentication, Wagtail's routing, the page's queries or its rendering.

- **Who is served from the cache:** GET requests that carry no cookie but the CSRF and script
  cookies (no session, so nobody signed in and no visitor's progress; no pending messages).
- **What is stored:** a 200 HTML response of a Wagtail page that passed its privacy check
  (``page_cache_allow``, an ``on_serve_page`` hook), with no query string unless the page
  declares it (``anonymous_cache_query_prefixes``), that left the session empty and set no
  cookie, does not say ``no-cache``/``no-store``/``private``, varies on nothing but the cookie
  and Accept-Language (both in the key), and used no CSP nonce (a stored nonce would be replayed
  to everyone; the public policy has none today, see core/csp.py).
- **The key:** scheme, host, path, query, language and Uzbek script (cookie or
  Accept-Language, ``core.scripts.request_script``): a Cyrillic reader never gets a Latin copy.
- **Forms:** the CSRF token of the reader who filled the cache is cut out of the stored copy;
  each hit gets the reader's own token (``get_token``, which also sets the cookie).
- **Invalidation:** every entry carries the content version it was made under; publishing or
  unpublishing a page or a snippet, saving or deleting a page, a snippet, a privacy setting, a
  site, an image or a document bumps the version, so the next request renders afresh (in
  another worker process, within ``MULOQOT_PAGE_CACHE_LOCAL_SECONDS``, see core/page_copies.py).
"""

from __future__ import annotations

import hashlib
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.utils import translation
from django.utils.cache import cc_delim_re, patch_cache_control

from .page_copies import copies as local_copies
from .scripts import COOKIE_NAME as SCRIPT_COOKIE
from .scripts import request_script

CSRF_PLACEHOLDER = b"muloqot-csrf-token-placeholder"
VERSION_KEY = "pages:content-version"
ENTRY_PREFIX = "pages:entry:"
DEFAULT_SECONDS = 15 * 60
HIT_HEADER = "X-Page-Cache"
# Headers a stored copy keeps; the middleware around this one (session, locale, CSRF, CSP,
# security) adds its own headers to every response, hit or miss.
_SKIPPED_HEADERS = {"content-length", "set-cookie"}
_ALLOWED_VARY = {"cookie", "accept-language"}
_MASKED_TOKEN_RE = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")


def cache_version(key: str) -> int:
    """A counter in the shared cache that names a generation of cached entries: entries keyed
    by it go stale together when it is bumped."""
    version = cache.get(key)
    if version is None:
        fresh = _fresh_version()
        cache.add(key, fresh, timeout=None)
        version = cache.get(key, fresh)
    return version


def cache_version_bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # not set yet, or evicted: start again above any version used before
        cache.set(key, _fresh_version(), timeout=None)


def _fresh_version() -> int:
    """A counter lost to eviction must not start again at a number it has already been: entries
    stored under that old number (a revoked permission, an unpublished page) would come back.
    Microseconds since the epoch are above any earlier start plus its bumps."""
    return time.time_ns() // 1000


def content_version() -> int:
    return cache_version(VERSION_KEY)


def content_version_bump(**kwargs) -> None:
    """Receiver for publishing signals: every stored page is stale from now on."""
    cache_version_bump(VERSION_KEY)
    local_copies.forget()


def cache_seconds() -> int:
    return getattr(settings, "MULOQOT_PAGE_CACHE_SECONDS", DEFAULT_SECONDS)


class AnonymousPageCacheMixin:
    """For Page subclasses: the query parameters that change what an anonymous reader sees
    (e.g. a fact-check answer), so that such addresses are cached too. Any other query string
    is never stored, so made-up query strings cannot fill the cache."""

    anonymous_cache_query_prefixes: tuple[str, ...] = ()


def page_cache_allow(request, page) -> None:
    """Called as the page is served (after its privacy check): the response may be stored."""
    if getattr(page, "anonymous_page_cache", True):
        request.page_cache_query_prefixes = getattr(page, "anonymous_cache_query_prefixes", ())


def request_is_cacheable(request) -> bool:
    """Nothing personal can be in the request: GET, and no cookie but CSRF and script."""
    return (
        request.method == "GET"
        and cache_seconds() > 0
        and all(name in (settings.CSRF_COOKIE_NAME, SCRIPT_COOKIE) for name in request.COOKIES)
    )


def page_cache_key(request) -> str:
    script = request_script(request)
    address = "|".join(
        [
            request.scheme,
            request.get_host(),
            request.path,
            request.META.get("QUERY_STRING", ""),
            translation.get_language() or "",
            script,
        ]
    )
    return ENTRY_PREFIX + hashlib.sha256(address.encode()).hexdigest()[:40]


def _query_is_declared(request) -> bool:
    prefixes = getattr(request, "page_cache_query_prefixes", None)
    if prefixes is None:
        return False
    return (
        all(key.startswith(tuple(prefixes)) for key in request.GET)
        if prefixes
        else (not request.GET)
    )


def response_is_storable(request, response) -> bool:
    if (
        response.status_code != 200
        or response.streaming
        or not response.get("Content-Type", "").startswith("text/html")
        or response.cookies
        or not _query_is_declared(request)
        or isinstance(getattr(request, "_csp_nonce", None), str)
    ):
        return False
    session = getattr(request, "session", None)
    if session is not None and (session.modified or not session.is_empty()):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    cache_control = {
        part.split("=")[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if cache_control & {"no-cache", "no-store", "private"}:
        return False
    vary = {part.strip().lower() for part in cc_delim_re.split(response.get("Vary", "")) if part}
    return vary <= _ALLOWED_VARY


def _without_csrf_token(request, content: bytes) -> tuple[bytes, bool] | None:
    """The content with every token of this reader's CSRF secret replaced by the placeholder
    (whether any was), or None when the secret itself shows and the copy cannot be shared."""
    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        return content, False
    if secret.encode() in content:
        return None
    found = False

    def replace(match):
        nonlocal found
        if _unmask_cipher_token(match.group().decode()) == secret:
            found = True
            return CSRF_PLACEHOLDER
        return match.group()

    return _MASKED_TOKEN_RE.sub(replace, content), found


class AnonymousPageCacheMiddleware:
    """Goes right after CsrfViewMiddleware (it hands each hit the reader's own token)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request_is_cacheable(request):
            return self.get_response(request)
        key = page_cache_key(request)
        version = local_copies.version()
        if version is not None:
            entry = local_copies.get(key, version)
            if entry is not None:
                return self._hit(request, entry)
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY)
        if version is None:
            version = content_version()
        local_copies.version_read(version)
        entry = found.get(key)
        if entry is not None and entry["version"] == version:
            local_copies.put(key, entry)
            return self._hit(request, entry)
        response = self.get_response(request)
        if response_is_storable(request, response):
            self._store(request, response, key, version)
        return response

    def _hit(self, request, entry) -> HttpResponse:
        content = entry["content"]
        if entry["csrf"]:
            content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
        response = HttpResponse(content)
        for name, value in entry["headers"]:
            response[name] = value
        response["Content-Length"] = str(len(content))
        response[HIT_HEADER] = "hit"
        return response

    def _store(self, request, response, key: str, version: int) -> None:
        cleaned = _without_csrf_token(request, response.content)
        if cleaned is None:
            return
        content, has_token = cleaned
        patch_cache_control(response, private=True, max_age=0)
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in _SKIPPED_HEADERS
        ]
        entry = {"version": version, "content": content, "headers": headers, "csrf": has_token}
        cache.set(key, entry, cache_seconds())
        local_copies.put(key, entry)
        response[HIT_HEADER] = "miss"
