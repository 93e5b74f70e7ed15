"""What an uploaded office document really is, judged by its content and not only by its name
(playbooks' template files, evidence of a training completion).

DOCX and XLSX are ZIP archives with ``[Content_Types].xml`` and a ``word/`` or ``xl/`` folder; an
ODT is a ZIP whose first member ``mimetype`` holds ``application/vnd.oasis.opendocument.text``; a
PDF starts with ``%PDF-``. An upload is accepted when its extension is one of these and its
content is that same kind, and it is no larger than the caller's limit (by default
``MULOQOT_PLAYBOOK_UPLOAD_MAX_BYTES``).
"""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from core.archives import ArchiveRefused, member_read, zip_open_checked

ALLOWED_EXTENSIONS = ("docx", "odt", "xlsx", "pdf")
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "pdf": "application/pdf",
}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

MESSAGE_EXTENSION = _("Only DOCX, ODT, XLSX and PDF files can be uploaded.")
MESSAGE_CONTENT = _(
    "This file is not a real %(kind)s document: its content does not match its name. "
    "Save it again from your office program and upload that file."
)
MESSAGE_TOO_LARGE = _("The file is %(size)s; the largest allowed is %(limit)s.")
MESSAGE_EMPTY = _("The file is empty.")


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _rewind(file) -> None:
    if hasattr(file, "seek"):
        file.seek(0)


# The main part each Office Open XML kind declares in [Content_Types].xml, and where it is.
OOXML_MAIN_PARTS = {
    "docx": (
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "word/document.xml",
    ),
    "xlsx": (
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "xl/workbook.xml",
    ),
}
CONTENT_TYPES_MAX_BYTES = 64 * 1024


def sniff_kind(file) -> str | None:
    """``docx``, ``xlsx``, ``odt`` or ``pdf`` from the file's bytes, or None. Archives are
    checked (core.archives) before any member is read, and at most a few kilobytes are read."""
    _rewind(file)
    head = file.read(8)
    _rewind(file)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zip_open_checked(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = member_read(archive, "mimetype", max_bytes=len(ODT_MIMETYPE) + 8)
                if mimetype is not None and mimetype.strip() == ODT_MIMETYPE:
                    return "odt"
                return None
            if "[Content_Types].xml" in names:
                types = member_read(
                    archive, "[Content_Types].xml", max_bytes=CONTENT_TYPES_MAX_BYTES
                )
                for kind, (main_type, main_part) in OOXML_MAIN_PARTS.items():
                    if types is not None and main_type in types and main_part in names:
                        return kind
    except ArchiveRefused as refused:
        if refused.code == "archive_bomb":
            raise
        return None
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    finally:
        _rewind(file)
    return None


def upload_max_bytes() -> int:
    return settings.MULOQOT_PLAYBOOK_UPLOAD_MAX_BYTES


def upload_validate(file, *, name: str | None = None, max_bytes: int | None = None) -> str:
    """The file's kind (an extension in ALLOWED_EXTENSIONS), or a ValidationError that says why
    the file cannot be taken."""
    name = name or getattr(file, "name", "") or ""
    extension = extension_of(name)
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(MESSAGE_EXTENSION, code="extension")
    size = getattr(file, "size", None)
    if size is None:
        _rewind(file)
        size = len(file.read())
        _rewind(file)
    if size == 0:
        raise ValidationError(MESSAGE_EMPTY, code="empty")
    limit = max_bytes or upload_max_bytes()
    if size > limit:
        raise ValidationError(
            MESSAGE_TOO_LARGE,
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    if sniff_kind(file) != extension:
        raise ValidationError(MESSAGE_CONTENT, code="content", params={"kind": extension.upper()})
    return extension
