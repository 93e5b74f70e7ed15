"""The settings a quiz has for one learner: the quiz's own, changed by the learner's overrides.

A learner's own override wins over their organisations' (Moodle: user overrides before group
overrides); among several organisation overrides the most generous value of each setting is
taken (the latest close, the earliest opening, the longest time, the most attempts). Starting an
attempt uses these settings, so the deadline the server enforces and the attempt limit follow
the override; the quiz page shows them to the learner.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from accounts.models import Employment
from quizzes.models import Attempt, QuizOverride


@dataclass(frozen=True)
class QuizSettings:
    open_at: datetime | None
    close_at: datetime | None
    time_limit_minutes: int | None
    attempts_allowed: int
    # What differs from the quiz's own settings, for the quiz page.
    changed: tuple[str, ...] = field(default=())

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        if self.open_at and now < self.open_at:
            return False
        return not (self.close_at and now >= self.close_at)


def _most_generous(overrides: list[QuizOverride], name: str):
    values = [getattr(override, name) for override in overrides]
    values = [value for value in values if value is not None]
    if not values:
        return None
    if name == "open_at":
        return min(values)
    if name == "attempts_allowed" and 0 in values:
        return 0  # unlimited
    return max(values)


def overrides_for(*, quiz, user) -> list[QuizOverride]:
    """The overrides that apply to this learner on any language of this quiz, own ones first:
    theirs, and those of every organisation they work in or under (one query)."""
    if user is None or not user.is_authenticated:
        return []
    works_within = (
        Employment.objects.current()
        .filter(user=user, organization__path__startswith=OuterRef("organization__path"))
        .values("pk")
    )
    overrides = QuizOverride.objects.filter(
        Q(user=user) | Q(Q(organization__isnull=False) & Q(Exists(works_within))),
        quiz__translation_key=quiz.translation_key,
    ).order_by("-created_at", "-pk")
    return sorted(overrides, key=lambda override: override.user_id is None)


def quiz_settings_for(*, quiz, user) -> QuizSettings:
    overrides = overrides_for(quiz=quiz, user=user)
    own = [override for override in overrides if override.user_id]
    chosen = own[:1] or overrides
    values = {}
    for name in ("open_at", "close_at", "time_limit_minutes", "attempts_allowed"):
        value = _most_generous(chosen, name)
        values[name] = getattr(quiz, name) if value is None else value
    changed = tuple(name for name, value in values.items() if value != getattr(quiz, name))
    return QuizSettings(changed=changed, **values)


def deadline_for(*, settings: QuizSettings, started_at) -> datetime | None:
    """Start + time limit, or the close date if earlier (None: no deadline)."""
    deadline = None
    if settings.time_limit_minutes:
        deadline = started_at + timedelta(minutes=settings.time_limit_minutes)
    if settings.close_at and (deadline is None or settings.close_at < deadline):
        deadline = settings.close_at
    return deadline


def open_attempts_retime(*, quiz) -> list:
    """After an override changed: the open attempts on any language of the quiz get the
    deadline their learner's settings give now. Returns the attempts whose deadline moved."""
    moved = []
    open_attempts = Attempt.objects.filter(
        quiz_key=quiz.translation_key, state=Attempt.State.IN_PROGRESS, user__isnull=False
    ).select_related("quiz", "user")
    for attempt in open_attempts:
        settings = quiz_settings_for(quiz=attempt.quiz, user=attempt.user)
        deadline = deadline_for(settings=settings, started_at=attempt.started_at)
        if deadline != attempt.deadline:
            Attempt.objects.filter(pk=attempt.pk, state=Attempt.State.IN_PROGRESS).update(
                deadline=deadline
            )
            attempt.deadline = deadline
            moved.append(attempt)
    return moved
