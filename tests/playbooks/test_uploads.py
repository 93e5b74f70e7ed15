"""Template uploads are accepted by content, not by name, and within the size limit."""

import io
import zipfile

import pytest
from django.test import override_settings
from django.urls import reverse

from playbooks import uploads
from playbooks.models import TemplateProposal

from .conftest import docx_bytes, in_uzbek, odt_bytes, upload, xlsx_bytes

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def zip_with(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("plan.docx", docx_bytes(), "docx"),
        ("plan.odt", odt_bytes(), "odt"),
        ("plan.xlsx", xlsx_bytes(), "xlsx"),
        ("plan.pdf", PDF, "pdf"),
        ("PLAN.DOCX", docx_bytes(), "docx"),
    ],
)
def test_real_documents_are_accepted(name, content, kind):
    assert uploads.upload_validate(upload(name, content)) == kind


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("virus.docx", b"MZ\x90\x00\x03 this is a Windows program"),
        ("page.pdf", b"<html><script>alert(1)</script></html>"),
        ("sheet.xlsx", docx_bytes()),  # a real DOCX renamed
        ("letter.docx", PDF),
        ("notes.odt", zip_with({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"})),
        ("archive.docx", zip_with({"readme.txt": b"hello"})),
        ("fake.docx", b"PK\x03\x04 not really a zip"),
    ],
)
def test_files_whose_content_does_not_match_are_rejected(name, content):
    with pytest.raises(uploads.ValidationError) as error:
        uploads.upload_validate(upload(name, content))
    assert error.value.code == "content"


@pytest.mark.parametrize("name", ["tool.exe", "page.html", "image.svg", "noextension"])
def test_other_extensions_are_rejected(name):
    with pytest.raises(uploads.ValidationError) as error:
        uploads.upload_validate(upload(name, docx_bytes()))
    assert error.value.code == "extension"


def test_size_limit_comes_from_settings():
    content = docx_bytes()
    with override_settings(MULOQOT_PLAYBOOK_UPLOAD_MAX_BYTES=len(content) - 1):
        with pytest.raises(uploads.ValidationError) as error:
            uploads.upload_validate(upload("plan.docx", content))
        assert error.value.code == "too_large"
    with override_settings(MULOQOT_PLAYBOOK_UPLOAD_MAX_BYTES=len(content)):
        assert uploads.upload_validate(upload("plan.docx", content)) == "docx"


def test_the_proposal_form_explains_a_rejected_file(client, civil_servant, template_file):
    client.force_login(civil_servant)
    url = reverse("playbooks:propose", args=[template_file.pk])
    response = client.post(
        url, {"file": upload("plan.docx", b"MZ not a document"), "note": "Better wording"}
    )
    assert response.status_code == 400
    expected = in_uzbek(str(uploads.MESSAGE_CONTENT)) % {"kind": "DOCX"}
    assert expected in response.content.decode()
    assert not TemplateProposal.objects.exists()


@override_settings(MULOQOT_PLAYBOOK_UPLOAD_MAX_BYTES=1000)
def test_the_proposal_form_explains_a_too_large_file(client, civil_servant, template_file):
    client.force_login(civil_servant)
    url = reverse("playbooks:propose", args=[template_file.pk])
    response = client.post(url, {"file": upload("plan.docx", docx_bytes()), "note": "x"})
    assert response.status_code == 400
    assert "1000" in response.content.decode() or "KB" in response.content.decode()
    assert not TemplateProposal.objects.exists()
