from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from certificates.selectors import certificate_template_for_course
from certificates.services import certificate_issue
from certificates.tasks import certificate_render_request
from courses.models import CoursePage, Enrolment


class Command(BaseCommand):
    help = (
        "Issue certificates to everyone who completed a course and has none for this completion. "
        "Safe to run again: nobody gets a second certificate."
    )

    def add_arguments(self, parser):
        parser.add_argument("--course", type=int, required=True, help="the course page's ID")

    def handle(self, *args, course: int, **options):
        page = CoursePage.objects.filter(pk=course).first()
        if page is None:
            raise CommandError(f"No course with ID {course}.")
        if certificate_template_for_course(page) is None:
            raise CommandError(f"“{page.title}” has no certificate template.")
        issued = existing = 0
        enrolments = Enrolment.objects.filter(course=page, completed_at__isnull=False)
        for enrolment in enrolments.select_related("user").iterator():
            before = enrolment.user.certificates.filter(course=page).count()
            try:
                certificate = certificate_issue(enrolment=enrolment)
            except ValidationError as error:
                self.stderr.write(f"{enrolment.user}: {error.messages[0]}")
                continue
            if enrolment.user.certificates.filter(course=page).count() > before:
                issued += 1
            else:
                existing += 1
            if not certificate.pdf:
                certificate_render_request(certificate.pk)
        self.stdout.write(
            self.style.SUCCESS(f"{issued} issued, {existing} already had one, for “{page.title}”.")
        )
