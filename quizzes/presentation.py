"""What a learner sees of a question, and how a form post becomes a response.

Choices reach the browser as positions ("1", "2", ...) in the attempt's own order, never as
their ids, fractions or feedback: the page cannot give the answer away. Correctness, points,
feedback, explanation and the right answer are added only when ``reveal`` allows them.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from core.parsing import parse_int
from quizzes import grading
from quizzes.formats.types import QuestionType
from quizzes.models import AttemptQuestion
from quizzes.models.quizzes import ReviewItem
from quizzes.verdicts import TRUE_FALSE_LABELS, VERDICT_LABELS

MAX_TEXT = 20_000  # characters of an essay or short answer kept


@dataclass
class ChoiceView:
    token: str
    label: str
    checked: bool = False
    right: bool | None = None  # only when the right answer may be shown
    feedback: str = ""
    image: dict | None = None  # {"url", "width", "height", "alt"}


@dataclass
class PairView:
    token: str
    prompt: str
    selected: str = ""
    right_answer: str = ""
    is_right: bool | None = None


@dataclass
class QuestionView:
    row: AttemptQuestion
    number: int
    qtype: str
    text: str
    claim_source: str = ""
    choices: list[ChoiceView] = field(default_factory=list)
    pairs: list[PairView] = field(default_factory=list)
    options: list[tuple[str, str]] = field(default_factory=list)  # matching answers (token, text)
    text_answer: str = ""
    locked: bool = False
    can_check: bool = False
    tries_left: int = 0
    hint: str = ""
    # Shown only when the review options allow it:
    show_correctness: bool = False
    show_points: bool = False
    show_feedback: bool = False
    show_right_answer: bool = False
    outcome: str = ""  # right | partial | wrong | pending
    points: Decimal | None = None
    max_points: Decimal | None = None
    feedback: list[str] = field(default_factory=list)
    explanation: str = ""
    right_answer: list[str] = field(default_factory=list)
    comment: str = ""
    image: dict | None = None
    media: dict | None = None  # {"url", "kind": audio | video, "description"}
    feedback_image: dict | None = None  # shown with the explanation only

    @property
    def field_name(self) -> str:
        return f"q{self.row.position}"

    @property
    def is_multiple(self) -> bool:
        return self.qtype == QuestionType.MULTIPLE_CHOICE

    @property
    def is_choice(self) -> bool:
        return bool(self.choices)


def _choice_label(qtype, choice) -> str:
    if qtype == QuestionType.CLAIM_VERDICT:
        return str(VERDICT_LABELS.get(choice["text"], choice["text"]))
    if qtype == QuestionType.TRUE_FALSE:
        return str(TRUE_FALSE_LABELS[choice["id"]])
    return choice["text"]


def _right_label(qtype, text) -> str:
    if qtype == QuestionType.CLAIM_VERDICT:
        return str(VERDICT_LABELS.get(text, text))
    if qtype == QuestionType.TRUE_FALSE:
        return str(TRUE_FALSE_LABELS.get(text, text))
    return text


def question_view(
    row: AttemptQuestion, *, reveal: set[str], behaviour: str, number: int
) -> QuestionView:
    snapshot = row.snapshot
    qtype = snapshot["qtype"]
    response = row.response or {}
    graded = row.state in (
        AttemptQuestion.State.COMPLETE,
        AttemptQuestion.State.CHECKED,
        AttemptQuestion.State.MARKED,
        AttemptQuestion.State.NEEDS_MARKING,
    )
    view = QuestionView(
        row=row,
        number=number,
        qtype=qtype,
        text=snapshot["text"],
        claim_source=snapshot.get("claim_source", ""),
        image=snapshot.get("image"),
        media=snapshot.get("media"),
        locked=row.state
        in (
            AttemptQuestion.State.COMPLETE,
            AttemptQuestion.State.NEEDS_MARKING,
            AttemptQuestion.State.MARKED,
        ),
    )
    show_response = row.attempt.state == "in_progress" or ReviewItem.ATTEMPT in reveal
    choices = {choice["id"]: choice for choice in snapshot["choices"]}
    if qtype in (
        QuestionType.SINGLE_CHOICE,
        QuestionType.MULTIPLE_CHOICE,
        QuestionType.CLAIM_VERDICT,
        QuestionType.TRUE_FALSE,
    ):
        chosen = set(response.get("choices") or []) | {response.get("choice")}
        for index, choice_id in enumerate(row.choice_order, start=1):
            choice = choices[choice_id]
            view.choices.append(
                ChoiceView(
                    token=str(index),
                    label=_choice_label(qtype, choice),
                    checked=show_response and choice_id in chosen,
                    image=choice.get("image"),
                )
            )
    elif qtype == QuestionType.MATCHING:
        matches = response.get("matches") or {}
        view.options = [(str(index), text) for index, text in enumerate(row.choice_order, start=1)]
        token_of = {text: token for token, text in view.options}
        for index, pair in enumerate(snapshot["pairs"], start=1):
            view.pairs.append(
                PairView(
                    token=str(index),
                    prompt=pair["prompt"],
                    selected=token_of.get(matches.get(pair["id"], ""), "") if show_response else "",
                )
            )
    elif show_response:
        view.text_answer = response.get("text", "")

    if (
        behaviour != "deferred"
        and qtype != QuestionType.ESSAY
        and row.attempt.state == "in_progress"
    ):
        view.can_check = not view.locked
        if behaviour == "interactive":
            view.tries_left = grading.max_tries(snapshot) - len(row.tries)
            hints = snapshot.get("hints") or []
            if row.state == AttemptQuestion.State.CHECKED and row.tries and hints:
                view.hint = hints[min(len(row.tries), len(hints)) - 1]

    if not graded:
        return view
    view.show_correctness = ReviewItem.CORRECTNESS in reveal
    view.show_points = ReviewItem.POINTS in reveal
    view.show_feedback = ReviewItem.FEEDBACK in reveal
    view.show_right_answer = ReviewItem.RIGHT_ANSWER in reveal
    last = (
        row.tries[-1] if row.state == AttemptQuestion.State.CHECKED and row.tries else row.response
    )
    current = grading.grade(snapshot, last)
    if view.show_correctness:
        if current.fraction is None and row.fraction is None:
            view.outcome = "pending"
        else:
            fraction = (
                row.fraction if row.state != AttemptQuestion.State.CHECKED else current.fraction
            )
            view.outcome = "right" if fraction >= 1 else "partial" if fraction > 0 else "wrong"
        if qtype == QuestionType.MATCHING:
            matches = (last or {}).get("matches") or {}
            for pair_view, pair in zip(view.pairs, snapshot["pairs"], strict=True):
                pair_view.is_right = grading.normalise_text(
                    matches.get(pair["id"], "")
                ) == grading.normalise_text(pair["answer"])
    if view.show_points and row.state != AttemptQuestion.State.CHECKED:
        view.points, view.max_points = row.points, row.max_points
    if view.show_feedback:
        view.feedback = [text for text in current.feedback if text]
        if row.state != AttemptQuestion.State.CHECKED:
            view.explanation = snapshot.get("general_feedback", "")
            view.feedback_image = snapshot.get("feedback_image")
        view.comment = row.comment
    if view.show_right_answer and row.state != AttemptQuestion.State.CHECKED:
        view.right_answer = [_right_label(qtype, text) for text in grading.right_answer(snapshot)]
        right_ids = {
            choice["id"] for choice in snapshot["choices"] if Decimal(choice["fraction"]) > 0
        }
        if view.choices:
            for choice_view, choice_id in zip(view.choices, row.choice_order, strict=True):
                choice_view.right = choice_id in right_ids
        for pair_view, pair in zip(view.pairs, snapshot["pairs"], strict=True):
            pair_view.right_answer = pair["answer"]
    return view


def response_from_post(row: AttemptQuestion, data) -> dict | None:
    """The response a form post holds for ``row``, or None if the question was not on the form.

    Unknown tokens are dropped, so a forged post can only choose among the shown choices.
    """
    name = f"q{row.position}"
    if f"{name}-shown" not in data:
        return None
    qtype = row.snapshot["qtype"]
    order = row.choice_order
    if qtype == QuestionType.MULTIPLE_CHOICE:
        chosen = []
        for token in data.getlist(name):
            number = parse_int(token, minimum=1, maximum=len(order))
            if number is not None:
                chosen.append(order[number - 1])
        return {"choices": sorted(set(chosen), key=order.index)}
    if qtype in (QuestionType.SINGLE_CHOICE, QuestionType.CLAIM_VERDICT, QuestionType.TRUE_FALSE):
        number = parse_int(data.get(name, ""), minimum=1, maximum=len(order))
        if number is not None:
            return {"choice": order[number - 1]}
        return {}
    if qtype == QuestionType.MATCHING:
        matches = {}
        for index, pair in enumerate(row.snapshot["pairs"], start=1):
            number = parse_int(data.get(f"{name}-{index}", ""), minimum=1, maximum=len(order))
            if number is not None:
                matches[pair["id"]] = order[number - 1]
        return {"matches": matches}
    return {"text": data.get(name, "").replace("\x00", "")[:MAX_TEXT]}
