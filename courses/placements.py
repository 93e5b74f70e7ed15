"""Quiz placements: which lessons embed which quizzes, and who may therefore open a quiz.

``placements_update`` rewrites a lesson's rows from its saved body (a receiver calls it on every
save that writes the body, publishing included); ``quiz_open_through_courses`` answers the
quizzes' ``QUIZ_PLACEMENT_HOOK``: a quiz is open to whoever may read a live course with a live
lesson that embeds it in any language, and None when no live lesson embeds it.
"""

from django.core.cache import cache
from django.db import transaction

from core.caching import content_version, content_version_bump

from .models import CoursePage, LessonPage, QuizPlacement
from .rules import course_open_to


def lesson_quiz_keys(lesson: LessonPage) -> set:
    """The translation keys of the quizzes the lesson's body embeds."""
    return {quiz.translation_key for quiz in lesson.embedded_quizzes()}


def placements_update(*, lesson: LessonPage) -> None:
    keys = lesson_quiz_keys(lesson)
    with transaction.atomic():
        QuizPlacement.objects.filter(lesson=lesson).exclude(quiz_key__in=keys).delete()
        existing = set(
            QuizPlacement.objects.filter(lesson=lesson).values_list("quiz_key", flat=True)
        )
        QuizPlacement.objects.bulk_create(
            [QuizPlacement(lesson=lesson, quiz_key=key) for key in keys - existing],
            ignore_conflicts=True,
        )
        # courses_placing's cached answers are keyed by the content version.
        transaction.on_commit(content_version_bump)


def courses_placing(quiz) -> list[CoursePage] | None:
    """The live courses whose live lessons embed the quiz (with their audience); None when no
    live lesson does. Asked on every quiz and attempt request, so the answer is kept in the
    cache under the content version, which any page or placement change moves on."""
    key = f"courses:placing:{content_version()}:{quiz.translation_key}"
    found = cache.get(key)
    if found is None:
        found = _courses_placing(quiz)
        cache.set(key, found, 900)
    if found == ():
        return None
    return [CoursePage(pk=pk, audience=audience) for pk, audience in found]


def _courses_placing(quiz) -> tuple:
    paths = set(
        QuizPlacement.objects.filter(quiz_key=quiz.translation_key, lesson__live=True).values_list(
            "lesson__path", flat=True
        )
    )
    if not paths:
        return ()
    parents = {path[: -LessonPage.steplen] for path in paths}
    return tuple(CoursePage.objects.live().filter(path__in=parents).values_list("pk", "audience"))


def quiz_open_through_courses(user, quiz) -> bool | None:
    courses = courses_placing(quiz)
    if courses is None:
        return None
    return any(course_open_to(user, course) for course in courses)
