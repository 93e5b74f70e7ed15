"""Quiz placements: which lessons embed which quizzes, and who may therefore open a quiz.

``placements_update`` rewrites a lesson's rows from its saved body (a receiver calls it on every
save that writes the body, publishing included); ``quiz_open_through_courses`` answers the
quizzes' ``QUIZ_PLACEMENT_HOOK``: a quiz is open to whoever may read a live course with a live
lesson that embeds it in any language, and None when no live lesson embeds it.
"""

from django.db import transaction

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


def courses_placing(quiz) -> list[CoursePage] | None:
    """The live courses whose live lessons embed the quiz; None when no live lesson does."""
    paths = set(
        QuizPlacement.objects.filter(quiz_key=quiz.translation_key, lesson__live=True).values_list(
            "lesson__path", flat=True
        )
    )
    if not paths:
        return None
    parents = {path[: -LessonPage.steplen] for path in paths}
    return list(CoursePage.objects.live().filter(path__in=parents).only("pk", "audience"))


def quiz_open_through_courses(user, quiz) -> bool | None:
    courses = courses_placing(quiz)
    if courses is None:
        return None
    return any(course_open_to(user, course) for course in courses)
