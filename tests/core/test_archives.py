"""Issue 15, items 8 and 9: archives are checked before any member is read (playbook uploads,
user imports), and an XLSX import reads only the columns it knows and counts every row."""

import io
import time
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from accounts.importing import UserImportError, users_import
from accounts.models import User
from core.archives import MESSAGE_ARCHIVE, ArchiveRefused, member_read, zip_open_checked
from playbooks import uploads

pytestmark = pytest.mark.django_db


def zip_bytes(members: dict[str, bytes], *, stored: tuple = ()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data, zipfile.ZIP_STORED if name in stored else None)
    return buffer.getvalue()


BOMB = zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text" + b" " * 50_000_000})


def test_an_inflating_member_is_refused_before_it_is_read():
    assert len(BOMB) < 100_000
    with pytest.raises(ArchiveRefused) as refused:
        zip_open_checked(io.BytesIO(BOMB))
    assert refused.value.code == "archive_bomb"


def test_too_many_members_are_refused():
    many = zip_bytes({f"part{n}.xml": b"<x/>" for n in range(30)})
    with pytest.raises(ArchiveRefused):
        zip_open_checked(io.BytesIO(many), max_members=20)


def test_member_read_reads_no_more_than_asked():
    with zip_open_checked(io.BytesIO(zip_bytes({"a": b"x" * 1000}))) as archive:
        assert member_read(archive, "a", max_bytes=10) is None
        assert member_read(archive, "a", max_bytes=1000) == b"x" * 1000
        assert member_read(archive, "missing", max_bytes=10) is None


def test_an_odt_bomb_upload_is_refused_quickly_with_a_message():
    started = time.monotonic()
    with pytest.raises(ValidationError) as refused:
        uploads.upload_validate(SimpleUploadedFile("plan.odt", BOMB))
    assert time.monotonic() - started < 2
    assert refused.value.code == "archive_bomb"


def test_a_zip_with_only_content_types_is_not_a_docx():
    fake = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/readme.txt": b"hello"})
    with pytest.raises(ValidationError) as refused:
        uploads.upload_validate(SimpleUploadedFile("plan.docx", fake))
    assert refused.value.code == "content"


def test_an_xlsx_import_bomb_is_refused(organizations):
    bomb = zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/big.xml": b" " * 50_000_000})
    with pytest.raises(UserImportError) as refused:
        users_import(file_name="staff.xlsx", content=bomb)
    assert refused.value.errors[0].message == str(MESSAGE_ARCHIVE)
    assert not User.objects.exists()


def xlsx_with_dimension(rows, dimension: str) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                start = data.index(b"<dimension ref=")
                end = data.index(b"/>", start)
                data = data[:start] + f'<dimension ref="{dimension}"'.encode() + data[end:]
            target.writestr(item, data)
    return out.getvalue()


def test_an_xlsx_declaring_a_huge_dimension_is_read_quickly(organizations):
    content = xlsx_with_dimension(
        [
            ["full_name", "email", "organization_code"],
            ["Karimov Bahodir", "bahodir@chirchiq.uz", "chirchiq"],
        ],
        "A1:XFD20000",
    )
    started = time.monotonic()
    [user] = users_import(file_name="staff.xlsx", content=content)
    assert time.monotonic() - started < 3
    assert user.email == "bahodir@chirchiq.uz"


def test_blank_rows_count_against_the_limit(organizations, settings):
    settings.MULOQOT_IMPORT_MAX_ROWS = 5
    content = ("full_name,email,organization_code\n" + "\n" * 20).encode()
    with pytest.raises(UserImportError) as refused:
        users_import(file_name="staff.csv", content=content)
    assert "5" in refused.value.errors[0].message
