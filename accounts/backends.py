"""Permission sets kept in the shared cache between requests.

Django's ModelBackend keeps a user's permissions on the user object, that is for one request:
every request that asks ``has_perm`` (the quiz pages ask whether the reader is staff) runs two
queries, the user's and their groups' permissions. ``CachedPermissionBackend`` keeps the set in
the cache (Redis in production) under a key that changes whenever any permission assignment
changes: a user's groups or own permissions, a group's permissions, a group or permission
deleted (receivers in ``accounts.apps``). A change therefore takes effect on the next request,
as with ModelBackend; only the unchanged sets are reused.
"""

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

from core.caching import cache_version, cache_version_bump

VERSION_KEY = "accounts:permissions-version"
SECONDS = 3600


def permissions_version_bump(**kwargs) -> None:
    """Any permission assignment changed: every cached set is stale."""
    cache_version_bump(VERSION_KEY)


class CachedPermissionBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            key = (
                f"accounts:permissions:{cache_version(VERSION_KEY)}:{user_obj.pk}:"
                f"{int(user_obj.is_superuser)}"
            )
            permissions = cache.get(key)
            if permissions is None:
                permissions = super().get_all_permissions(user_obj)
                cache.set(key, permissions, SECONDS)
            user_obj._perm_cache = set(permissions)
        return user_obj._perm_cache
