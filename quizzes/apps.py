from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = _("Quizzes")

    def ready(self):
        from wagtail.signals import published, unpublished

        from core.caching import content_version_bump

        from .models import Quiz

        # Lessons that embed a quiz are cached for anonymous readers: refresh them when it changes.
        published.connect(content_version_bump, sender=Quiz, dispatch_uid="quizzes.cache.published")
        unpublished.connect(
            content_version_bump, sender=Quiz, dispatch_uid="quizzes.cache.unpublished"
        )
