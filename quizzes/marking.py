"""Marking by hand once an attempt is submitted: essays waiting for a marker, and an override of
any other question's mark (with a comment saying why). Every mark given is audited as a
``MarkChange``; the attempt's grade follows (``quiz_passed`` if it now passes; a pass that turns
into a fail is flagged for review, never revoked).

The marking admin page calls ``answer_mark``; grading the rest of the attempt is in
``quizzes.attempts``; regrading to a new key in ``quizzes.regrading``.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quizzes import grading
from quizzes.attempts import attempt_score
from quizzes.formats.types import QuestionType
from quizzes.models import Attempt, AttemptQuestion, MarkChange

MESSAGE_POINTS_RANGE = _("Give between 0 and %(max)s points.")
MESSAGE_NOT_MARKABLE = _("Only answers of submitted attempts can be marked.")
MESSAGE_COMMENT_REQUIRED = _("Say why the mark changes: a comment is required.")

ATTEMPT_RESULT_FIELDS = ["points", "percent", "needs_marking", "passed", "needs_review"]


def is_essay_marking(row: AttemptQuestion) -> bool:
    """An essay waiting for (or given) its mark: the marker's usual work, no reason needed."""
    return row.qtype == QuestionType.ESSAY and row.state in (
        AttemptQuestion.State.NEEDS_MARKING,
        AttemptQuestion.State.MARKED,
    )


def attempt_rescore(*, attempt: Attempt) -> None:
    """The attempt's grade again after a mark changed (the caller holds the lock and saves
    ``ATTEMPT_RESULT_FIELDS``): a new pass is announced once; a pass turned fail is flagged."""
    was_passed = attempt.passed
    attempt_score(attempt=attempt, rows=list(attempt.questions.all()), announce=not was_passed)
    if was_passed and attempt.passed is False:
        attempt.needs_review = True


def answer_mark(*, row: AttemptQuestion, points: Decimal, comment: str = "", marker, now=None):
    """A marker gives points (and a comment) to an answer of a submitted attempt: an essay, or
    any other question with a comment saying why; the attempt's grade follows, and the change
    is recorded."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt = (
            Attempt.objects.select_for_update(of=("self",))
            .select_related("quiz", "user")
            .get(pk=row.attempt_id)
        )
        row = attempt.questions.select_for_update().get(pk=row.pk)
        if attempt.state != Attempt.State.FINISHED:
            raise ValidationError(MESSAGE_NOT_MARKABLE, code="not_markable")
        if points is None or points < 0 or points > row.max_points:
            raise ValidationError(
                MESSAGE_POINTS_RANGE, code="points_range", params={"max": row.max_points}
            )
        comment = (comment or "").strip()
        if not is_essay_marking(row) and not comment:
            raise ValidationError(MESSAGE_COMMENT_REQUIRED, code="comment_required")
        before = (row.points, attempt.percent, attempt.passed)
        row.points = grading.round_points(Decimal(points))
        row.fraction = (row.points / row.max_points).quantize(Decimal("0.00001"))
        row.comment = comment
        row.state = AttemptQuestion.State.MARKED
        row.marked_by, row.marked_at = marker, now
        row.save(update_fields=["points", "fraction", "comment", "state", "marked_by", "marked_at"])
        attempt_rescore(attempt=attempt)
        attempt.save(update_fields=ATTEMPT_RESULT_FIELDS)
        MarkChange.objects.create(
            attempt=attempt,
            row=row,
            kind=MarkChange.Kind.MANUAL,
            points_before=before[0],
            points_after=row.points,
            percent_before=before[1],
            percent_after=attempt.percent,
            passed_before=before[2],
            passed_after=attempt.passed,
            comment=comment,
            changed_by=marker,
            changed_at=now,
        )
    return row


def attempt_review_done(*, attempt: Attempt) -> None:
    """Somebody has looked at a pass turned into a fail (and decided about the certificate in
    the certificates admin): the flag goes; the mark changes stay in the audit."""
    Attempt.objects.filter(pk=attempt.pk).update(needs_review=False)
    attempt.needs_review = False
