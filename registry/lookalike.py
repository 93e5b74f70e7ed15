"""Look-alike handles: the "skeleton" two handles share when a reader could take one for the other.

Impostors register ``mininfo_official``, ``mlnlnfo``, ``mіnіnfo`` (Cyrillic і) or ``miniinfo``
next to the real ``mininfo``. ``handle_skeleton`` maps every such variant to the same string:

1. each non-ASCII character to the ASCII letter it is confusable with, from Unicode's
   confusables data (the ``confusable-homoglyphs`` package ships it);
2. case folded; digits that read as letters (``0``→o, ``1``→l, ``3``→e, ``5``→s) and letters
   that read as each other (``i``→l, ``rn``→m, ``vv``→w) made one;
3. separators (``_``, ``.``, ``-``) dropped and doubled letters collapsed;
4. decorations (``official``, ``uz``, ``news``, ``rasmiy``…) stripped from either end while at
   least three letters remain.

The register stores each account's skeleton in an indexed column, so the check finds the real
account behind a look-alike with the same single query that finds an exact match.
"""

import re
import unicodedata
from functools import cache

from confusable_homoglyphs import confusables

DIGITS = str.maketrans({"0": "o", "1": "l", "3": "e", "5": "s", "i": "l", "|": "l"})
PAIRS = (("rn", "m"), ("vv", "w"), ("cl", "d"))
AFFIXES = (
    "official",
    "ofitsial",
    "rasmiy",
    "press",
    "news",
    "yangiliklar",
    "channel",
    "kanal",
    "real",
    "gov",
    "uz",
)
MIN_CORE = 3


def _fold(text: str) -> str:
    text = text.casefold().translate(DIGITS)
    for pair, letter in PAIRS:
        text = text.replace(pair, letter)
    return text


def _collapse(text: str) -> str:
    return re.sub(r"(.)\1+", r"\1", text)


FOLDED_AFFIXES = tuple(_fold(affix) for affix in AFFIXES)
COLLAPSED_AFFIXES = tuple(_collapse(affix) for affix in FOLDED_AFFIXES)


@cache
def _ascii_letter(character: str) -> str:
    """The ASCII letter or digit a character is confusable with, or the character itself."""
    decomposed = unicodedata.normalize("NFKD", character)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    if base.isascii() and base.isalnum():
        return base
    for glyph in confusables.confusables_data.get(character, ()):
        candidate = glyph["c"].strip("\u200e")
        if len(candidate) == 1 and candidate.isascii() and candidate.isalnum():
            return candidate
    return character


def _strip_affixes(text: str, affixes: tuple[str, ...]) -> str:
    changed = True
    while changed:
        changed = False
        for affix in affixes:
            if text.endswith(affix) and len(text) - len(affix) >= MIN_CORE:
                text, changed = text[: -len(affix)], True
            if text.startswith(affix) and len(text) - len(affix) >= MIN_CORE:
                text, changed = text[len(affix) :], True
    return text


def handle_skeleton(handle: str) -> str:
    """The form shared by a handle and its look-alikes (see the module's docstring)."""
    text = "".join(_ascii_letter(c) for c in unicodedata.normalize("NFC", handle))
    text = _fold(text)
    # The path part of canonical handles ("channel/", "group/") is not a look-alike signal.
    text = text.rsplit("/", 1)[-1].lstrip("@")
    text = _strip_affixes(re.sub(r"[_.\-\s]+", "", text), FOLDED_AFFIXES)
    return _strip_affixes(_collapse(text), COLLAPSED_AFFIXES)
