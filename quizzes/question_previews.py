"""Previewing one question in a chosen behaviour (the question editor's *Preview* links).

Nothing is written to the database: the state of the trial (the frozen question, the choice
order, the answer, the tries) lives in the author's session, one question at a time, and the
page is drawn with the same presentation and grading as a real attempt.
"""

import random
from decimal import Decimal

from quizzes import grading
from quizzes.attempts import check_outcome, choice_order_draw, final_fraction
from quizzes.formats.types import QuestionType
from quizzes.models import Attempt, AttemptQuestion
from quizzes.models.quizzes import Behaviour
from quizzes.snapshots import question_snapshot

SESSION_KEY = "quizzes_question_preview"


def question_preview_new(*, question, behaviour: str, rng=None) -> dict:
    """A fresh trial of ``question`` as it is saved now (draft or live)."""
    snapshot = question_snapshot(question)
    return {
        "question": question.pk,
        "behaviour": behaviour if behaviour in Behaviour.values else Behaviour.DEFERRED,
        "snapshot": snapshot,
        "choice_order": choice_order_draw(snapshot, shuffle=True, rng=rng or random.SystemRandom()),
        "max_points": str(question.default_points),
        "response": None,
        "tries": [],
        "state": AttemptQuestion.State.TODO,
        "fraction": None,
        "finished": False,
    }


def question_preview_row(state: dict) -> AttemptQuestion:
    """The trial as an unsaved attempt question, for ``presentation``."""
    attempt = Attempt(
        state=Attempt.State.FINISHED if state["finished"] else Attempt.State.IN_PROGRESS
    )
    fraction = None if state["fraction"] is None else Decimal(state["fraction"])
    max_points = Decimal(state["max_points"])
    return AttemptQuestion(
        attempt=attempt,
        position=1,
        snapshot=state["snapshot"],
        choice_order=state["choice_order"],
        max_points=max_points,
        response=state["response"],
        tries=state["tries"],
        state=state["state"],
        fraction=fraction,
        points=None if fraction is None else grading.round_points(fraction * max_points),
    )


def _store(state: dict, row: AttemptQuestion) -> dict:
    return {
        **state,
        "response": row.response,
        "tries": row.tries,
        "state": row.state,
        "fraction": None if row.fraction is None else str(row.fraction),
    }


def question_preview_answer(state: dict, *, response: dict | None, action: str) -> dict:
    """Apply a post: ``save`` keeps the answer, ``check`` checks it (immediate, interactive),
    ``finish`` grades it as submitting would. A question already final keeps its answer."""
    row = question_preview_row(state)
    behaviour = state["behaviour"]
    final = row.state in (AttemptQuestion.State.COMPLETE, AttemptQuestion.State.NEEDS_MARKING)
    if state["finished"] or final and action != "finish":
        return state
    if response is not None and not final:
        row.response = response
        if row.state != AttemptQuestion.State.CHECKED:
            answered = grading.is_answered(row.snapshot, response)
            row.state = AttemptQuestion.State.ANSWERED if answered else AttemptQuestion.State.TODO
    if (
        action == "check"
        and behaviour != Behaviour.DEFERRED
        and row.qtype != QuestionType.ESSAY
        and grading.is_answered(row.snapshot, row.response)
    ):
        row.tries = [*row.tries, row.response]
        row.fraction, done = check_outcome(row.snapshot, row.tries, behaviour)
        row.state = AttemptQuestion.State.COMPLETE if done else AttemptQuestion.State.CHECKED
    elif action == "finish":
        fraction = final_fraction(row, behaviour)
        if fraction is None:  # an essay waits for a marker
            answered = grading.is_answered(row.snapshot, row.response)
            row.state = (
                AttemptQuestion.State.NEEDS_MARKING if answered else AttemptQuestion.State.COMPLETE
            )
            row.fraction = None if answered else Decimal(0)
        else:
            row.state, row.fraction = AttemptQuestion.State.COMPLETE, fraction
        return {**_store(state, row), "finished": True}
    return _store(state, row)
