"""A per-user fixed-window limit on consultation posts, counted in the shared cache."""

import time

from django.conf import settings
from django.core.cache import cache


def _key(user_id: int, window_seconds: int, now: float) -> tuple[str, int]:
    window = int(now // window_seconds)
    return f"playbooks:posts:{user_id}:{window}", window_seconds - int(now % window_seconds)


def post_rate_hit(*, user, now: float | None = None) -> bool:
    """Count one post for ``user``; False when this post would exceed the limit."""
    limit = settings.MULOQOT_PLAYBOOK_POSTS_PER_WINDOW
    seconds = settings.MULOQOT_PLAYBOOK_POST_WINDOW_SECONDS
    key, remaining = _key(user.pk, seconds, time.time() if now is None else now)
    # add() creates the counter atomically with its expiry; incr() is atomic on Redis and locmem.
    cache.add(key, 0, timeout=remaining + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=remaining + 1)
        count = 1
    return count <= limit
