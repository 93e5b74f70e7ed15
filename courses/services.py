"""Writes to learners' progress. Views, signal receivers and commands call these."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import CoursePage, Enrolment, LessonCompletion, LessonPage
from .rules import course_open_to
from .session_progress import session_progress_all, session_progress_clear
from .signals import course_completed

MESSAGE_COURSE_CLOSED = _("This course is for civil servants. Sign in with your work account.")
MESSAGE_LESSON_NOT_LIVE = _("This lesson is not published.")
MESSAGE_PASS_THE_QUIZ = _("Pass the quiz in this lesson to complete it.")


def live_lesson_ids(course: CoursePage) -> list[int]:
    return list(course.lessons().values_list("pk", flat=True))


@transaction.atomic
def enrolment_create(*, user, course: CoursePage) -> Enrolment:
    """Enrol the learner (once: a second call returns the same enrolment)."""
    if not course_open_to(user, course):
        raise ValidationError(MESSAGE_COURSE_CLOSED, code="course_closed")
    enrolment, _created = Enrolment.objects.get_or_create(user=user, course=course)
    return enrolment


@transaction.atomic
def lesson_complete(
    *,
    user,
    lesson: LessonPage,
    course: CoursePage | None = None,
    by_quiz: bool = False,
    by_activity: bool = False,
) -> Enrolment:
    """Record the lesson as done (idempotent) and complete the course when its rule holds.

    A lesson with a quiz is completed only by passing the quiz (``by_quiz``), never by its
    button: required courses and certificates must not be had without the quiz. The same holds
    for a block added by an app above courses (``LessonPage.body_extend``, ``by_activity``).
    """
    if not lesson.live:
        raise ValidationError(MESSAGE_LESSON_NOT_LIVE, code="lesson_not_live")
    if lesson.has_quiz and not by_quiz:
        raise ValidationError(MESSAGE_PASS_THE_QUIZ, code="quiz_required")
    if not by_activity and lesson.activity_message is not None:
        raise ValidationError(lesson.activity_message, code="activity_required")
    course = course or lesson.course
    enrolment = enrolment_create(user=user, course=course)
    LessonCompletion.objects.get_or_create(user=user, lesson=lesson, defaults={"course": course})
    now = timezone.now()
    Enrolment.objects.filter(pk=enrolment.pk).update(last_lesson=lesson, last_activity_at=now)
    enrolment.last_lesson, enrolment.last_activity_at = lesson, now
    course_completion_check(enrolment=enrolment, course=course)
    return enrolment


def course_completion_check(*, enrolment: Enrolment, course: CoursePage) -> bool:
    """Mark the enrolment complete when the course's rule holds; True if it just happened.

    The conditional UPDATE makes completion happen once even with two tabs or two workers,
    and the signal goes out only after the transaction commits.
    """
    if enrolment.completed_at is not None:
        return False
    lesson_ids = live_lesson_ids(course)
    if not lesson_ids:
        return False
    done = LessonCompletion.objects.filter(user_id=enrolment.user_id, lesson_id__in=lesson_ids)
    if done.count() < course.required_lesson_count(len(lesson_ids)):
        return False
    now = timezone.now()
    updated = Enrolment.objects.filter(pk=enrolment.pk, completed_at__isnull=True).update(
        completed_at=now
    )
    if not updated:
        return False
    enrolment.completed_at = now
    transaction.on_commit(
        lambda: course_completed.send(
            sender=Enrolment, enrolment=enrolment, user=enrolment.user, course=course
        )
    )
    return True


def lesson_visit(*, user, lesson: LessonPage, course: CoursePage) -> None:
    """Remember where an enrolled learner is, for "continue where I left off"."""
    Enrolment.objects.filter(user=user, course=course).exclude(last_lesson=lesson).update(
        last_lesson=lesson, last_activity_at=timezone.now()
    )


@transaction.atomic
def session_progress_claim(*, session, user) -> int:
    """Carry a visitor's session progress into their account; returns lessons carried."""
    carried = 0
    for course_id, progress in session_progress_all(session).items():
        course = CoursePage.objects.live().filter(pk=course_id).first()
        if course is None or not course_open_to(user, course):
            continue
        lessons = {lesson.pk: lesson for lesson in course.lessons().filter(pk__in=progress.done)}
        for lesson_id in progress.done:
            # A lesson with a quiz counts only when its quiz is passed, in the account.
            lesson = lessons.get(lesson_id)
            if lesson is not None and not lesson.has_quiz and lesson.activity_message is None:
                lesson_complete(user=user, lesson=lesson, course=course)
                carried += 1
        if progress.last in lessons:
            Enrolment.objects.filter(user=user, course=course).update(
                last_lesson=lessons[progress.last]
            )
    session_progress_clear(session)
    return carried
