"""Reads for quiz pages: visibility, ownership, review permissions, grades and progress."""

from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Sum
from django.utils import timezone

from quizzes.access import quiz_open_to
from quizzes.models import Attempt, AttemptQuestion, Quiz
from quizzes.models.bank import category_label
from quizzes.models.quizzes import GradingMethod, ReviewItem, ReviewTime

IMMEDIATELY_AFTER = timedelta(minutes=2)  # Moodle's "immediately after the attempt"


def can_view_all_results(user) -> bool:
    return user.is_authenticated and (
        user.has_perm("quizzes.view_all_results") or user.has_perm("quizzes.mark_attempts")
    )


def quiz_get_visible(*, pk: int, user) -> Quiz | None:
    """The quiz when this user may open it (quizzes.access.quiz_open_to), else None."""
    quiz = Quiz.objects.filter(pk=pk).select_related("locale").first()
    if quiz is None or not quiz_open_to(user, quiz):
        return None
    return quiz


def quiz_live_exists(*, pk: int) -> bool:
    return Quiz.objects.filter(pk=pk, live=True).exists()


def attempt_owned_by(attempt: Attempt, request) -> bool:
    if attempt.user_id is not None:
        return request.user.is_authenticated and attempt.user_id == request.user.pk
    return bool(request.session.session_key) and attempt.session_key == request.session.session_key


def attempt_list_for(*, quiz: Quiz, request):
    if request.user.is_authenticated:
        owner = {"user": request.user}
    elif request.session.session_key:
        owner = {"user__isnull": True, "session_key": request.session.session_key}
    else:
        return Attempt.objects.none()
    return (
        Attempt.objects.filter(quiz_key=quiz.translation_key, **owner)
        .select_related("quiz")
        .order_by("number")
    )


def review_time(attempt: Attempt, now=None) -> str:
    now = now or timezone.now()
    if attempt.state == Attempt.State.IN_PROGRESS:
        return ReviewTime.DURING
    if attempt.finished_at and now - attempt.finished_at <= IMMEDIATELY_AFTER:
        return ReviewTime.IMMEDIATELY
    if attempt.quiz.is_closed(now):
        return ReviewTime.CLOSED
    return ReviewTime.OPEN


def reveal_for(*, attempt: Attempt, user, now=None) -> set[str]:
    """The review items this viewer may see now (staff with the results permission: all)."""
    if attempt.state == Attempt.State.FINISHED and can_view_all_results(user):
        return set(ReviewItem.values)
    time = review_time(attempt, now)
    return {item for item in ReviewItem.values if attempt.quiz.review_allows(time, item)}


@dataclass(frozen=True)
class AttemptShown:
    """What a learner may see of one finished attempt now: the one place that decides whether
    its score, points and result are shown (the review options' "points" item)."""

    attempt: Attempt
    reveal: frozenset

    @property
    def show_points(self) -> bool:
        return ReviewItem.POINTS in self.reveal

    @property
    def percent(self) -> Decimal | None:
        return self.attempt.percent if self.show_points else None

    @property
    def passed(self) -> bool | None:
        return self.attempt.passed if self.show_points else None


def attempt_shown(*, attempt: Attempt, user, now=None) -> AttemptShown:
    return AttemptShown(attempt, frozenset(reveal_for(attempt=attempt, user=user, now=now)))


def attempts_shown(*, attempts, user, now=None) -> list[AttemptShown]:
    now = now or timezone.now()
    return [attempt_shown(attempt=attempt, user=user, now=now) for attempt in attempts]


def grade_shown(*, quiz: Quiz, shown: list[AttemptShown]) -> Decimal | None:
    """The learner's grade on the quiz, only when the points of every finished attempt may be
    shown (a grade would otherwise give a hidden score away)."""
    finished = [row for row in shown if row.attempt.is_finished]
    if not finished or not all(row.show_points for row in finished):
        return None
    return quiz_grade(quiz=quiz, attempts=[row.attempt for row in finished])


def quiz_grade(*, quiz: Quiz, attempts) -> Decimal | None:
    """The learner's grade on the quiz (percent) by its grading method, over finished attempts
    with a verdict."""
    graded = [
        attempt for attempt in attempts if attempt.is_finished and attempt.percent is not None
    ]
    if not graded:
        return None
    graded.sort(key=lambda attempt: attempt.number)
    method = quiz.grading
    if method == GradingMethod.FIRST:
        return graded[0].percent
    if method == GradingMethod.LAST:
        return graded[-1].percent
    if method == GradingMethod.AVERAGE:
        total = sum((attempt.percent for attempt in graded), Decimal(0))
        return (total / len(graded)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return max(attempt.percent for attempt in graded)


def attempts_left(*, quiz: Quiz, attempts, allowed: int | None = None) -> int | None:
    """Attempts left of the quiz's limit, or of ``allowed`` (the learner's, with overrides)."""
    allowed = quiz.attempts_allowed if allowed is None else allowed
    if not allowed:
        return None
    return max(0, allowed - len(list(attempts)))


@dataclass
class CategoryRate:
    name: str
    answered: int
    points: Decimal
    max_points: Decimal

    @property
    def percent(self) -> Decimal:
        if not self.max_points:
            return Decimal(0)
        return (self.points / self.max_points * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def progress_get(*, user, now=None) -> dict:
    """The progress page: success rate per question category and previous scores per quiz (all
    languages of a quiz together). Only attempts whose points the review options show now count
    in the rates, scores and grades."""
    now = now or timezone.now()
    attempts = (
        Attempt.objects.filter(user=user, state=Attempt.State.FINISHED)
        .select_related("quiz")
        .order_by("quiz__title", "number")
    )
    shown = attempts_shown(attempts=attempts, user=user, now=now)
    visible_ids = [row.attempt.pk for row in shown if row.show_points]
    rows = (
        AttemptQuestion.objects.filter(attempt_id__in=visible_ids, points__isnull=False)
        .values("question__category__key", "question__category__name")
        .annotate(answered=Count("pk"), points=Sum("points"), max_points=Sum("max_points"))
        .order_by("question__category__name")
    )
    categories = [
        CategoryRate(
            name=category_label(
                key=row["question__category__key"] or "", name=row["question__category__name"]
            )
            or "—",
            answered=row["answered"],
            points=row["points"] or Decimal(0),
            max_points=row["max_points"] or Decimal(0),
        )
        for row in rows
    ]
    by_quiz: dict = {}
    for row in shown:
        entry = by_quiz.setdefault(row.attempt.quiz_key, {"quiz": row.attempt.quiz, "attempts": []})
        entry["attempts"].append(row)
    for entry in by_quiz.values():
        entry["attempts"].sort(key=lambda row: row.attempt.number)
        entry["grade"] = grade_shown(quiz=entry["quiz"], shown=entry["attempts"])
        entry["passed"] = entry["grade"] is not None and entry["grade"] >= entry["quiz"].pass_mark
    return {"categories": categories, "quizzes": list(by_quiz.values())}


def marking_queryset(*, quiz_id=None, user_id=None, needs_marking=None):
    """Finished attempts for the marking page, newest first, filterable by quiz and learner."""
    attempts = (
        Attempt.objects.filter(state=Attempt.State.FINISHED)
        .select_related("quiz", "user")
        .order_by("-finished_at", "-pk")
    )
    if quiz_id:
        attempts = attempts.filter(quiz_id=quiz_id)
    if user_id:
        attempts = attempts.filter(user_id=user_id)
    if needs_marking is not None:
        attempts = attempts.filter(needs_marking=needs_marking)
    return attempts


def quizzes_grade(*, user, quizzes) -> Decimal | None:
    """The learner's mean grade (percent) over these quizzes, each by its grading method and
    counting the attempts on any of its translations; None when none of them is graded yet."""
    grades = []
    for quiz in {quiz.translation_key: quiz for quiz in quizzes}.values():
        attempts = Attempt.objects.filter(user=user, quiz__translation_key=quiz.translation_key)
        grade = quiz_grade(quiz=quiz, attempts=attempts)
        if grade is not None:
            grades.append(grade)
    if not grades:
        return None
    return (sum(grades, Decimal(0)) / len(grades)).quantize(Decimal("0.01"), ROUND_HALF_UP)
