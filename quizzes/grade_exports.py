"""Grade exports of one quiz: every learner's grade by the quiz's grading method, their
attempts, dates and state, and the per-question marks of the attempt the grade comes from.

Rows are plain cells (core.exports makes them formula-safe and writes CSV or XLSX); the same
rows serve the admin download and ``manage.py export_grades --quiz``. Attempts on any language
version of the quiz count. A fixed number of queries whatever the number of learners.
"""

from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.utils.translation import gettext as _

from accounts.models import Employment, Organization

from .models import Attempt, AttemptQuestion, Quiz
from .models.quizzes import GradingMethod
from .selectors import quiz_grade


def graded_attempt(*, quiz: Quiz, attempts: list[Attempt]) -> Attempt | None:
    """The attempt whose marks stand behind the grade: the first or last by the quiz's method,
    the best for "highest", the last for "average" (its grade is a mean of them all)."""
    graded = sorted(
        (a for a in attempts if a.is_finished and a.percent is not None), key=lambda a: a.number
    )
    if not graded:
        return None
    if quiz.grading == GradingMethod.FIRST:
        return graded[0]
    if quiz.grading == GradingMethod.HIGHEST:
        best = max(attempt.percent for attempt in graded)
        return next(attempt for attempt in graded if attempt.percent == best)
    return graded[-1]


def learners_in(organization: Organization | None):
    """The ids of the learners with a current employment in the organisation's subtree (None:
    no restriction)."""
    if organization is None:
        return None
    return set(
        Employment.objects.current()
        .filter(organization__path__startswith=organization.path)
        .values_list("user_id", flat=True)
    )


def learner_attempts(*, quiz: Quiz, user_ids: Iterable[int] | None = None) -> dict:
    """user -> [attempts], every language version of the quiz, signed-in learners only."""
    attempts = (
        Attempt.objects.filter(quiz__translation_key=quiz.translation_key, user__isnull=False)
        .select_related("user")
        .order_by("user__full_name", "user_id", "number")
    )
    if user_ids is not None:
        attempts = attempts.filter(user_id__in=list(user_ids))
    by_user: dict = {}
    for attempt in attempts:
        by_user.setdefault(attempt.user, []).append(attempt)
    return by_user


def _number(value: Decimal | None):
    return float(value) if value is not None else None


def quiz_grade_rows(*, quiz: Quiz, organization: Organization | None = None) -> Iterator[list]:
    """Header, then one row per learner who attempted the quiz."""
    by_user = learner_attempts(quiz=quiz, user_ids=learners_in(organization))
    chosen = {user.pk: graded_attempt(quiz=quiz, attempts=items) for user, items in by_user.items()}
    marks: dict[int, dict[int, Decimal | None]] = {}
    for attempt_id, position, points in AttemptQuestion.objects.filter(
        attempt_id__in=[a.pk for a in chosen.values() if a is not None]
    ).values_list("attempt_id", "position", "points"):
        marks.setdefault(attempt_id, {})[position] = points
    positions = sorted({position for by_position in marks.values() for position in by_position})
    yield [
        _("Name"),
        _("Username"),
        _("E-mail"),
        _("Grade (%)"),
        _("Grading method"),
        _("Attempts"),
        _("First started"),
        _("Last finished"),
        _("State"),
        _("Passed"),
        *[_("Question %(number)s") % {"number": position} for position in positions],
    ]
    states = dict(Attempt.State.choices)
    for user, attempts in by_user.items():
        last = attempts[-1]
        finished = [a.finished_at for a in attempts if a.finished_at is not None]
        attempt = chosen[user.pk]
        row_marks = marks.get(attempt.pk, {}) if attempt is not None else {}
        yield [
            user.get_full_name() or user.username,
            user.username,
            user.email,
            _number(quiz_grade(quiz=quiz, attempts=attempts)),
            str(quiz.get_grading_display()),
            len(attempts),
            min(a.started_at for a in attempts),
            max(finished) if finished else None,
            str(states.get(last.state, last.state)),
            (_("yes") if attempt.passed else _("no"))
            if attempt is not None and attempt.passed is not None
            else "",
            *[_number(row_marks.get(position)) for position in positions],
        ]
