"""Validators shared by every app's models and forms."""

import re

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

CONTROL_CHARACTERS_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")

MESSAGE_ONE_LINE = _("Write this on one line, without tabs or control characters.")

# Titles, names and labels go into e-mail subjects, file names and PDFs: a newline in a thread
# title made every notification of that thread fail. Apply to every one-line field.
one_line = RegexValidator(
    CONTROL_CHARACTERS_RE, message=MESSAGE_ONE_LINE, code="control_characters", inverse_match=True
)


def has_control_characters(value: str) -> bool:
    return bool(CONTROL_CHARACTERS_RE.search(value or ""))
