"""Load the demo content of every app: organisations, one user per role, courses, quizzes,
certificate templates, playbooks (format of the files: demo/README.md).

Each app loads its own part in its ``demo.py`` (``core.demo.demo_loaders`` finds them, in the
order of INSTALLED_APPS). Running it twice changes nothing: every object is looked up by a natural
key first.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from core.demo import DEFAULT_PASSWORD, DemoRun, demo_loaders


class Command(BaseCommand):
    help = "Load demo organisations, users (one per role) and content. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default=DEFAULT_PASSWORD,
            help=f"Password for new demo users (default: {DEFAULT_PASSWORD}).",
        )

    @transaction.atomic
    def handle(self, *args, password, **options):
        run = DemoRun(
            directory=Path(settings.BASE_DIR) / "demo", password=password, stdout=self.stdout
        )
        for _label, load in demo_loaders():
            load(run)
        home = run.loaded.get("home")
        self.stdout.write(self.style.SUCCESS(f"Demo site ready at {home.url if home else '/'}"))
        for line in run.summary:
            self.stdout.write(line)
