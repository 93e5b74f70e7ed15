import datetime
import logging

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from courses.models import Enrolment

from .models import Certificate, CertificateArchive
from .services import certificate_issue

logger = logging.getLogger(__name__)

# A render queued longer ago than this is taken as lost (a worker died): it may be queued again.
RENDER_STALE_AFTER = datetime.timedelta(hours=1)


def certificate_render_request(certificate_id: int) -> bool:
    """Queue one PDF render for the certificate unless one is already waiting (True if queued).

    The claim is one conditional UPDATE, so many requests at once (script switches, re-renders
    of a template) still queue a single task; the task releases the claim when it starts, so a
    change made during a render is rendered again."""
    now = timezone.now()
    claimed = (
        Certificate.objects.filter(pk=certificate_id, revoked_at__isnull=True)
        .filter(
            Q(pdf_render_queued_at__isnull=True)
            | Q(pdf_render_queued_at__lt=now - RENDER_STALE_AFTER)
        )
        .update(pdf_render_queued_at=now)
    )
    if claimed:
        certificate_render_task.enqueue(certificate_id)
    return bool(claimed)


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
        certificate_render_request(certificate.pk)
    return certificate.code


@task()
def certificate_render_task(certificate_id: int) -> None:
    from .rendering import certificate_pdf_store  # noqa: PLC0415 - WeasyPrint (~0.5 s to import) only where a PDF is made

    Certificate.objects.filter(pk=certificate_id).update(pdf_render_queued_at=None)
    certificate = Certificate.objects.filter(pk=certificate_id).first()
    if certificate is not None:
        certificate_pdf_store(certificate)


@task()
def certificate_archive_task(archive_id: int) -> None:
    """Build a coordinator's ZIP of certificates; a failure is recorded for them to see."""
    from .archives import archive_build  # noqa: PLC0415 - keeps the import graph one-way

    archive = (
        CertificateArchive.objects.select_related("requested_by", "organization")
        .filter(pk=archive_id, status=CertificateArchive.Status.QUEUED)
        .first()
    )
    if archive is None:
        return
    try:
        archive_build(archive)
    except Exception:
        logger.exception("Certificate archive %s failed", archive_id)
        CertificateArchive.objects.filter(pk=archive_id).update(
            status=CertificateArchive.Status.FAILED, finished_at=timezone.now()
        )
