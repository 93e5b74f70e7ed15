"""Every file storage on an S3 bucket (moto's, in process), configured by the settings' own
bucket branch (read once in a fresh interpreter): tests import the `s3` fixture by name."""

import functools
import json

import boto3
import pytest
from django.core.files.storage import storages
from moto import mock_aws

from certificates.models import Certificate, CertificateArchive
from tests.core.test_settings import run_python

BUCKET = "muloqot-test"
PRINT_STORAGES = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps(s.STORAGES, default=str))"
)


@functools.cache
def bucket_storages() -> dict:
    """STORAGES as the settings build them when AWS_STORAGE_BUCKET_NAME is set."""
    result = run_python(
        PRINT_STORAGES,
        "muloqot.settings.dev",
        AWS_STORAGE_BUCKET_NAME=BUCKET,
        AWS_S3_REGION_NAME="us-east-1",
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def s3(settings, monkeypatch, tmp_path):
    """The bucket's S3 client. MEDIA_ROOT points at an empty directory that must stay empty."""
    settings.MEDIA_ROOT = tmp_path / "local-media"
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket=BUCKET)
        settings.STORAGES = {**bucket_storages(), "staticfiles": settings.STORAGES["staticfiles"]}
        # Fields with their own storage bound it when the model was built.
        for model, name in ((Certificate, "pdf"), (CertificateArchive, "file")):
            monkeypatch.setattr(model._meta.get_field(name), "storage", storages["private"])
        yield client


def bucket_keys(client) -> list[str]:
    return [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def bucket_read(client, key: str) -> bytes:
    return client.get_object(Bucket=BUCKET, Key=key)["Body"].read()
