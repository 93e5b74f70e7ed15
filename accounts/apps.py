from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and organisations")
    default = True


class MuloqotUsersAppConfig(WagtailUsersAppConfig):
    """wagtail.users with forms for our user model (one full-name field, language, script)."""

    user_viewset = "accounts.viewsets.UserViewSet"
