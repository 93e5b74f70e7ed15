from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.importing import UserImportError, users_import


class Command(BaseCommand):
    help = (
        "Import civil servants from a CSV or XLSX file (columns: full_name, email, "
        "organization_code, position_title, coordinator, language). All rows are checked "
        "first; if any is bad nothing is written. Each person gets an invitation e-mail."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="path to a .csv or .xlsx file")

    def handle(self, *args, file: Path, **options):
        try:
            content = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from exc
        try:
            created = users_import(file_name=file.name, content=content)
        except UserImportError as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"Nothing was imported: {len(exc.errors)} problem(s) in {file.name}."
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {len(created)} {'person' if len(created) == 1 else 'people'}; "
                "invitations are queued."
            )
        )
