from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from allauth.account.signals import user_signed_up
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_save

        from quizzes.signals import quiz_passed

        from . import assignment_receivers
        from .models import LessonPage
        from .receivers import (
            claim_session_progress,
            complete_lesson_on_quiz_pass,
            update_quiz_placements,
        )

        user_logged_in.connect(claim_session_progress, dispatch_uid="courses.claim.login")
        user_signed_up.connect(claim_session_progress, dispatch_uid="courses.claim.signup")
        quiz_passed.connect(complete_lesson_on_quiz_pass, dispatch_uid="courses.quiz_passed")
        assignment_receivers.connect()
        post_save.connect(
            update_quiz_placements, sender=LessonPage, dispatch_uid="courses.quiz_placements"
        )
