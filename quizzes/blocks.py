"""The lesson block that embeds a quiz (courses add it to their lesson palette)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.models import Locale
from wagtail.snippets.blocks import SnippetChooserBlock


class QuizBlockValue(blocks.StructValue):
    def quiz_shown(self):
        """The chosen quiz in the reader's language when it has a live translation, else itself;
        None when it is not live."""
        quiz = self.get("quiz")
        if quiz is None:
            return None
        try:
            locale = Locale.get_active()
        except Locale.DoesNotExist:
            locale = None
        if locale is not None and quiz.locale_id != locale.pk:
            translated = quiz.get_translation_or_none(locale)
            if translated is not None and translated.live:
                return translated
        return quiz if quiz.live else None


class QuizBlock(blocks.StructBlock):
    quiz = SnippetChooserBlock("quizzes.Quiz", label=_("Quiz"))
    introduction = blocks.TextBlock(
        label=_("Introduction"),
        required=False,
        help_text=_("A sentence or two above the quiz; the quiz's own description when empty."),
    )

    class Meta:
        icon = "tasks"
        label = _("Quiz")
        description = _("A graded quiz from the question bank; passing it completes the lesson.")
        template = "quizzes/blocks/quiz.html"
        value_class = QuizBlockValue
        preview_value = {"introduction": "Check what you have learnt."}
