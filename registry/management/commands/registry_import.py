from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from registry.importing import registry_import


class Command(BaseCommand):
    help = (
        "Load official accounts from a CSV file (organisation_code,network,url,name,kind): "
        "all rows or none; errors name their line."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--editor", help="username recorded as the verifier")
        parser.add_argument("--note", default="", help="e.g. the list's source document")

    def handle(self, *args, file, editor=None, note="", **options):
        verifier = None
        if editor:
            verifier = User.objects.filter(username=editor).first()
            if verifier is None:
                raise CommandError(f"No user {editor}.")
        try:
            with open(file, encoding="utf-8-sig") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        result = registry_import(text, editor=verifier, note=note)
        if result.errors:
            raise CommandError("Nothing imported.\n" + "\n".join(result.errors))
        self.stdout.write(f"Imported {len(result.created)} accounts.")
