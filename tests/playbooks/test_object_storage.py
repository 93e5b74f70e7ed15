"""Playbook template files in S3-compatible object storage: a proposal uploaded by a learner, read
back by the trainer who publishes it, and every download (the proposal, the published version,
the Wagtail document) go through the storage API, never the local disk."""

import pytest
from django.urls import reverse

from playbooks.models import TemplateProposal
from tests import object_storage

from .conftest import docx_bytes, odt_bytes, read_all, upload

pytestmark = pytest.mark.django_db
s3 = object_storage.s3


def test_templates_and_proposals_live_in_the_bucket(
    s3, client, settings, template_file, civil_servant, colleague, trainer
):
    first = template_file.versions.get()
    assert first.document.file.name in object_storage.bucket_keys(s3)

    client.force_login(civil_servant)
    response = client.post(
        reverse("playbooks:propose", args=[template_file.pk]),
        {"file": upload("rapid-plan-v2.odt", odt_bytes()), "note": "Added a column for reach."},
    )
    assert response.status_code == 302
    proposal = TemplateProposal.objects.get()
    assert object_storage.bucket_read(s3, proposal.file.name) == odt_bytes()
    download = client.get(reverse("playbooks:proposal_download", args=[proposal.pk]))
    assert download.status_code == 200
    assert read_all(download) == odt_bytes()
    client.force_login(colleague)
    assert client.get(reverse("playbooks:proposal_download", args=[proposal.pk])).status_code == 404

    client.force_login(trainer)
    response = client.post(
        reverse("playbooks_proposal_review", args=[proposal.pk]),
        {"action": "publish", "label": "1.1", "change_note": "A column for the post's reach."},
    )
    assert response.status_code == 302
    version = template_file.versions.first()
    assert object_storage.bucket_read(s3, version.document.file.name) == odt_bytes()

    client.logout()
    for item, content in ((version, odt_bytes()), (first, docx_bytes())):
        response = client.get(reverse("playbooks:download", args=[item.pk]))
        assert response.status_code == 200
        assert read_all(response) == content
    # The Wagtail document's own address (served by Django, WAGTAILDOCS_SERVE_METHOD).
    response = client.get(first.document.url)
    assert response.status_code == 200
    assert read_all(response) == docx_bytes()
    assert not any(settings.MEDIA_ROOT.rglob("*"))
