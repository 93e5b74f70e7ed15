"""Template uploads are checked by core.uploads (shared with the evidence of training
completions); the names playbooks use are kept here."""

from django.core.exceptions import ValidationError

from core.uploads import (
    ALLOWED_EXTENSIONS,
    CONTENT_TYPES,
    MESSAGE_CONTENT,
    MESSAGE_EMPTY,
    MESSAGE_EXTENSION,
    MESSAGE_TOO_LARGE,
    extension_of,
    sniff_kind,
    upload_max_bytes,
    upload_validate,
)

__all__ = [
    "ALLOWED_EXTENSIONS",
    "CONTENT_TYPES",
    "MESSAGE_CONTENT",
    "MESSAGE_EMPTY",
    "MESSAGE_EXTENSION",
    "MESSAGE_TOO_LARGE",
    "ValidationError",
    "extension_of",
    "sniff_kind",
    "upload_max_bytes",
    "upload_validate",
]
