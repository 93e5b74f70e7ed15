import json

from django.core.management.base import BaseCommand, CommandError

from outcomes.report import paired_csv, report_build
from outcomes.selectors import measured_course_get


class Command(BaseCommand):
    help = (
        "The outcomes report of a measured course: JSON (the figures, cells under 10 people "
        "hidden) or CSV (anonymised paired scores)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--course", required=True, help="The measured course's key.")
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument(
            "--simulated", action="store_true", help="Report the simulated demo cohort instead."
        )

    def handle(self, *args, course, format, simulated, **options):
        measured = measured_course_get(course)
        if measured is None:
            raise CommandError(f"No measured course with the key {course!r}.")
        if format == "csv":
            self.stdout.write(paired_csv(measured, simulated=simulated), ending="")
        else:
            report = report_build(measured, simulated=simulated)
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
