from django.core.exceptions import ValidationError

from .models import LessonPage
from .placements import placements_update
from .services import lesson_complete, session_progress_claim
from .session_progress import SESSION_KEY


def claim_session_progress(sender, request, user, **kwargs):
    """On sign-in or sign-up, lessons done before signing in become the account's."""
    session = getattr(request, "session", None)
    if session is not None and session.get(SESSION_KEY):
        session_progress_claim(session=session, user=user)


def complete_lesson_on_quiz_pass(sender, user, quiz, attempt, lesson_id=None, **kwargs):
    """Passing the quiz embedded in a lesson completes that lesson for the learner.

    Only a live lesson whose body holds this quiz (in any language) counts, so a made-up lesson
    id on the start form completes nothing.
    """
    if not lesson_id or user is None:
        return
    lesson = LessonPage.objects.live().filter(pk=lesson_id).first()
    if lesson is None or not lesson.embeds_quiz(quiz):
        return
    try:
        lesson_complete(user=user, lesson=lesson, by_quiz=True)
    except ValidationError:
        return  # the course is closed to this learner


def update_quiz_placements(sender, instance, update_fields=None, raw=False, **kwargs):
    """A lesson saved with its body (created, published, reverted) re-lists the quizzes it
    places. Saves that touch only bookkeeping fields (a draft revision, unpublishing) keep the
    rows: the lookup reads only live lessons."""
    if raw or (update_fields is not None and "body" not in update_fields):
        return
    placements_update(lesson=instance)
