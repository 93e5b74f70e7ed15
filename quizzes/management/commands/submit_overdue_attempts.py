from django.core.management.base import BaseCommand

from quizzes.attempts import attempts_submit_overdue


class Command(BaseCommand):
    help = "Submit the quiz attempts whose time limit (plus grace) has run out."

    def handle(self, *args, **options):
        count = attempts_submit_overdue()
        self.stdout.write(f"{count} overdue attempts submitted.")
