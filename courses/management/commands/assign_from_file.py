"""Assign a course to the people a CSV or XLSX file lists (by e-mail address or personnel
number), with one due date; every row is checked first and nothing is written unless all are
good.

    manage.py assign_from_file people.xlsx --course 40 --organisation ministry-of-digital \\
        --due 2027-03-31
"""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.models import Organization
from core.table_import import TableImportError
from courses.assignments.importing import assignments_import
from courses.models import CoursePage


class Command(BaseCommand):
    help = "Assign a course to the people listed in a CSV/XLSX file (all rows or none)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the .csv or .xlsx file")
        parser.add_argument("--course", type=int, required=True, help="course page id")
        parser.add_argument(
            "--organisation",
            "--organization",
            dest="organisation",
            required=True,
            help="code of the organisation whose subtree the people work in",
        )
        parser.add_argument("--due", required=True, help="due date, YYYY-MM-DD")

    def handle(self, *args, path, course, organisation, due, **options):
        target = CoursePage.objects.filter(pk=course).first()
        if target is None:
            raise CommandError(f"No course with id {course}.")
        organization = Organization.objects.filter(code=organisation).first()
        if organization is None:
            raise CommandError(f"No organisation has the code {organisation}.")
        try:
            due_on = datetime.date.fromisoformat(due)
        except ValueError as exc:
            raise CommandError(f"The due date {due!r} is not a date like 2027-03-31.") from exc
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No file at {path}.")
        try:
            result = assignments_import(
                course=target,
                organization=organization,
                due_on=due_on,
                file_name=file.name,
                content=file.read_bytes(),
            )
        except TableImportError as exc:
            raise CommandError(f"Nothing was assigned.\n{exc}") from exc
        self.stdout.write(
            f"Assigned {target} to {result.people} people, due {due_on.isoformat()}"
            f" ({result.earlier_due} keep an earlier due date from another assignment)."
        )
