"""What changed between two versions of a code, section by section and sentence by sentence.

Pure functions over plain text (no database), so each rule is tested by hand. Sections are
paired by heading with difflib (a renamed heading in the same place counts as a changed
section); inside a pair, sentences are compared: a sentence is *added*, *removed* or *changed*
(an edited sentence, shown with its words struck and inserted). The reader sees the diff in the
language of the versions compared, and Uzbek in Cyrillic through the page output like any page.
"""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

SAME, ADDED, REMOVED, CHANGED = "same", "added", "removed", "changed"
SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\n+")


def sentences(text: str) -> list[str]:
    return [part.strip() for part in SENTENCE_END.split(text or "") if part.strip()]


@dataclass
class SentenceChange:
    kind: str
    old: str = ""
    new: str = ""
    # For a changed sentence: (kind, text) runs of words, kind SAME, ADDED or REMOVED.
    words: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class SectionChange:
    kind: str
    heading: str
    old_heading: str = ""
    sentences: list[SentenceChange] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.kind != SAME


WORD = re.compile(r"[^\s.,;:!?]+|[.,;:!?]")


def _joined(tokens: list[str], first: bool) -> str:
    """Tokens back into text: a space before each word (not before punctuation, nor before the
    sentence's first word)."""
    text = ""
    for position, token in enumerate(tokens):
        if not (first and position == 0) and token[0] not in ".,;:!?":
            text += " "
        text += token
    return text


def word_runs(old: str, new: str) -> list[tuple[str, str]]:
    """The edited sentence as runs of words kept, removed and added, ready to print one after
    another (each run carries its leading space)."""
    old_words, new_words = WORD.findall(old), WORD.findall(new)
    runs = []
    matcher = SequenceMatcher(None, old_words, new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        first = not runs
        if tag == "equal":
            runs.append((SAME, _joined(old_words[i1:i2], first)))
            continue
        if i2 > i1:
            runs.append((REMOVED, _joined(old_words[i1:i2], first)))
        if j2 > j1:
            runs.append((ADDED, _joined(new_words[j1:j2], first and i2 == i1)))
    return runs


def _similar(old: str, new: str) -> bool:
    return SequenceMatcher(None, old.split(), new.split(), autojunk=False).ratio() >= 0.5


def sentence_diff(old_text: str, new_text: str) -> list[SentenceChange]:
    old, new = sentences(old_text), sentences(new_text)
    changes = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            changes.extend(SentenceChange(SAME, s, s) for s in old[i1:i2])
            continue
        olds, news = old[i1:i2], new[j1:j2]
        # Pair edited sentences in place; what is left over was added or removed.
        while olds and news and _similar(olds[0], news[0]):
            a, b = olds.pop(0), news.pop(0)
            changes.append(SentenceChange(CHANGED, a, b, word_runs(a, b)))
        changes.extend(SentenceChange(REMOVED, old=s) for s in olds)
        changes.extend(SentenceChange(ADDED, new=s) for s in news)
    return changes


def _key(heading: str) -> str:
    return " ".join(heading.split()).casefold()


def code_diff(
    old_sections: list[tuple[str, str]], new_sections: list[tuple[str, str]]
) -> list[SectionChange]:
    """Every section of both versions in reading order, each with its kind of change."""
    result = []
    matcher = SequenceMatcher(
        None,
        [_key(h) for h, _text in old_sections],
        [_key(h) for h, _text in new_sections],
        autojunk=False,
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        olds, news = old_sections[i1:i2], new_sections[j1:j2]
        paired = len(olds) if tag in ("equal", "replace") else 0
        paired = min(paired, len(news))
        for (old_heading, old_text), (heading, text) in zip(
            olds[:paired], news[:paired], strict=True
        ):
            changes = sentence_diff(old_text, text)
            same = old_heading == heading and all(c.kind == SAME for c in changes)
            result.append(SectionChange(SAME if same else CHANGED, heading, old_heading, changes))
        for old_heading, old_text in olds[paired:]:
            result.append(
                SectionChange(
                    REMOVED,
                    old_heading,
                    old_heading,
                    [SentenceChange(REMOVED, old=s) for s in sentences(old_text)],
                )
            )
        for heading, text in news[paired:]:
            result.append(
                SectionChange(
                    ADDED, heading, "", [SentenceChange(ADDED, new=s) for s in sentences(text)]
                )
            )
    return result
