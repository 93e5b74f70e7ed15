from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and organisations")
    default = True

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group, Permission
        from django.db.models.signals import m2m_changed, post_delete

        from .backends import permissions_version_bump

        # Cached permission sets (accounts.backends) go stale with any of these.
        user_model = get_user_model()
        for through in (
            user_model.groups.through,
            user_model.user_permissions.through,
            Group.permissions.through,
        ):
            m2m_changed.connect(
                permissions_version_bump, sender=through, dispatch_uid=f"perms-{through}"
            )
        # (A deleted user's id may be given again on SQLite: their set must not outlive them.)
        for model in (Group, Permission, user_model):
            post_delete.connect(
                permissions_version_bump, sender=model, dispatch_uid=f"perms-del-{model}"
            )


class MuloqotUsersAppConfig(WagtailUsersAppConfig):
    """wagtail.users with forms for our user model (one full-name field, language, script)."""

    user_viewset = "accounts.viewsets.UserViewSet"
