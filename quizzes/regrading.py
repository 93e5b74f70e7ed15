"""Regrading after a question's key changed: what each submitted attempt that holds the question
would score under the question as it is now (who gains, who loses, whose result flips), and
applying that to the attempts a methodologist chooses.

An attempt keeps the frozen question it was shown (its snapshot); a regrade takes the question's
new key (shares, accepted answers, pairs) onto that snapshot by choice id, so the learner's saved
answers keep their meaning. Each regraded answer gets a ``MarkChange`` with the marks and the
result before and after and the snapshot before. The attempt's grade follows: a learner who now
passes is announced with ``quiz_passed`` (courses complete the lesson, certificates follow); one
who passed and now fails keeps what the pass gave and the attempt is flagged ``needs_review``.
Answers marked by hand and essays are left alone (a person decided those).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from quizzes import grading
from quizzes.formats.types import QuestionType
from quizzes.marking import ATTEMPT_RESULT_FIELDS, attempt_rescore
from quizzes.models import Attempt, AttemptQuestion, MarkChange
from quizzes.models.bank import CHOICE_TYPES
from quizzes.models.quizzes import Behaviour
from quizzes.snapshots import question_snapshot

HUNDRED = Decimal(100)
KEY_FIELDS = ("choices", "numeric", "pairs", "penalty")
ANSWERED_BY_ID = {*CHOICE_TYPES, QuestionType.TRUE_FALSE}


@dataclass
class RegradeRow:
    row: AttemptQuestion
    attempt: Attempt
    points_before: Decimal
    points_after: Decimal
    percent_before: Decimal | None
    percent_after: Decimal | None
    passed_before: bool | None
    passed_after: bool | None

    @property
    def change(self) -> Decimal:
        return self.points_after - self.points_before

    @property
    def gains(self) -> bool:
        return self.change > 0

    @property
    def loses(self) -> bool:
        return self.change < 0

    @property
    def result_flips(self) -> bool:
        return self.passed_before is not None and self.passed_before != self.passed_after


def regraded_snapshot(old: dict, new: dict) -> dict:
    """The attempt's frozen question with the new key: texts stay as shown; shares, feedback,
    accepted answers and pairs come from the question now (matched by id where they have one)."""
    snapshot = dict(old)
    for name in KEY_FIELDS:
        if name in new:
            snapshot[name] = new[name]
    if old["qtype"] in ANSWERED_BY_ID and new.get("choices"):
        # The saved answers name choices by id: keep the choices shown, with their new shares.
        now = {choice["id"]: choice for choice in new["choices"]}
        snapshot["choices"] = [
            {**choice, "fraction": now[choice["id"]]["fraction"]}
            if choice["id"] in now
            else {**choice, "fraction": "0"}
            for choice in old["choices"]
        ]
    return snapshot


def regraded_fraction(snapshot: dict, row: AttemptQuestion, behaviour: str) -> Decimal:
    """What the row's saved answer (and its checked tries) scores under ``snapshot``."""
    if behaviour == Behaviour.INTERACTIVE and row.tries:
        tries = row.tries
        if row.response != tries[-1] and len(tries) < grading.max_tries(snapshot):
            tries = [*tries, row.response]
        return grading.interactive_fraction(snapshot, tries)
    if behaviour == Behaviour.IMMEDIATE and row.tries:
        return grading.grade(snapshot, row.tries[-1]).fraction
    return grading.grade(snapshot, row.response).fraction


def _rows_for(question):
    return (
        AttemptQuestion.objects.filter(
            question=question,
            attempt__in=Attempt.objects.filter(state=Attempt.State.FINISHED),
            state=AttemptQuestion.State.COMPLETE,
        )
        .exclude(snapshot__qtype=QuestionType.ESSAY)
        .select_related("attempt__quiz", "attempt__user")
        .order_by("attempt__finished_at", "attempt_id")
    )


def _percent(points: Decimal, max_points: Decimal) -> Decimal:
    if not max_points:
        return Decimal(0)
    return (points / max_points * HUNDRED).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def regrade_preview(*, question) -> list[RegradeRow]:
    """Every submitted attempt holding this question (previews left out), with its marks and
    result now and after a regrade to the question as it is saved now."""
    new = question_snapshot(question)
    preview = []
    for row in _rows_for(question):
        attempt = row.attempt
        snapshot = regraded_snapshot(row.snapshot, new)
        fraction = regraded_fraction(snapshot, row, attempt.quiz.behaviour)
        points_after = grading.round_points(fraction * row.max_points)
        points_before = row.points or Decimal(0)
        total_after = (attempt.points or Decimal(0)) - points_before + points_after
        percent_after = passed_after = None
        if not attempt.needs_marking:
            percent_after = _percent(total_after, attempt.max_points)
            passed_after = percent_after >= attempt.quiz.pass_mark
        preview.append(
            RegradeRow(
                row=row,
                attempt=attempt,
                points_before=points_before,
                points_after=points_after,
                percent_before=attempt.percent,
                percent_after=percent_after,
                passed_before=attempt.passed,
                passed_after=passed_after,
            )
        )
    return preview


def regrade_apply(*, question, attempt_ids, by, now=None) -> list[MarkChange]:
    """Regrade the chosen attempts to the question as it is saved now; one transaction per
    attempt, its row locked. Returns the changes recorded (one per answer regraded)."""
    now = now or timezone.now()
    new = question_snapshot(question)
    changes = []
    for attempt_id in sorted(set(attempt_ids)):
        with transaction.atomic():
            attempt = (
                Attempt.objects.select_for_update(of=("self",))
                .select_related("quiz", "user")
                .filter(pk=attempt_id, state=Attempt.State.FINISHED)
                .first()
            )
            if attempt is None:
                continue
            rows = list(_rows_for(question).filter(attempt=attempt).select_for_update(of=("self",)))
            if not rows:
                continue
            before = (attempt.percent, attempt.passed)
            entries = []
            for row in rows:
                snapshot_before = row.snapshot
                row.snapshot = regraded_snapshot(row.snapshot, new)
                fraction = regraded_fraction(row.snapshot, row, attempt.quiz.behaviour)
                points_before = row.points
                row.fraction = fraction
                row.points = grading.round_points(fraction * row.max_points)
                row.save(update_fields=["snapshot", "fraction", "points"])
                entries.append((row, points_before, snapshot_before))
            attempt_rescore(attempt=attempt)
            attempt.save(update_fields=ATTEMPT_RESULT_FIELDS)
            for row, points_before, snapshot_before in entries:
                changes.append(
                    MarkChange.objects.create(
                        attempt=attempt,
                        row=row,
                        kind=MarkChange.Kind.REGRADE,
                        points_before=points_before,
                        points_after=row.points,
                        percent_before=before[0],
                        percent_after=attempt.percent,
                        passed_before=before[1],
                        passed_after=attempt.passed,
                        snapshot_before=snapshot_before,
                        changed_by=by,
                        changed_at=now,
                    )
                )
    return changes
