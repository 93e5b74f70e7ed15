"""A per-user fixed-window limit on consultation posts (``core.ratelimit``'s counter)."""

from django.conf import settings

from core import ratelimit


def post_rate_hit(*, user, now: float | None = None) -> bool:
    """Count one post for ``user``; False when this post would exceed the limit."""
    return ratelimit.hit(
        "playbooks:posts",
        user.pk,
        limit=settings.MULOQOT_PLAYBOOK_POSTS_PER_WINDOW,
        window_seconds=settings.MULOQOT_PLAYBOOK_POST_WINDOW_SECONDS,
        now=now,
    )
