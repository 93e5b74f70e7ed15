"""Numbers and ids from a request, parsed in one place.

``str.isdigit()`` accepts "²" and "٣" (``int()`` then fails or reads a different number), and a
long run of digits overflows SQLite's 64-bit integers: both answered 500. Every view reads ids
and numbers through ``parse_int`` / ``parse_id`` (ASCII digits only, bounded, None when not a
number), and URLs capture ids with the ``<id:…>`` converter (registered in ``core.apps``), which
refuses anything else with a 404.
"""

import re

MAX_ID = 2**63 - 1  # the largest value SQLite and PostgreSQL bigint columns hold
MAX_SMALL = 2**31 - 1  # integer columns (page ids, positions, lesson ids)
_INTEGER_RE = re.compile(r"-?[0-9]{1,19}")


def parse_int(value, *, minimum: int | None = None, maximum: int = MAX_SMALL, default=None):
    """The integer ``value`` spells in ASCII digits, within the bounds; else ``default``."""
    if not isinstance(value, str) or not _INTEGER_RE.fullmatch(value):
        return default
    number = int(value)
    if (minimum is not None and number < minimum) or number > maximum:
        return default
    return number


def parse_id(value, *, maximum: int = MAX_SMALL):
    """A positive database id, or None."""
    return parse_int(value, minimum=1, maximum=maximum)


def clean_query(value: str, *, max_length: int = 200) -> str:
    """A search query safe for full-text backends: no control characters (NUL breaks SQLite's
    FTS), no double quotes (an unbalanced one is an FTS syntax error), one line, bounded."""
    if not isinstance(value, str):
        return ""
    kept = "".join(" " if ord(c) < 32 or c in '"\x7f' else c for c in value)
    return " ".join(kept.split())[:max_length]


class IdConverter:
    """``<id:pk>`` in URLs: 1 to 19 ASCII digits that fit in a bigint column."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= MAX_ID:
            raise ValueError(value)  # the URL does not match: 404
        return number

    def to_url(self, value) -> str:
        return str(int(value))
