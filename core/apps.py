from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site")

    def ready(self):
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .caching import content_version_bump
        from .scripts import register_language_info

        register_language_info()

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(content_version_bump, dispatch_uid=f"core.cache.{id(signal)}")
