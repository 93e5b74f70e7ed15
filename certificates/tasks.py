import logging

from django.core.exceptions import ValidationError
from django_tasks import task

from courses.models import Enrolment

from .models import Certificate
from .services import certificate_issue

logger = logging.getLogger(__name__)


@task()
def certificate_issue_task(enrolment_id: int) -> str | None:
    """Issue the certificate for a completed enrolment, then render its PDF."""
    enrolment = Enrolment.objects.select_related("user").filter(pk=enrolment_id).first()
    if enrolment is None:
        return None
    try:
        certificate = certificate_issue(enrolment=enrolment)
    except ValidationError as error:
        logger.info("No certificate for enrolment %s: %s", enrolment_id, error.messages[0])
        return None
    if not certificate.pdf:
        certificate_render_task.enqueue(certificate.pk)
    return certificate.code


@task()
def certificate_render_task(certificate_id: int) -> None:
    from .rendering import certificate_pdf_store  # noqa: PLC0415 - WeasyPrint (~0.5 s to import) only where a PDF is made

    certificate = Certificate.objects.filter(pk=certificate_id).first()
    if certificate is not None:
        certificate_pdf_store(certificate)
