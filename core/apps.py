from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site")

    def ready(self):
        from django.core.signals import request_finished, request_started
        from django.db.models.signals import post_delete, post_save
        from django.urls import register_converter
        from wagtail.signals import (
            page_published,
            page_unpublished,
            post_page_move,
            published,
            unpublished,
        )

        from .cache_invalidation import content_saved
        from .caching import content_version_bump
        from .parsing import IdConverter
        from .richtext import request_store_close, request_store_open
        from .scripts import register_language_info

        register_language_info()
        register_converter(IdConverter, "id")

        # The anonymous page cache (core/caching.py): publishing a page or a snippet, or saving
        # anything pages show, makes every stored page stale.
        for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
            signal.connect(content_version_bump, dispatch_uid=f"core.cache.{id(signal)}")
        for signal in (post_save, post_delete):
            signal.connect(content_saved, dispatch_uid=f"core.cache.saved.{id(signal)}")
        # Rich-text page links: one store of addresses per request (core/richtext.py).
        request_started.connect(request_store_open, dispatch_uid="core.richtext.open")
        request_finished.connect(request_store_close, dispatch_uid="core.richtext.close")
