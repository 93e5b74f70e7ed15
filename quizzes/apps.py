from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.signals import published, unpublished

from core.caching import content_version_bump

from .signals import attempt_started


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = _("Quizzes")

    def ready(self):
        # Models (and tasks, which use them) can be imported only once the apps are loaded.
        from allauth.account.signals import user_signed_up
        from django.contrib.auth.signals import user_logged_in

        from . import tasks
        from .claims import claim_on_sign_in
        from .models import Attempt, Quiz

        # Lessons that embed a quiz are cached for anonymous readers: refresh them when it changes.
        published.connect(content_version_bump, sender=Quiz, dispatch_uid="quizzes.cache.published")
        unpublished.connect(
            content_version_bump, sender=Quiz, dispatch_uid="quizzes.cache.unpublished"
        )
        # A timed attempt is submitted when its time runs out, even if the learner never returns.
        attempt_started.connect(
            tasks.attempt_expiry_schedule, sender=Attempt, dispatch_uid="quizzes.attempt_expiry"
        )
        # A visitor's attempts (a public course's test) become the account's at sign-in/sign-up.
        user_logged_in.connect(claim_on_sign_in, dispatch_uid="quizzes.claim.login")
        user_signed_up.connect(claim_on_sign_in, dispatch_uid="quizzes.claim.signup")
