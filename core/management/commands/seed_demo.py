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
        parser.add_argument(
            "--summary-file",
            default="",
            help="Also write the closing summary (address, logins, certificate) to this file.",
        )

    @transaction.atomic
    def handle(self, *args, password, summary_file="", **options):
        run = DemoRun(
            directory=Path(settings.BASE_DIR) / "demo", password=password, stdout=self.stdout
        )
        for _label, load in demo_loaders():
            load(run)
        summary = demo_summary(run, base_url=settings.WAGTAILADMIN_BASE_URL)
        self.stdout.write(self.style.SUCCESS(summary[0]))
        for line in summary[1:]:
            self.stdout.write(line)
        if summary_file:
            Path(summary_file).write_text("\n".join(summary) + "\n", encoding="utf-8")


def demo_summary(run: DemoRun, *, base_url: str) -> list[str]:
    """The few lines a person needs after ``make run``: where the site is (with the real port),
    who to sign in as, and a certificate code to verify. Relative addresses in the loaders'
    lines are made absolute with the base URL."""
    base = base_url.rstrip("/")
    home = run.loaded.get("home")
    lines = [
        f"Muloqot demo: {base}{home.url if home and home.url else '/'}",
        f"  admin: {base}/admin/",
    ]
    for line in run.summary:
        line = line.strip()
        if line.startswith("created "):
            continue  # the logins and the password below say it in two lines
        lines.append("  " + line.replace(" /certificates/", f" {base}/certificates/"))
    lines.append(f"  password of the demo users: {run.password}")
    return lines
