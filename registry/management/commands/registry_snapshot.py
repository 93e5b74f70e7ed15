from django.core.management.base import BaseCommand

from registry.services import snapshot_take


class Command(BaseCommand):
    help = "Archive today's register (once a day; a second run keeps the first copy)."

    def handle(self, *args, **options):
        snapshot = snapshot_take()
        self.stdout.write(f"Register of {snapshot.taken_on}: {snapshot.accounts} accounts.")
