"""Writes to practice attempts: start or resume, make a choice (idempotent), finish with scores.

Every function takes keyword arguments and an optional ``now`` so that tests can move the clock.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import LessonPage
from courses.services import lesson_complete

from .blocks import Action
from .graph import graph_problems
from .models import AttemptStep, ReplyReview, Scenario, ScenarioAttempt
from .rules import can_play, can_review_as_peer
from .scoring import overall_percent, skill_scores
from .snapshots import scenario_snapshot

MESSAGE_NOT_PLAYABLE = _("This scenario is not open to you.")
MESSAGE_BROKEN = _("This scenario cannot be played until its graph is fixed.")
MESSAGE_FINISHED = _("This attempt is finished.")
MESSAGE_STALE = _("That situation is no longer the current one; here is where you are now.")
MESSAGE_NO_SUCH_CHOICE = _("Choose one of the actions offered.")
MESSAGE_REPLY_REQUIRED = _("Write your reply before sending it.")
MESSAGE_REPLY_TOO_LONG = _("Keep your reply under %(limit)s characters.")
MESSAGE_ALREADY_REVIEWED = _("You have already reviewed this reply.")
MESSAGE_CANNOT_REVIEW = _("You may not review this reply.")
REPLY_LIMIT = 2000


def _now(now):
    return now or timezone.now()


def _lesson_id_checked(lesson_id, scenario: Scenario) -> int | None:
    """The lesson id, kept only when that live lesson really embeds this scenario."""
    if not lesson_id:
        return None
    lesson = LessonPage.objects.live().filter(pk=lesson_id).first()
    if lesson is None or _embedding_blocks(lesson, scenario.translation_key) == []:
        return None
    return lesson.pk


def _embedding_blocks(lesson, scenario_key) -> list:
    return [
        block.value
        for block in lesson.body
        if block.block_type == "scenario"
        and block.value.get("scenario") is not None
        and block.value["scenario"].translation_key == scenario_key
    ]


def attempt_start(
    *, scenario: Scenario, user, lesson_id=None, preview: bool = False, now=None
) -> ScenarioAttempt:
    """Resume the reader's open attempt on this scenario (any language), or start one on a
    frozen copy of the scenario as it is now."""
    now = _now(now)
    if not can_play(user, scenario, preview=preview):
        raise ValidationError(MESSAGE_NOT_PLAYABLE, code="not_playable")
    same = ScenarioAttempt.objects.filter(
        scenario_key=scenario.translation_key, user=user, preview=preview
    )
    existing = same.filter(state=ScenarioAttempt.State.IN_PROGRESS).first()
    if existing is not None:
        return existing
    snapshot = scenario_snapshot(scenario)
    if graph_problems(snapshot["nodes"]):
        raise ValidationError(MESSAGE_BROKEN, code="broken")
    try:
        with transaction.atomic():
            return ScenarioAttempt.objects.create(
                scenario=scenario,
                scenario_key=scenario.translation_key,
                version=scenario.version,
                snapshot=snapshot,
                user=user,
                lesson_id=None if preview else _lesson_id_checked(lesson_id, scenario),
                preview=preview,
                current_key=snapshot["nodes"][0]["key"],
                spread=snapshot["spread"],
                trust=snapshot["trust"],
                started_at=now,
            )
    except IntegrityError:
        # Another request started it a moment ago (double click, second tab): resume that one.
        return same.get(state=ScenarioAttempt.State.IN_PROGRESS)


def node_get(snapshot: dict, key: str) -> dict:
    return next(node for node in snapshot["nodes"] if node["key"] == key)


def _clamp(value: int) -> int:
    return max(0, min(100, value))


@transaction.atomic
def attempt_choose(
    *, attempt: ScenarioAttempt, node_key: str, choice_index, reply_text: str = "", now=None
) -> ScenarioAttempt:
    """Make one choice at the current situation. Posting a choice again for a situation already
    answered (a double click, the back button, a second tab) changes nothing."""
    now = _now(now)
    attempt = ScenarioAttempt.objects.select_for_update().get(pk=attempt.pk)
    if attempt.steps.filter(node_key=node_key).exists():
        return attempt
    if attempt.is_finished:
        raise ValidationError(MESSAGE_FINISHED, code="finished")
    if node_key != attempt.current_key:
        raise ValidationError(MESSAGE_STALE, code="stale")
    node = node_get(attempt.snapshot, node_key)
    if not isinstance(choice_index, int) or not 0 <= choice_index < len(node["choices"]):
        raise ValidationError(MESSAGE_NO_SUCH_CHOICE, code="no_such_choice")
    choice = node["choices"][choice_index]
    reply_text = (reply_text or "").strip() if choice["action"] == Action.OWN_REPLY else ""
    if choice["action"] == Action.OWN_REPLY:
        if not reply_text:
            raise ValidationError(MESSAGE_REPLY_REQUIRED, code="reply_required")
        if len(reply_text) > REPLY_LIMIT:
            raise ValidationError(
                MESSAGE_REPLY_TOO_LONG % {"limit": REPLY_LIMIT}, code="reply_too_long"
            )
    AttemptStep.objects.create(
        attempt=attempt,
        position=attempt.steps.count() + 1,
        node_key=node_key,
        choice_index=choice_index,
        action=choice["action"],
        reply_text=reply_text,
        created_at=now,
    )
    attempt.minutes += choice["minutes"]
    attempt.spread = _clamp(attempt.spread + choice["spread"])
    attempt.trust = _clamp(attempt.trust + choice["trust"])
    following = node_get(attempt.snapshot, choice["next"]) if choice["next"] else None
    if following is not None:
        attempt.current_key = following["key"]
    if following is None or not following["choices"]:
        _finish(attempt, now=now)
    attempt.save()
    if attempt.is_finished and attempt.lesson_id and not attempt.preview:
        lesson_complete_if_earned(attempt=attempt)
    return attempt


def attempt_path(attempt: ScenarioAttempt) -> list[tuple[dict, int]]:
    return [
        (node_get(attempt.snapshot, step.node_key), step.choice_index)
        for step in attempt.steps.order_by("position")
    ]


def _finish(attempt: ScenarioAttempt, *, now) -> None:
    attempt.scores = skill_scores(attempt_path(attempt))
    attempt.percent = overall_percent(attempt.scores)
    attempt.state = ScenarioAttempt.State.FINISHED
    attempt.finished_at = now


def lesson_complete_if_earned(*, attempt: ScenarioAttempt) -> bool:
    """A finished attempt started from a lesson completes it when the lesson's block asks for no
    minimum score, or the attempt reached it."""
    lesson = LessonPage.objects.live().filter(pk=attempt.lesson_id).first()
    if lesson is None:
        return False
    values = _embedding_blocks(lesson, attempt.scenario_key)
    if not values:
        return False
    minimum = max((value.get("minimum_score") or 0) for value in values)
    if minimum and (attempt.percent is None or attempt.percent < minimum):
        return False
    try:
        lesson_complete(user=attempt.user, lesson=lesson, by_activity=True)
    except ValidationError:
        return False  # the course is closed to this learner
    return True


@transaction.atomic
def reply_review(
    *,
    step: AttemptStep,
    reviewer,
    by_trainer: bool,
    tone: int,
    accuracy: int,
    legality: int,
    comment: str = "",
    now=None,
) -> ReplyReview:
    """Record a reviewer's rubric marks for a free-text reply (once per reviewer)."""
    if step.action != Action.OWN_REPLY or step.attempt.user_id == reviewer.pk:
        raise ValidationError(MESSAGE_CANNOT_REVIEW, code="cannot_review")
    if not by_trainer and not can_review_as_peer(reviewer, step.attempt):
        raise ValidationError(MESSAGE_CANNOT_REVIEW, code="cannot_review")
    if ReplyReview.objects.filter(step=step, reviewer=reviewer).exists():
        raise ValidationError(MESSAGE_ALREADY_REVIEWED, code="already_reviewed")
    review = ReplyReview(
        step=step,
        reviewer=reviewer,
        by_trainer=by_trainer,
        tone=tone,
        accuracy=accuracy,
        legality=legality,
        comment=comment.strip(),
        created_at=_now(now),
    )
    review.full_clean()
    try:
        with transaction.atomic():
            review.save()
    except IntegrityError as error:
        raise ValidationError(MESSAGE_ALREADY_REVIEWED, code="already_reviewed") from error
    return review
