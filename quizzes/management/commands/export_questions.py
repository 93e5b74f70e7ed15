from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from quizzes.formats.aiken import AikenExportError
from quizzes.importing import MESSAGE_NOT_EXPORTED, category_key, export_notes, questions_export
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
        notes = export_notes(category_key=key, locale=language)
        if notes:
            self.stderr.write(str(MESSAGE_NOT_EXPORTED))
            for note in notes:
                self.stderr.write(f"  {note}")
