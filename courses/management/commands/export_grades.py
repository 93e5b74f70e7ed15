"""Export grades as CSV or XLSX (formula-safe), for a quiz (with per-question marks) or a
course (its quizzes' grades), optionally for one organisation's subtree.

    manage.py export_grades --quiz 12 --format xlsx
    manage.py export_grades --course 40 --organisation 3 --format csv --output grades.csv
"""

from django.core.management.base import BaseCommand, CommandError

from accounts.models import Organization
from core.exports import FORMATS, dated_filename, spreadsheet_cells, spreadsheet_write
from courses.grade_exports import course_grade_rows
from courses.models import CoursePage
from quizzes.grade_exports import quiz_grade_rows
from quizzes.models import Quiz


class Command(BaseCommand):
    help = "Export every learner's grades for a quiz or a course as CSV or XLSX."

    def add_arguments(self, parser):
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--course", type=int, help="course page id")
        target.add_argument("--quiz", type=int, help="quiz id")
        parser.add_argument(
            "--organisation",
            "--organization",
            dest="organisation",
            type=int,
            help="only learners currently employed in this organisation or below it",
        )
        parser.add_argument("--format", choices=FORMATS, default="csv")
        parser.add_argument("--output", help="file to write (default: <name>-<date>.<format>)")

    def handle(self, *args, course=None, quiz=None, organisation=None, **options):
        export_format = options["format"]
        organization = None
        if organisation is not None:
            organization = Organization.objects.filter(pk=organisation).first()
            if organization is None:
                raise CommandError(f"No organisation with id {organisation}.")
        if quiz is not None:
            target = Quiz.objects.filter(pk=quiz).first()
            if target is None:
                raise CommandError(f"No quiz with id {quiz}.")
            rows = quiz_grade_rows(quiz=target, organization=organization)
            stem = f"quiz-{quiz}-grades"
        else:
            target = CoursePage.objects.filter(pk=course).first()
            if target is None:
                raise CommandError(f"No course with id {course}.")
            rows = course_grade_rows(course=target, organization=organization)
            stem = f"course-{course}-grades"
        path = options["output"] or dated_filename(stem, export_format)
        spreadsheet_write(
            spreadsheet_cells(rows), export_format=export_format, path=path, sheet_title=stem
        )
        self.stdout.write(f"Wrote {path}")
