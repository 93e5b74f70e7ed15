"""The neutral shape of a question between a file format and the question bank.

A parser (``gift.parse``, ``aiken.parse``) produces these; a writer (``gift.dump``,
``aiken.dump``) consumes them; ``quizzes.importing`` maps them onto the models and back. Nothing
here touches the database.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from core.verdicts import Verdict


class QuestionType(StrEnum):
    SINGLE_CHOICE = "single_choice"  # exactly one right answer (GIFT: one "=")
    MULTIPLE_CHOICE = "multiple_choice"  # several weighted answers (GIFT: "~%50%" ...)
    TRUE_FALSE = "true_false"
    SHORT_ANSWER = "short_answer"  # accepted answers, case- and space-insensitive
    NUMERIC = "numeric"  # a value with a tolerance, or a range
    MATCHING = "matching"  # pairs "prompt -> answer"
    ESSAY = "essay"  # marked by hand
    CLAIM_VERDICT = "claim_verdict"  # a claim (and its source) judged on the verdict scale


# The verdict scale of claim-verdict questions, true to false.
VERDICT_CODES = tuple(Verdict.values)


class ParseError(ValueError):
    """A file that cannot be imported: every problem, each with its line number."""

    def __init__(self, errors: list[tuple[int, str]]):
        self.errors = errors  # (line number, message), line numbers start at 1
        super().__init__("; ".join(f"line {line}: {message}" for line, message in errors))


@dataclass
class ParsedAnswer:
    """A choice, an accepted short answer or a claim verdict.

    ``fraction`` is the share of the question's points this answer earns: 1 for right, 0 for
    wrong, 0.5 for half credit, negative for a penalty (GIFT "%-25%").
    """

    text: str
    fraction: Decimal = Decimal(0)
    feedback: str = ""


@dataclass
class ParsedNumericAnswer:
    """A numeric answer: ``value`` ± ``tolerance``, or the range ``minimum``..``maximum``."""

    value: Decimal | None = None
    tolerance: Decimal = Decimal(0)
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    fraction: Decimal = Decimal(1)
    feedback: str = ""


@dataclass
class ParsedPair:
    """One matching pair: the learner matches ``prompt`` with ``answer``."""

    prompt: str
    answer: str


@dataclass
class ParsedQuestion:
    qtype: QuestionType
    text: str  # the question as shown (Moodle GIFT markup resolved to plain text or HTML)
    name: str = ""  # the GIFT title "::name::"; stable across languages in demo/quizzes/
    category: str = ""  # from "$CATEGORY:" (path with "/"), or "" when the file sets none
    line: int = 0  # the line where the question starts
    text_format: str = "moodle"  # moodle | html | plain | markdown (GIFT "[html]" etc.)
    general_feedback: str = ""  # GIFT "####..." : the explanation shown after answering
    answers: list[ParsedAnswer] = field(default_factory=list)  # choice, short answer, verdict
    correct: bool | None = None  # true/false
    true_feedback: str = ""  # true/false: feedback when the learner answers "true"
    false_feedback: str = ""  # true/false: feedback when the learner answers "false"
    numeric_answers: list[ParsedNumericAnswer] = field(default_factory=list)
    pairs: list[ParsedPair] = field(default_factory=list)
    claim_source: str = ""  # claim verdict: who said it and where
