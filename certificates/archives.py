"""ZIP archives of certificates for coordinators: who may ask, which certificates an archive
holds, and building it (run by certificates.tasks.certificate_archive_task).

Scope follows the compliance report: a coordinator sees the people whose current employment is
in a subtree they coordinate (accounts.roles), a superuser everyone. An archive holds the
certificates of a course and/or an organisation subtree; a coordinator's archive never reaches
outside their own subtrees, even without an organisation chosen.
"""

import csv
import io
import logging
import shutil
import tempfile
import zipfile

from django.core.files import File
from django.db.models import Prefetch, Q
from django.utils import timezone

from accounts.models import Employment, Organization
from accounts.roles import coordinated_root_list
from core.exports import spreadsheet_cells

from .models import Certificate, CertificateArchive
from .records import verify_url

logger = logging.getLogger(__name__)

CSV_HEADER = (
    "code",
    "holder",
    "organisation",
    "course",
    "issued",
    "expires",
    "status",
    "verification_url",
)


def user_may_request_archives(user) -> bool:
    """Superusers and coordinators (anyone who coordinates an organisation)."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or bool(coordinated_root_list(user))


def _holders_in_q(organizations: list[Organization]) -> Q:
    """Certificates whose holder currently works in one of the organisations' subtrees."""
    q = Q(pk__in=[])
    for organization in organizations:
        q |= Q(organization__path__startswith=organization.path)
    return Q(user__employments__in=Employment.objects.current().filter(q))


def archive_certificates(archive: CertificateArchive):
    """The certificates the archive holds, oldest first, with what the index needs loaded."""
    certificates = Certificate.objects.all()
    if archive.course_id is not None:
        certificates = certificates.filter(course_id=archive.course_id)
    requester = archive.requested_by
    if archive.organization is not None:
        certificates = certificates.filter(_holders_in_q([archive.organization]))
    elif not requester.is_superuser:
        certificates = certificates.filter(_holders_in_q(coordinated_root_list(requester)))
    if not requester.is_superuser:
        # Even a chosen organisation must lie within the requester's subtrees today.
        certificates = certificates.filter(_holders_in_q(coordinated_root_list(requester)))
    ids = certificates.values("pk")
    return (
        Certificate.objects.filter(pk__in=ids)
        .prefetch_related(
            Prefetch(
                "user__employments",
                queryset=Employment.objects.current().select_related("organization"),
                to_attr="current_employments",
            )
        )
        .select_related("user")
        .order_by("issued_on", "pk")
    )


def _index_row(certificate: Certificate, today) -> list:
    organisations = "; ".join(
        sorted(employment.organization.name for employment in certificate.user.current_employments)
    )
    return [
        certificate.code,
        certificate.holder_name,
        organisations,
        certificate.course_title,
        certificate.issued_on,
        certificate.expires_on,
        certificate.status_on(today),
        verify_url(certificate),
    ]


def archive_build(archive: CertificateArchive) -> CertificateArchive:
    """Write the ZIP (PDFs named <code>.pdf, index.csv) into a temporary file, then store it.

    Revoked certificates are listed in the index but their PDF is left out. The ZIP is written
    to disk as it goes, so a large archive does not sit in memory."""
    today = timezone.localdate()
    count = 0
    with tempfile.TemporaryFile() as spool:
        with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as zip_file:
            with zip_file.open("index.csv", "w") as raw:
                # utf-8-sig: a byte-order mark, so that Excel reads the names as UTF-8.
                text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
                writer = csv.writer(text)
                writer.writerow(CSV_HEADER)
                certificates = list(archive_certificates(archive))
                for row in spreadsheet_cells(_index_row(c, today) for c in certificates):
                    writer.writerow(row)
                    count += 1
                text.flush()
                text.detach()
            for certificate in certificates:
                if certificate.revoked_at is not None or not certificate.pdf:
                    continue
                try:
                    source = certificate.pdf.open("rb")
                except FileNotFoundError:
                    logger.warning("PDF of certificate %s is missing", certificate.code)
                    continue
                with source, zip_file.open(f"{certificate.code}.pdf", "w") as target:
                    shutil.copyfileobj(source, target)
        spool.seek(0)
        archive.file.save("archive.zip", File(spool), save=False)
    archive.row_count = count
    archive.status = CertificateArchive.Status.READY
    archive.finished_at = timezone.now()
    archive.save(update_fields=["file", "row_count", "status", "finished_at"])
    return archive


def archive_request(*, user, course=None, organization=None) -> CertificateArchive:
    """Record the request and queue the build (after the transaction commits)."""
    from .tasks import certificate_archive_task  # noqa: PLC0415 - tasks import this module

    archive = CertificateArchive.objects.create(
        requested_by=user, course=course, organization=organization
    )
    certificate_archive_task.enqueue(archive.pk)
    archive.refresh_from_db()
    return archive


def archive_list_for_user(user):
    return CertificateArchive.objects.filter(requested_by=user).select_related(
        "course", "organization"
    )
