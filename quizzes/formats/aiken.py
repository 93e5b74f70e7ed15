"""Aiken: the simplest question file, single-choice questions only.

::

    What is the capital of Uzbekistan?
    A. Samarkand
    B) Tashkent
    C. Bukhara
    ANSWER: B

A question is its text, then options (a capital letter, "." or ")", a space, the option), then
``ANSWER: <letter>``. As in Moodle's reader, blank lines are optional and ignored. Unlike
Moodle, the question text may run over several lines (each line that is neither an option nor an
ANSWER line, before the first option, adds a line), and every problem is reported with its line
number instead of the question being silently dropped.

Aiken has no titles, categories, feedback or partial credit. ``dump`` writes single-choice
questions only and refuses (``AikenExportError`` naming every question it cannot write) anything
Aiken cannot hold exactly, rather than dropping questions from an export; feedback, titles and
categories are left out, since Aiken has no place for them.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from .types import ParsedAnswer, ParsedQuestion, ParseError, QuestionType

MISSING_ANSWER = _("The question has no “ANSWER: <letter>” line after its options.")
ANSWER_NOT_AN_OPTION = _("The answer “%(letter)s” is not one of the options (%(letters)s).")
ANSWER_SYNTAX = _("Write the answer as one capital letter, e.g. “ANSWER: B”; found “%(text)s”.")
TOO_FEW_OPTIONS = _("A question needs at least 2 options; found %(count)s.")
OPTION_WITHOUT_QUESTION = _("The option “%(text)s” comes before any question text.")
ANSWER_WITHOUT_QUESTION = _("“ANSWER:” comes before any question.")
DUPLICATE_OPTION = _("The option letter %(letter)s is used twice.")
EMPTY_OPTION = _("The option %(letter)s is empty.")

CANNOT_WRITE_TYPE = _("Aiken holds only single-choice questions; this one is %(type)s.")
CANNOT_WRITE_WEIGHTS = _(
    "Aiken has no partial credit: every answer must be fully right or fully wrong."
)
CANNOT_WRITE_RIGHT_COUNT = _("Aiken needs exactly one right answer; this question has %(count)s.")
CANNOT_WRITE_OPTIONS = _("Aiken needs between 2 and 26 options; this question has %(count)s.")
CANNOT_WRITE_LINES = _("An answer spreads over several lines, which Aiken cannot hold.")
CANNOT_WRITE_TEXT = _("A line of the question text would read as an option or an ANSWER line.")

TYPE_NAMES = {
    QuestionType.MULTIPLE_CHOICE: _("multiple choice"),
    QuestionType.TRUE_FALSE: _("true/false"),
    QuestionType.SHORT_ANSWER: _("short answer"),
    QuestionType.NUMERIC: _("numeric"),
    QuestionType.MATCHING: _("matching"),
    QuestionType.ESSAY: _("essay"),
    QuestionType.CLAIM_VERDICT: _("claim verdict"),
}

_OPTION_RE = re.compile(r"^([A-Z])[.)][ \t]+(.*)$")
_BARE_OPTION_RE = re.compile(r"^([A-Z])[.)]$")  # "C." with nothing after it
_ANSWER_RE = re.compile(r"^ANSWER\s*:(.*)$", re.IGNORECASE)


def _interpolate(message, params):
    return str(message) % params


_message = lazy(_interpolate, str)


class AikenExportError(ValueError):
    """Questions Aiken cannot hold: ``problems`` lists (question label, message)."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__("; ".join(f"{label}: {message}" for label, message in problems))


@dataclass
class _Draft:
    line: int
    text_lines: list[str]
    options: list[tuple[str, str]] = field(default_factory=list)  # (letter, text)


def parse(text: str, *, default_category: str = "") -> list[ParsedQuestion]:
    """Every question in an Aiken file, as single-choice ``ParsedQuestion`` objects.

    ``ParseError`` lists every problem with its line number.
    """
    questions: list[ParsedQuestion] = []
    errors: list[tuple[int, str]] = []

    def error(line, message, **params):
        errors.append((line, _message(message, params)))

    draft: _Draft | None = None
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        answer = _ANSWER_RE.match(line)
        option = _OPTION_RE.match(line) or _BARE_OPTION_RE.match(line)
        if answer:
            if draft is None:
                error(number, ANSWER_WITHOUT_QUESTION)
                continue
            letter = answer.group(1).strip()
            letter = letter.upper() if len(letter) == 1 else letter  # "answer: b" is meant as B
            question = _finish(draft, letter, number, error, default_category)
            if question is not None:
                questions.append(question)
            draft = None
        elif option:
            letter = option.group(1)
            option_text = option.group(2).strip() if option.re is _OPTION_RE else ""
            if draft is None:
                error(number, OPTION_WITHOUT_QUESTION, text=line)
                continue
            if any(letter == existing for existing, _text in draft.options):
                error(number, DUPLICATE_OPTION, letter=letter)
            elif not option_text:
                error(number, EMPTY_OPTION, letter=letter)
            draft.options.append((letter, option_text))
        elif draft is not None and not draft.options:
            draft.text_lines.append(line)  # the question text goes on
        else:
            if draft is not None:  # options and then new text: the ANSWER line is missing
                error(draft.line, MISSING_ANSWER)
            draft = _Draft(line=number, text_lines=[line])
    if draft is not None:
        error(draft.line, MISSING_ANSWER)
    if errors:
        raise ParseError(sorted(errors, key=lambda item: item[0]))
    return questions


def _finish(draft, answer_text, number, error, category) -> ParsedQuestion | None:
    letters = [letter for letter, _text in draft.options]
    if len(draft.options) < 2:
        error(draft.line, TOO_FEW_OPTIONS, count=len(draft.options))
        return None
    if not re.fullmatch(r"[A-Z]", answer_text):
        error(number, ANSWER_SYNTAX, text=answer_text)
        return None
    if answer_text not in letters:
        error(number, ANSWER_NOT_AN_OPTION, letter=answer_text, letters=", ".join(letters))
        return None
    return ParsedQuestion(
        qtype=QuestionType.SINGLE_CHOICE,
        text="\n".join(draft.text_lines),
        category=category,
        line=draft.line,
        text_format="plain",
        answers=[
            ParsedAnswer(text=text, fraction=Decimal(letter == answer_text))
            for letter, text in draft.options
        ],
    )


def _label(question: ParsedQuestion, index: int) -> str:
    if question.name:
        return question.name
    first_line = question.text.strip().split("\n", 1)[0]
    short = first_line if len(first_line) <= 40 else first_line[:39] + "…"
    return f"#{index} “{short}”"


def _problem(question: ParsedQuestion) -> tuple[str, dict] | None:
    if question.qtype != QuestionType.SINGLE_CHOICE:
        return CANNOT_WRITE_TYPE, {"type": TYPE_NAMES[question.qtype]}
    answers = question.answers
    if not 2 <= len(answers) <= 26:
        return CANNOT_WRITE_OPTIONS, {"count": len(answers)}
    if any(answer.fraction not in (0, 1) for answer in answers):
        return CANNOT_WRITE_WEIGHTS, {}
    rights = sum(1 for answer in answers if answer.fraction == 1)
    if rights != 1:
        return CANNOT_WRITE_RIGHT_COUNT, {"count": rights}
    if any("\n" in answer.text or not answer.text.strip() for answer in answers):
        return CANNOT_WRITE_LINES, {}
    for line in question.text.strip().split("\n"):
        line = line.strip()
        if _OPTION_RE.match(line) or _BARE_OPTION_RE.match(line) or _ANSWER_RE.match(line):
            return CANNOT_WRITE_TEXT, {}
    return None


def dump(questions: list[ParsedQuestion]) -> str:
    """Aiken text for single-choice questions; ``AikenExportError`` if any cannot be written."""
    problems = []
    for index, question in enumerate(questions, start=1):
        problem = _problem(question)
        if problem is not None:
            message, params = problem
            problems.append((_label(question, index), _message(message, params)))
    if problems:
        raise AikenExportError(problems)
    blocks = []
    for question in questions:
        text_lines = [line.strip() for line in question.text.strip().split("\n") if line.strip()]
        lines = list(text_lines)
        right = ""
        for offset, answer in enumerate(question.answers):
            letter = chr(ord("A") + offset)
            lines.append(f"{letter}. {answer.text.strip()}")
            if answer.fraction == 1:
                right = letter
        lines.append(f"ANSWER: {right}")
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)
