"""Admin menu items shown only to the people who may use what they open."""

from collections.abc import Callable

from wagtail.admin.menu import MenuItem


class PermissionMenuItem(MenuItem):
    """A menu item shown to users who hold ``permission`` or for whom ``shown_to(user)`` is true.

    Give exactly one of the two: a permission codename (``"app.codename"``) for the common case,
    a predicate where the rule is an app's own (e.g. ``playbooks.rules.user_is_trainer``).
    """

    def __init__(
        self,
        *args,
        permission: str | None = None,
        shown_to: Callable[..., bool] | None = None,
        **kwargs,
    ):
        if (permission is None) == (shown_to is None):
            raise TypeError("PermissionMenuItem needs exactly one of permission or shown_to.")
        self.permission = permission
        self.shown_to = shown_to
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        if self.shown_to is not None:
            return self.shown_to(request.user)
        return request.user.has_perm(self.permission)
