import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from certificates.records import document_check


class Command(BaseCommand):
    help = (
        "Check a certificate document saved from /certificates/verify/<code>.json offline: "
        "exit 0 when it is genuine, 1 with the reason when not."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            document = json.loads(file.read_text(encoding="utf-8"))
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error
        except ValueError as error:
            raise CommandError(f"{file} is not JSON: {error}") from error
        genuine, reason = document_check(document)
        if not genuine:
            raise CommandError(f"Not genuine: {reason}.", returncode=1)
        self.stdout.write(
            self.style.SUCCESS(
                f"Genuine: {document['code']} for {document['holder']}, {document['course']}, "
                f"issued {document['issued']}."
            )
        )
