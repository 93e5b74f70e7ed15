"""Writes to quiz attempts: start or resume, save answers, check a question, submit (once), and
submit the attempts whose time ran out. Marking essays afterwards is in ``quizzes.marking``.

Views, the admin, commands and tasks call these. Every function takes keyword arguments and an
optional ``now`` so that tests can move the clock.
"""

import random
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quizzes import grading
from quizzes.formats.types import QuestionType
from quizzes.models import Attempt, AttemptQuestion, Question
from quizzes.models.bank import CHOICE_TYPES, category_descendant_ids
from quizzes.models.quizzes import Behaviour
from quizzes.overrides import QuizSettings, deadline_for, quiz_settings_for
from quizzes.signals import attempt_started, quiz_passed
from quizzes.snapshots import question_snapshot

MESSAGE_NOT_OPEN = _("This quiz is not open now.")
MESSAGE_NOT_LIVE = _("This quiz is not published.")
MESSAGE_SIGN_IN = _("Sign in to take this quiz.")
MESSAGE_NO_ATTEMPTS_LEFT = _("You have used all the attempts this quiz allows.")
MESSAGE_NO_QUESTIONS = _("This quiz has no questions yet.")
MESSAGE_FINISHED = _("This attempt has already been submitted.")
MESSAGE_TIME_UP = _("Time is up: your attempt was submitted with the answers saved before the end.")
MESSAGE_NOT_CHECKABLE = _("This question cannot be checked again.")
MESSAGE_SAVE_OUT_OF_DATE = _("This save was already received or is older than the last one.")

HUNDRED = Decimal(100)


def grace_period() -> timedelta:
    """Answers in flight when the time runs out are still accepted for this long (Moodle's
    "last submission grace period")."""
    return timedelta(seconds=getattr(settings, "QUIZ_GRACE_SECONDS", 10))


class AttemptClosed(ValidationError):
    """The attempt is finished (or has just been finished because its time ran out)."""


class SaveOutOfDate(ValidationError):
    """A numbered save the server has already applied, or one older than the last applied: it
    changes nothing. ``last_seq`` is the number of the last save applied."""

    def __init__(self, last_seq: int):
        super().__init__(MESSAGE_SAVE_OUT_OF_DATE, code="out_of_date")
        self.last_seq = last_seq


def _now(now):
    return now or timezone.now()


# Starting ----------------------------------------------------------------------------------


def _owner_filter(*, user, session_key):
    if user is not None and user.is_authenticated:
        return {"user": user}
    return {"user__isnull": True, "session_key": session_key}


def _live_in_locale(question: Question, locale) -> Question | None:
    if question.locale_id != locale.pk:
        translated = (
            Question.objects.filter(live=True)
            .filter(translation_key=question.translation_key, locale=locale)
            .first()
        )
        if translated is not None:
            return translated
    return question if question.live else None


def _draw_questions(*, quiz, rng, seen_ids, drafts=False) -> list[tuple[Question, Decimal]]:
    """The slots' questions in slot order: fixed ones in the quiz's language, random ones drawn
    from the category (never a question already in the attempt; unseen ones first).

    ``drafts`` (previews): questions not yet published are drawn too, as they are saved."""
    slots = list(quiz.slots.select_related("question").order_by("sort_order", "pk"))
    fixed = {
        slot.pk: slot.question if drafts else _live_in_locale(slot.question, quiz.locale)
        for slot in slots
        if slot.question_id
    }
    used = {question.pk for question in fixed.values() if question is not None}
    drawn: list[tuple[Question, Decimal]] = []
    placed: set[int] = set()
    for slot in slots:
        if slot.question_id:
            question = fixed[slot.pk]
            if question is not None and question.pk not in placed:
                drawn.append((question, slot.points))
                placed.add(question.pk)
            continue
        pool = Question.objects.filter(locale_id=quiz.locale_id)
        if slot.category_id:
            categories = (
                category_descendant_ids([slot.category_id])
                if slot.include_subcategories
                else {slot.category_id}
            )
            pool = pool.filter(category_id__in=categories)
        if slot.tag.strip():
            pool = pool.filter(tags__name__iexact=slot.tag.strip()).distinct()
        if not drafts:
            pool = pool.filter(live=True)
        candidates = list(pool.exclude(pk__in=used))
        rng.shuffle(candidates)
        # Questions not seen in earlier attempts first (Moodle MDL-6340).
        candidates.sort(key=lambda question: question.pk in seen_ids)
        for question in candidates[: slot.random_count]:
            drawn.append((question, slot.points))
            used.add(question.pk)
            placed.add(question.pk)
    return drawn


def choice_order_draw(snapshot, *, shuffle: bool, rng) -> list:
    qtype = QuestionType(snapshot["qtype"])
    if qtype == QuestionType.MATCHING:
        answers = list(dict.fromkeys(pair["answer"] for pair in snapshot["pairs"]))
        rng.shuffle(answers)  # always: the order would give the matches away
        return answers
    if qtype in CHOICE_TYPES:
        ids = [choice["id"] for choice in snapshot["choices"]]
        if shuffle and qtype != QuestionType.CLAIM_VERDICT:  # the verdict scale keeps its order
            rng.shuffle(ids)
        return ids
    if qtype == QuestionType.TRUE_FALSE:
        return ["true", "false"]
    return []


def attempt_start(
    *,
    quiz,
    user=None,
    session_key="",
    lesson_id=None,
    open_to_visitors=None,
    now=None,
    rng=None,
) -> Attempt:
    """Resume the learner's open attempt, or start a new one with its questions drawn and frozen.

    ``open_to_visitors`` overrides the quiz's own setting when the caller knows the quiz sits in
    a course open to visitors (``quizzes.contexts.quiz_open_to_visitors``)."""
    now = _now(now)
    rng = rng or random.SystemRandom()
    signed_in = user is not None and user.is_authenticated
    if not quiz.live:
        raise ValidationError(MESSAGE_NOT_LIVE, code="not_live")
    if open_to_visitors is None:
        open_to_visitors = quiz.allow_anonymous
    if not signed_in and (not open_to_visitors or not session_key):
        raise ValidationError(MESSAGE_SIGN_IN, code="sign_in")
    owner = _owner_filter(user=user if signed_in else None, session_key=session_key)
    # Every language of the quiz shares one open attempt and one attempt limit.
    same_quiz = Attempt.objects.filter(quiz_key=quiz.translation_key, **owner)
    existing = same_quiz.filter(state=Attempt.State.IN_PROGRESS).first()
    if existing is not None:
        if attempt_expire_if_due(attempt=existing, now=now):
            existing.refresh_from_db()
        else:
            return existing
    # The quiz's settings for this learner: their overrides (extra time, attempts, dates).
    settings = quiz_settings_for(quiz=quiz, user=user if signed_in else None)
    if not settings.is_open(now):
        raise ValidationError(MESSAGE_NOT_OPEN, code="not_open")
    previous = same_quiz
    count = previous.count()
    if settings.attempts_allowed and count >= settings.attempts_allowed:
        raise ValidationError(MESSAGE_NO_ATTEMPTS_LEFT, code="no_attempts_left")
    seen_ids = set(
        AttemptQuestion.objects.filter(attempt__in=previous).values_list("question_id", flat=True)
    )
    try:
        return attempt_create(
            quiz=quiz,
            owner={
                "user": user if signed_in else None,
                "session_key": "" if signed_in else session_key,
            },
            lesson_id=lesson_id,
            number=count + 1,
            seen_ids=seen_ids,
            now=now,
            rng=rng,
            settings=settings,
        )
    except IntegrityError:
        # Another tab or request started it a moment ago: resume that one.
        existing = Attempt.objects.filter(
            quiz_key=quiz.translation_key, state=Attempt.State.IN_PROGRESS, **owner
        ).first()
        if existing is None:
            raise
        return existing


def attempt_create(
    *,
    quiz,
    owner: dict,
    number: int,
    now,
    rng,
    seen_ids=(),
    lesson_id=None,
    preview=False,
    settings: QuizSettings | None = None,
) -> Attempt:
    """Draw and freeze the questions and create the attempt (the caller has checked who may).

    The deadline is start + time limit, or the close date if earlier, from ``settings`` (the
    learner's, overrides included; the quiz's own by default); raises IntegrityError when
    another request has just opened one (the caller resumes that one)."""
    settings = settings or quiz_settings_for(quiz=quiz, user=None)
    drawn = _draw_questions(quiz=quiz, rng=rng, seen_ids=set(seen_ids), drafts=preview)
    if quiz.shuffle_questions:
        rng.shuffle(drawn)
    if quiz.max_questions:
        drawn = drawn[: quiz.max_questions]
    if not drawn:
        raise ValidationError(MESSAGE_NO_QUESTIONS, code="no_questions")
    deadline = deadline_for(settings=settings, started_at=now)
    per_page = quiz.questions_per_page or len(drawn)
    with transaction.atomic():
        attempt = Attempt.objects.create(
            quiz=quiz,
            quiz_key=quiz.translation_key,
            lesson_id=lesson_id,
            number=number,
            started_at=now,
            deadline=deadline,
            max_points=sum((points for _question, points in drawn), Decimal(0)),
            is_preview=preview,
            **owner,
        )
        rows = []
        for index, (question, points) in enumerate(drawn):
            snapshot = question_snapshot(question)
            rows.append(
                AttemptQuestion(
                    attempt=attempt,
                    position=index + 1,
                    page=index // per_page + 1,
                    question=question,
                    snapshot=snapshot,
                    choice_order=choice_order_draw(snapshot, shuffle=quiz.shuffle_choices, rng=rng),
                    max_points=points,
                )
            )
        AttemptQuestion.objects.bulk_create(rows)
        # quizzes.tasks listens to queue the auto-submission of a timed attempt.
        attempt_started.send(sender=Attempt, attempt=attempt)
    return attempt


# Saving and checking -----------------------------------------------------------------------


def _locked_open_attempt(attempt: Attempt, now) -> Attempt:
    """Lock the attempt row; submit it if its time ran out; refuse if it is finished."""
    locked = (
        Attempt.all_objects.select_for_update(of=("self",))
        .select_related("quiz")
        .get(pk=attempt.pk)
    )
    if locked.state != Attempt.State.IN_PROGRESS:
        raise AttemptClosed(MESSAGE_FINISHED, code="finished")
    if locked.deadline and now > locked.deadline + grace_period():
        _submit_locked(locked, now=now, by_timer=True)
        raise AttemptClosed(MESSAGE_TIME_UP, code="time_up")
    return locked


def answer_save(
    *, attempt: Attempt, responses: dict[int, dict | None], seq: int | None = None, now=None
) -> Attempt:
    """Store the learner's current answers (by position). Locked questions keep their answer.

    A save that arrives after the deadline plus the grace period is refused, and the attempt is
    submitted with what was saved before (AttemptClosed with MESSAGE_TIME_UP).

    ``seq`` numbers the saves of the attempt page's script (1, 2, 3…, gaps allowed): each number
    is applied once and only when it is above the last one applied, so a save replayed twice
    after a dropped connection, or overtaken by a newer one, changes nothing (SaveOutOfDate).
    The plain form's posts carry no number and are always applied.
    """
    now = _now(now)
    try:
        with transaction.atomic():
            locked = _locked_open_attempt(attempt, now)
            if seq is not None:
                # Conditional on the stored number, under the row lock: monotonic by construction.
                advanced = Attempt.all_objects.filter(pk=locked.pk, last_save_seq__lt=seq).update(
                    last_save_seq=seq
                )
                if not advanced:
                    raise SaveOutOfDate(locked.last_save_seq)
            rows = {
                row.position: row for row in locked.questions.filter(position__in=list(responses))
            }
            for position, response in responses.items():
                row = rows.get(position)
                if row is None or row.state in (
                    AttemptQuestion.State.COMPLETE,
                    AttemptQuestion.State.NEEDS_MARKING,
                ):
                    continue
                if row.response == response:
                    continue
                row.response = response
                if row.state != AttemptQuestion.State.CHECKED:
                    row.state = (
                        AttemptQuestion.State.ANSWERED
                        if grading.is_answered(row.snapshot, response)
                        else AttemptQuestion.State.TODO
                    )
                row.save(update_fields=["response", "state"])
    except AttemptClosed as closed:
        if closed.code == "time_up":
            # The auto-submission above was rolled back with the refused save: do it on its own.
            attempt_submit(attempt=attempt, now=now, by_timer=True)
        raise
    attempt.refresh_from_db()
    return attempt


def check_outcome(snapshot: dict, tries: list, behaviour: str) -> tuple[Decimal, bool]:
    """The mark after the latest of ``tries`` is checked, and whether the question is now final:
    immediate, once; interactive, when right or out of tries (with the penalties)."""
    current = grading.grade(snapshot, tries[-1])
    if behaviour == Behaviour.IMMEDIATE:
        return current.fraction, True
    fraction = grading.interactive_fraction(snapshot, tries)
    return fraction, current.is_right or len(tries) >= grading.max_tries(snapshot)


def question_check(*, attempt: Attempt, position: int, response: dict | None, now=None):
    """Immediate and interactive behaviours: grade one question now.

    Immediate: one check, then the question is complete. Interactive: tries until right or
    out of tries (one plus one per hint); each wrong try costs the question's penalty.
    """
    now = _now(now)
    try:
        with transaction.atomic():
            locked = _locked_open_attempt(attempt, now)
            behaviour = locked.quiz.behaviour
            row = locked.questions.select_for_update().get(position=position)
            if (
                behaviour == Behaviour.DEFERRED
                or row.qtype == QuestionType.ESSAY
                or row.state == AttemptQuestion.State.COMPLETE
                or not grading.is_answered(row.snapshot, response)
            ):
                raise ValidationError(MESSAGE_NOT_CHECKABLE, code="not_checkable")
            row.response = response
            row.tries = [*row.tries, response]
            fraction, done = check_outcome(row.snapshot, row.tries, behaviour)
            row.fraction = fraction
            row.points = grading.round_points(fraction * row.max_points) if done else None
            row.state = AttemptQuestion.State.COMPLETE if done else AttemptQuestion.State.CHECKED
            row.save(update_fields=["response", "tries", "fraction", "points", "state"])
            return row
    except AttemptClosed as closed:
        if closed.code == "time_up":
            attempt_submit(attempt=attempt, now=now, by_timer=True)
        raise


# Submitting --------------------------------------------------------------------------------


def final_fraction(row: AttemptQuestion, behaviour: str) -> Decimal | None:
    if row.qtype == QuestionType.ESSAY:
        return None
    if row.state == AttemptQuestion.State.COMPLETE and row.fraction is not None:
        return row.fraction
    if behaviour == Behaviour.INTERACTIVE and row.tries:
        tries = row.tries
        if row.response != tries[-1] and len(tries) < grading.max_tries(row.snapshot):
            tries = [*tries, row.response]
        return grading.interactive_fraction(row.snapshot, tries)
    return grading.grade(row.snapshot, row.response).fraction


def _submit_locked(attempt: Attempt, *, now, by_timer: bool) -> None:
    behaviour = attempt.quiz.behaviour
    rows = list(attempt.questions.all())
    for row in rows:
        fraction = final_fraction(row, behaviour)
        if fraction is None:  # an essay
            if grading.is_answered(row.snapshot, row.response):
                row.state, row.fraction, row.points = (
                    AttemptQuestion.State.NEEDS_MARKING,
                    None,
                    None,
                )
            else:
                row.state, row.fraction, row.points = (
                    AttemptQuestion.State.COMPLETE,
                    Decimal(0),
                    Decimal(0),
                )
        else:
            row.state = AttemptQuestion.State.COMPLETE
            row.fraction = fraction
            row.points = grading.round_points(fraction * row.max_points)
    AttemptQuestion.objects.bulk_update(rows, ["state", "fraction", "points"])
    finished_at = now
    if by_timer and attempt.deadline and now > attempt.deadline:
        finished_at = attempt.deadline  # Moodle records the moment the time ran out
    attempt.state = Attempt.State.FINISHED
    attempt.finished_at = finished_at
    attempt.submitted_by_timer = by_timer
    attempt_score(attempt=attempt, rows=rows)
    attempt.save(
        update_fields=[
            "state",
            "finished_at",
            "submitted_by_timer",
            "points",
            "percent",
            "needs_marking",
            "passed",
        ]
    )


def attempt_score(*, attempt: Attempt, rows: list[AttemptQuestion], announce: bool = True) -> None:
    """Total points, percent and pass/fail; an attempt with unmarked essays has no verdict yet.

    Sets the fields without saving them (the caller holds the lock and saves). A pass is announced
    with ``quiz_passed`` after commit unless ``announce`` is false (marking again an attempt that
    had already passed)."""
    attempt.points = sum((row.points or Decimal(0) for row in rows), Decimal(0))
    attempt.needs_marking = any(row.state == AttemptQuestion.State.NEEDS_MARKING for row in rows)
    if attempt.needs_marking:
        attempt.percent, attempt.passed = None, None
        return
    attempt.percent = (
        (attempt.points / attempt.max_points * HUNDRED).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
        if attempt.max_points
        else Decimal(0)
    )
    attempt.passed = attempt.percent >= attempt.quiz.pass_mark
    # A preview is graded for its author to see, and never announced.
    if attempt.passed and attempt.user_id and announce and not attempt.is_preview:
        transaction.on_commit(
            lambda: quiz_passed.send(
                sender=Attempt,
                user=attempt.user,
                quiz=attempt.quiz,
                attempt=attempt,
                lesson_id=attempt.lesson_id,
            )
        )


def attempt_submit(*, attempt: Attempt, now=None, by_timer=False) -> Attempt:
    """Grade and finish the attempt, exactly once.

    The attempt row is locked (SELECT ... FOR UPDATE) and only an attempt still in progress is
    finished, so a double click, two tabs, a retried request or the timer racing the learner all
    end with one graded attempt; the later calls return it unchanged.
    """
    now = _now(now)
    with transaction.atomic():
        locked = (
            Attempt.all_objects.select_for_update(of=("self",))
            .select_related("quiz")
            .get(pk=attempt.pk)
        )
        if locked.state == Attempt.State.IN_PROGRESS:
            if locked.deadline and now > locked.deadline + grace_period():
                by_timer = True
            _submit_locked(locked, now=now, by_timer=by_timer)
    attempt.refresh_from_db()
    return attempt


def attempt_expire_if_due(*, attempt: Attempt, now=None) -> bool:
    """Submit an attempt whose time (plus grace) has run out; True if this call submitted it."""
    now = _now(now)
    if (
        attempt.state != Attempt.State.IN_PROGRESS
        or attempt.deadline is None
        or now <= attempt.deadline + grace_period()
    ):
        return False
    attempt_submit(attempt=attempt, now=now, by_timer=True)
    attempt.refresh_from_db()
    return attempt.submitted_by_timer


def attempts_submit_overdue(*, now=None) -> int:
    """Submit every attempt whose time has run out (the learner closed the tab); the worker or
    cron runs this through ``manage.py submit_overdue_attempts``."""
    now = _now(now)
    overdue = Attempt.objects.filter(
        state=Attempt.State.IN_PROGRESS, deadline__lt=now - grace_period()
    )
    count = 0
    for attempt in overdue.iterator():
        count += attempt_expire_if_due(attempt=attempt, now=now)
    return count
