"""Fixed-window rate limits counted in the shared cache (Redis in production, locmem in tests).

One counter per scope, identity and window: ``hit("verify", client_ip(request), limit=30,
window_seconds=60)`` counts one request and answers False once the window's limit is passed.
Apps use it for public endpoints (certificate verification, the register's check), preference
switches and posting; the caller turns a refusal into a 429 page.
"""

import functools
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _


def _key(scope: str, ident: str, window_seconds: int, now: float) -> tuple[str, int]:
    window = int(now // window_seconds)
    return f"ratelimit:{scope}:{ident}:{window}", window_seconds - int(now % window_seconds)


def hit(scope: str, ident, *, limit: int, window_seconds: int, now: float | None = None) -> bool:
    """Count one request of ``ident`` in ``scope``; False when it would exceed ``limit``."""
    key, remaining = _key(scope, str(ident), window_seconds, time.time() if now is None else now)
    # add() creates the counter atomically with its expiry; incr() is atomic on Redis and locmem.
    cache.add(key, 0, timeout=remaining + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=remaining + 1)
        count = 1
    return count <= limit


def client_ip(request) -> str:
    """The client's address: the header our own proxy sets (``MULOQOT_CLIENT_IP_HEADER``, nginx's
    ``X-Real-IP`` in production) or the socket's address when the server is reached directly."""
    header = getattr(settings, "MULOQOT_CLIENT_IP_HEADER", "")
    address = request.META.get(header, "") if header else ""
    return address or request.META.get("REMOTE_ADDR", "") or "unknown"


MESSAGE_TOO_MANY = _("Too many requests. Please wait a minute and try again.")


def limit_for(scope: str, default: tuple[int, int]) -> tuple[int, int]:
    """(limit, window in seconds) of a scope: ``MULOQOT_RATE_LIMITS[scope]`` or the default."""
    return getattr(settings, "MULOQOT_RATE_LIMITS", {}).get(scope, default)


def too_many_requests(request, *, json: bool = False, retry_after: int = 60) -> HttpResponse:
    """The 429 answer, a translated page (core/templates/429.html) or a JSON error."""
    if json:
        response = JsonResponse({"error": str(MESSAGE_TOO_MANY)}, status=429)
    else:
        response = render(request, "429.html", {"message": MESSAGE_TOO_MANY}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def rate_limited(scope: str, *, default: tuple[int, int], json: bool = False):
    """A view decorator: at most ``limit`` requests per client address and window, then 429."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            limit, window = limit_for(scope, default)
            if not hit(scope, client_ip(request), limit=limit, window_seconds=window):
                return too_many_requests(request, json=json, retry_after=window)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
