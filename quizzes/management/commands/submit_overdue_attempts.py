from django.core.management.base import BaseCommand

from quizzes.attempts import attempts_submit_overdue
from quizzes.previews import previews_delete_stale


class Command(BaseCommand):
    help = (
        "Submit the quiz attempts whose time limit (plus grace) has run out, and delete the"
        " previews older than a day."
    )

    def handle(self, *args, **options):
        count = attempts_submit_overdue()
        self.stdout.write(f"{count} overdue attempts submitted.")
        deleted = previews_delete_stale()
        self.stdout.write(f"{deleted} old previews deleted.")
