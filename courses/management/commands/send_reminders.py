import datetime

from django.core.management.base import BaseCommand

from courses.assignments.services import required_courses_refresh
from courses.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "Bring required courses up to date and e-mail the reminders due today: learners before "
        "the due date and once overdue, coordinators a weekly digest. Each reminder goes out "
        "once, however often this runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            help="Act as if today were this date (YYYY-MM-DD), e.g. to catch up.",
        )
        parser.add_argument(
            "--full-refresh",
            action="store_true",
            help="Recompute every learner's required courses first (after a restore or a bulk "
            "change made outside the site).",
        )

    def handle(self, *args, date=None, full_refresh=False, **options):
        if full_refresh:
            counts = required_courses_refresh()
            self.stdout.write(
                "Required courses: {created} created, {updated} updated, {deleted} removed.".format(
                    **counts
                )
            )
        counts = reminders_send(today=date)
        self.stdout.write(
            f"Reminders sent: {counts.due_soon} before the due date, {counts.overdue} overdue, "
            f"{counts.digests} coordinator digests; {counts.failed} failed."
        )
        for name, reported in counts.others.items():
            self.stdout.write(f"{name}: " + ", ".join(f"{k} {v}" for k, v in reported.items()))
        if counts.failed:
            self.stderr.write("Some e-mails failed; they will be tried again on the next run.")
