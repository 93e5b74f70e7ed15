"""Files in S3-compatible object storage, as production keeps them when a bucket is configured:
certificate PDFs (rendered with images read from the bucket), coordinators' ZIP archives, and
their downloads go through the storage API only, never a path on the local disk, so any instance
serves what any worker wrote. S3 is moto's, in process; STORAGES are the settings' own."""

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from wagtail.images import get_image_model

from accounts.models import Employment
from certificates.models import CertificateArchive
from certificates.rendering import certificate_pdf_store
from certificates.services import certificate_issue
from courses.models import Enrolment
from tests import object_storage
from tests.core.test_settings import run_python

pytestmark = pytest.mark.django_db
s3 = object_storage.s3
keys, read = object_storage.bucket_keys, object_storage.bucket_read


def local_files(settings, private_root) -> list:
    return [p for root in (settings.MEDIA_ROOT, private_root) for p in root.rglob("*")]


def png(name: str):
    buffer = io.BytesIO()
    Image.new("RGB", (300, 100), "#1a237e").save(buffer, "PNG")
    return ImageFile(buffer, name=name)


def test_the_settings_put_private_files_under_a_private_prefix():
    bucket_storages = object_storage.bucket_storages()
    assert bucket_storages["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    private = bucket_storages["private"]
    assert private["BACKEND"] == "storages.backends.s3.S3Storage"
    assert private["OPTIONS"]["location"] == "private"
    assert private["OPTIONS"]["default_acl"] == "private"
    assert private["OPTIONS"]["bucket_name"] == object_storage.BUCKET


def test_the_pdf_is_rendered_into_the_bucket_and_its_owner_downloads_it(
    s3, client, completed, certificate_template, make_user, settings, private_root
):
    certificate_template.signature_image = get_image_model().objects.create(
        title="Imzo", file=png("imzo.png")
    )
    certificate_template.save()
    certificate = certificate_issue(enrolment=completed)
    certificate_pdf_store(certificate)  # what the render task does on a worker
    certificate.refresh_from_db()

    key = f"private/{certificate.pdf.name}"
    assert key in keys(s3)
    stored = read(s3, key)
    assert stored.startswith(b"%PDF-")
    # The signature was read from the bucket: its original and the rendition the PDF uses.
    assert any(k.startswith("original_images/imzo") for k in keys(s3))
    assert any(k.startswith("images/imzo") for k in keys(s3))
    assert local_files(settings, private_root) == []

    url = reverse("certificates:download", args=[certificate.uuid])
    client.force_login(make_user("someone"))
    assert client.get(url).status_code == 404
    client.force_login(certificate.user)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored
    assert response["Content-Disposition"] == f'attachment; filename="{certificate.code}.pdf"'


def test_rendering_again_replaces_the_object(s3, completed):
    certificate = certificate_issue(enrolment=completed)
    certificate.pdf.save("first.pdf", ContentFile(b"%PDF-1.7 old"))
    first = f"private/{certificate.pdf.name}"
    certificate_pdf_store(certificate)
    certificate.refresh_from_db()
    assert keys(s3) == [f"private/{certificate.pdf.name}"]
    assert first not in keys(s3)


def test_a_coordinators_archive_is_built_in_and_downloaded_from_the_bucket(
    s3, client, make_user, course, organizations, region_coordinator, settings, private_root
):
    learner = make_user("aziz", full_name="Aziz")
    Employment.objects.create(user=learner, organization=organizations["chirchiq"])
    now = timezone.now()
    certificate = certificate_issue(
        enrolment=Enrolment.objects.create(
            user=learner, course=course, enrolled_at=now, completed_at=now
        )
    )
    certificate.pdf.save("ignored.pdf", ContentFile(b"%PDF-1.7 Aziz"))

    client.force_login(region_coordinator)
    response = client.post(
        "/admin/certificates/archives/", {"organization": organizations["chirchiq"].pk}
    )
    assert response.status_code == 302
    archive = CertificateArchive.objects.get()
    assert archive.status == CertificateArchive.Status.READY  # test settings run tasks at once
    assert f"private/{archive.file.name}" in keys(s3)
    assert local_files(settings, private_root) == []

    response = client.get(reverse("certificates_archive_download", args=[archive.pk]))
    assert response.status_code == 200
    zipped = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert zipped.read(f"{certificate.code}.pdf") == b"%PDF-1.7 Aziz"


def test_nginx_accel_prefix_with_a_bucket_is_refused():
    """X-Accel-Redirect points nginx at the local disk, where a bucket's files never are."""
    result = run_python(
        object_storage.PRINT_STORAGES,
        "muloqot.settings.dev",
        AWS_STORAGE_BUCKET_NAME=object_storage.BUCKET,
        PRIVATE_ACCEL_PREFIX="/_private/",
    )
    assert result.returncode != 0
    assert "PRIVATE_ACCEL_PREFIX serves files from the local disk" in result.stderr
