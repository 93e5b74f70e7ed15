"""A visitor's attempts become their account's when they sign in or sign up.

Django gives the session a new key at sign-in, so attempts cannot be found by the old key then;
the attempts a visitor starts are remembered by uuid in their session data instead (which the new
key keeps), and only attempts without an owner account are ever claimed.
"""

from django.db import transaction
from django.db.models import Max

from quizzes.models import Attempt
from quizzes.signals import quiz_passed

SESSION_KEY = "quizzes.attempts"


def session_attempt_remember(session, attempt: Attempt) -> None:
    """Note a visitor's attempt in their session so that an account can claim it later."""
    remembered = session.get(SESSION_KEY, [])
    if str(attempt.uuid) not in remembered:
        session[SESSION_KEY] = [*remembered, str(attempt.uuid)]


@transaction.atomic
def session_attempts_claim(*, session, user) -> int:
    """Give the visitor's attempts to ``user``; returns how many moved.

    Each moved attempt is numbered after the account's own attempts at the quiz. An open attempt
    stays with the session when the account already has one open for that quiz (one open attempt
    per learner). A passed attempt is announced with ``quiz_passed`` after commit, as if the
    account had passed it, so that courses complete the lesson and the course.
    """
    uuids = session.get(SESSION_KEY) or []
    if not uuids or user is None or not user.is_authenticated:
        return 0
    moved = 0
    attempts = (
        Attempt.objects.select_for_update(of=("self",))
        .filter(uuid__in=uuids, user__isnull=True)
        .select_related("quiz")
        .order_by("started_at", "pk")
    )
    for attempt in attempts:
        own = Attempt.objects.filter(quiz=attempt.quiz, user=user)
        if (
            attempt.state == Attempt.State.IN_PROGRESS
            and own.filter(state=Attempt.State.IN_PROGRESS).exists()
        ):
            continue
        attempt.user = user
        attempt.session_key = ""
        attempt.number = (own.aggregate(top=Max("number"))["top"] or 0) + 1
        attempt.save(update_fields=["user", "session_key", "number"])
        moved += 1
        if attempt.passed:
            transaction.on_commit(_announce(attempt))
    session.pop(SESSION_KEY, None)
    return moved


def _announce(attempt: Attempt):
    return lambda: quiz_passed.send(
        sender=Attempt,
        user=attempt.user,
        quiz=attempt.quiz,
        attempt=attempt,
        lesson_id=attempt.lesson_id,
    )


def claim_on_sign_in(sender, request, user, **kwargs):
    """Receiver for sign-in and sign-up."""
    session = getattr(request, "session", None)
    if session is not None and session.get(SESSION_KEY):
        session_attempts_claim(session=session, user=user)
