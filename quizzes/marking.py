"""Marking essays by hand once an attempt is submitted: the marker's points and comment, then the
attempt's grade again (and ``quiz_passed`` if it now passes).

The marking admin page calls ``answer_mark``; grading the rest of the attempt is in
``quizzes.attempts``.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quizzes import grading
from quizzes.attempts import attempt_score
from quizzes.formats.types import QuestionType
from quizzes.models import Attempt, AttemptQuestion

MESSAGE_POINTS_RANGE = _("Give between 0 and %(max)s points.")
MESSAGE_NOT_ESSAY = _("Only answers waiting for marking can be marked.")


def answer_mark(*, row: AttemptQuestion, points: Decimal, comment: str = "", marker, now=None):
    """A marker gives points (and a comment) to an essay; the attempt's grade follows."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt = (
            Attempt.objects.select_for_update(of=("self",))
            .select_related("quiz", "user")
            .get(pk=row.attempt_id)
        )
        row = attempt.questions.select_for_update().get(pk=row.pk)
        if (
            attempt.state != Attempt.State.FINISHED
            or row.qtype != QuestionType.ESSAY
            or (
                row.state not in (AttemptQuestion.State.NEEDS_MARKING, AttemptQuestion.State.MARKED)
            )
        ):
            raise ValidationError(MESSAGE_NOT_ESSAY, code="not_essay")
        if points is None or points < 0 or points > row.max_points:
            raise ValidationError(
                MESSAGE_POINTS_RANGE, code="points_range", params={"max": row.max_points}
            )
        was_passed = attempt.passed
        row.points = grading.round_points(Decimal(points))
        row.fraction = (row.points / row.max_points).quantize(Decimal("0.00001"))
        row.comment = comment
        row.state = AttemptQuestion.State.MARKED
        row.marked_by, row.marked_at = marker, now
        row.save(update_fields=["points", "fraction", "comment", "state", "marked_by", "marked_at"])
        # Re-marking an attempt that had already passed sends no second signal.
        attempt_score(attempt=attempt, rows=list(attempt.questions.all()), announce=not was_passed)
        attempt.save(update_fields=["points", "percent", "needs_marking", "passed"])
    return row
