from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from quizzes.formats.aiken import AikenExportError
from quizzes.importing import category_key, questions_export
from quizzes.models import QuestionCategory


class Command(BaseCommand):
    help = "Print a category's questions as Moodle GIFT or Aiken."

    def add_arguments(self, parser):
        parser.add_argument("--category", required=True)
        parser.add_argument("--format", choices=["gift", "aiken"], default="gift")
        parser.add_argument("--locale", default=None)

    def handle(self, *args, category: str, format: str, locale: str | None, **options):
        key = category_key(category)
        if not QuestionCategory.objects.filter(key=key).exists():
            raise CommandError(f"No category “{category}”.")
        language = Locale.objects.get(language_code=locale) if locale else None
        try:
            self.stdout.write(
                questions_export(category_key=key, format=format, locale=language), ending=""
            )
        except AikenExportError as error:
            raise CommandError(str(error)) from error
