from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from quizzes.importing import ImportFailed, category_key, questions_import


class Command(BaseCommand):
    help = "Import questions from a Moodle GIFT or Aiken file (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--category", required=True, help="Category for questions without $CATEGORY."
        )
        parser.add_argument("--format", choices=["gift", "aiken"], default=None)
        parser.add_argument(
            "--locale", default=None, help="Language code (default: the default language)."
        )

    def handle(
        self, *args, file: Path, category: str, format: str | None, locale: str | None, **options
    ):
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        fmt = format or ("aiken" if file.suffix.lower() in (".txt", ".aiken") else "gift")
        try:
            text = file.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as error:
            raise CommandError(f"{file}: not UTF-8 text") from error
        language = Locale.objects.get(language_code=locale) if locale else None
        try:
            created = questions_import(
                text=text, format=fmt, category_key=category_key(category), locale=language
            )
        except ImportFailed as failure:
            raise CommandError(
                "Nothing was imported:\n"
                + "\n".join(f"{file}:{line}: {message}" for line, message in failure.errors)
            ) from failure
        self.stdout.write(self.style.SUCCESS(f"{len(created)} questions imported."))
