from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = _("Register of official accounts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import receivers
        from .models import Network

        post_save.connect(receivers.network_changed, sender=Network, dispatch_uid="registry_net")
        post_delete.connect(receivers.network_changed, sender=Network, dispatch_uid="registry_nd")
