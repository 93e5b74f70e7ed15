"""Grading each question type from a snapshot and a response. Pure functions: no database.

A grade is a fraction of the question's points in [0, 1] (Moodle clamps negative sums to 0), or
None for an essay, which waits for a marker. Responses are what ``answer_save`` stores:

- single choice, claim verdict, true/false: ``{"choice": "<choice id>"}``
- multiple choice: ``{"choices": ["<id>", ...]}``
- short answer, numeric: ``{"text": "..."}``
- matching: ``{"matches": {"<pair id>": "<answer text>"}}``
- essay: ``{"text": "..."}``
"""

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from quizzes.formats.types import QuestionType

ZERO = Decimal(0)
ONE = Decimal(1)


@dataclass
class Grade:
    fraction: Decimal | None  # None: waits for manual marking
    feedback: list[str] = field(default_factory=list)  # specific feedback for the answers given

    @property
    def is_right(self) -> bool:
        return self.fraction is not None and self.fraction >= ONE

    @property
    def is_partial(self) -> bool:
        return self.fraction is not None and ZERO < self.fraction < ONE


def clamp(value: Decimal) -> Decimal:
    return max(ZERO, min(ONE, value))


def round_points(value: Decimal) -> Decimal:
    """Points are kept to three decimals, rounded half up (submitting and marking alike)."""
    return value.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)


def normalise_text(text: str) -> str:
    """Case- and space-insensitive comparison key: NFKC, case folded, runs of spaces collapsed,
    and the apostrophe look-alikes of Uzbek Latin (ʻ ʼ ' ` ‘ ’) made one."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = re.sub(r"[ʻʼ'`‘’]", "'", text)
    return " ".join(text.split())


def parse_number(text) -> Decimal | None:
    """A learner's number: spaces (thousands) removed, a decimal comma accepted."""
    if text is None:
        return None
    cleaned = str(text).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if not cleaned:
        return None
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _choice_map(snapshot):
    return {choice["id"]: choice for choice in snapshot["choices"]}


def grade_single(snapshot, response) -> Grade:
    chosen = _choice_map(snapshot).get((response or {}).get("choice"))
    if chosen is None:
        return Grade(ZERO)
    return Grade(
        clamp(Decimal(chosen["fraction"])), [chosen["feedback"]] if chosen["feedback"] else []
    )


def grade_multiple(snapshot, response) -> Grade:
    """The sum of the chosen answers' fractions (negative ones are penalties), clamped to [0, 1]."""
    choices = _choice_map(snapshot)
    chosen = [
        choices[cid]
        for cid in dict.fromkeys((response or {}).get("choices") or [])
        if cid in choices
    ]
    if not chosen:
        return Grade(ZERO)
    total = sum((Decimal(choice["fraction"]) for choice in chosen), ZERO)
    return Grade(clamp(total), [choice["feedback"] for choice in chosen if choice["feedback"]])


def grade_short_answer(snapshot, response) -> Grade:
    given = normalise_text((response or {}).get("text", ""))
    if not given:
        return Grade(ZERO)
    best = None
    for accepted in snapshot["choices"]:
        if normalise_text(accepted["text"]) == given and (
            best is None or Decimal(accepted["fraction"]) > Decimal(best["fraction"])
        ):
            best = accepted
    if best is None:
        return Grade(ZERO)
    return Grade(clamp(Decimal(best["fraction"])), [best["feedback"]] if best["feedback"] else [])


def numeric_matches(entry, number: Decimal) -> bool:
    if entry.get("value") is not None:
        value, tolerance = Decimal(entry["value"]), Decimal(entry.get("tolerance") or 0)
        return value - tolerance <= number <= value + tolerance
    return Decimal(entry["minimum"]) <= number <= Decimal(entry["maximum"])


def grade_numeric(snapshot, response) -> Grade:
    number = parse_number((response or {}).get("text"))
    if number is None:
        return Grade(ZERO)
    matching = [entry for entry in snapshot["numeric"] if numeric_matches(entry, number)]
    if not matching:
        return Grade(ZERO)
    best = max(matching, key=lambda entry: Decimal(entry["fraction"]))
    return Grade(clamp(Decimal(best["fraction"])), [best["feedback"]] if best["feedback"] else [])


def grade_matching(snapshot, response) -> Grade:
    """Each prompt matched right earns an equal share (Moodle's matching question)."""
    pairs = snapshot["pairs"]
    if not pairs:
        return Grade(ZERO)
    matches = (response or {}).get("matches") or {}
    right = sum(
        1
        for pair in pairs
        if normalise_text(matches.get(pair["id"], "")) == normalise_text(pair["answer"])
    )
    return Grade(Decimal(right) / Decimal(len(pairs)))


GRADERS = {
    QuestionType.SINGLE_CHOICE: grade_single,
    QuestionType.CLAIM_VERDICT: grade_single,
    QuestionType.TRUE_FALSE: grade_single,
    QuestionType.MULTIPLE_CHOICE: grade_multiple,
    QuestionType.SHORT_ANSWER: grade_short_answer,
    QuestionType.NUMERIC: grade_numeric,
    QuestionType.MATCHING: grade_matching,
}


def grade(snapshot: dict, response: dict | None) -> Grade:
    qtype = QuestionType(snapshot["qtype"])
    if qtype == QuestionType.ESSAY:
        return Grade(None)
    return GRADERS[qtype](snapshot, response)


def max_tries(snapshot: dict) -> int:
    """Interactive behaviour: one try plus one per hint (Moodle)."""
    return len(snapshot.get("hints") or []) + 1


def interactive_fraction(snapshot: dict, tries: list) -> Decimal:
    """Moodle's interactive behaviour: the best over the tries of (fraction on try k minus the
    penalty for each of the k - 1 wrong tries before it), never below zero.

    With penalty 1/3, a 3-point question scores 3, 2 or 1 when right on the 1st, 2nd or 3rd try.
    """
    penalty = Decimal(snapshot.get("penalty") or 0)
    best = ZERO
    for index, response in enumerate(tries):
        fraction = grade(snapshot, response).fraction or ZERO
        best = max(best, fraction - penalty * index)
    return clamp(best)


def is_answered(snapshot: dict, response: dict | None) -> bool:
    """Whether the response holds an answer at all (blank answers are not "answered")."""
    if not response:
        return False
    qtype = QuestionType(snapshot["qtype"])
    if qtype in (QuestionType.MULTIPLE_CHOICE,):
        return bool(response.get("choices"))
    if qtype == QuestionType.MATCHING:
        return any((response.get("matches") or {}).values())
    if qtype in (QuestionType.SINGLE_CHOICE, QuestionType.CLAIM_VERDICT, QuestionType.TRUE_FALSE):
        return bool(response.get("choice"))
    return bool((response.get("text") or "").strip())


def right_answer(snapshot: dict) -> list[str]:
    """The right answer in words, for review once the quiz allows it."""
    qtype = QuestionType(snapshot["qtype"])
    if qtype == QuestionType.MATCHING:
        return [f"{pair['prompt']} → {pair['answer']}" for pair in snapshot["pairs"]]
    if qtype == QuestionType.NUMERIC:
        shown = []
        for entry in snapshot["numeric"]:
            if Decimal(entry["fraction"]) < ONE:
                continue
            if entry.get("value") is not None:
                tolerance = Decimal(entry.get("tolerance") or 0)
                shown.append(entry["value"] + (f" ± {tolerance.normalize()}" if tolerance else ""))
            else:
                shown.append(f"{entry['minimum']} … {entry['maximum']}")
        return shown
    if qtype == QuestionType.ESSAY:
        return []
    return [choice["text"] for choice in snapshot["choices"] if Decimal(choice["fraction"]) > 0]
