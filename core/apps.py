from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site")

    def ready(self):
        from django.urls import register_converter
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .caching import content_version_bump
        from .parsing import IdConverter
        from .scripts import register_language_info

        register_language_info()
        register_converter(IdConverter, "id")

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(content_version_bump, dispatch_uid=f"core.cache.{id(signal)}")
