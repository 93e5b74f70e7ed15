"""Where quizzes are placed: one row per (lesson, quiz) the lesson's saved body embeds.

Kept by ``courses.placements`` whenever a lesson's body is saved (publishing writes it), so that
"who may open this quiz?" is two small queries instead of reading every lesson's body.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class QuizPlacement(models.Model):
    lesson = models.ForeignKey(
        "courses.LessonPage",
        on_delete=models.CASCADE,
        related_name="quiz_placements",
        verbose_name=_("lesson"),
    )
    # The quiz's translation_key: a lesson in one language places the quiz in all of them.
    quiz_key = models.UUIDField(_("quiz"), db_index=True)

    class Meta:
        verbose_name = _("quiz placement")
        verbose_name_plural = _("quiz placements")
        constraints = [
            models.UniqueConstraint(fields=["lesson", "quiz_key"], name="quizplacement_unique")
        ]

    def __str__(self):
        return f"{self.quiz_key} @ {self.lesson_id}"
