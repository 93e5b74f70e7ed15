"""Which lesson and course a quiz belongs to, for quizzes' pages (``quizzes.contexts``).

Registered as ``QUIZ_CONTEXT_HOOK`` in wagtail_hooks.py. The lesson the learner came from wins
when its body really embeds the quiz; otherwise the placements table tells which live lessons
embed the quiz (in any of its languages), and the lesson is derived when they all belong
to one course (in the reader's language when the course has it).
"""

from django.utils.translation import get_language

from quizzes.contexts import QuizContext

from .models import LessonPage


def _lessons_embedding(quiz) -> list[LessonPage]:
    """Live lessons that embed the quiz in any of its languages (the placements table, which
    ``courses.placements`` keeps in step with every saved lesson body): one query."""
    return list(
        LessonPage.objects.live()
        .filter(quiz_placements__quiz_key=quiz.translation_key)
        .select_related("locale")
    )


def _pick(lessons: list[LessonPage], quiz) -> LessonPage | None:
    if not lessons:
        return None
    courses = {lesson.course.translation_key for lesson in lessons}
    if len(courses) != 1:
        return None  # several courses embed the quiz: which one counts is not ours to guess
    language = (get_language() or "").split("-")[0]
    for wanted in (quiz.locale_id, language):
        for lesson in lessons:
            if lesson.locale_id == wanted or lesson.locale.language_code == wanted:
                return lesson
    return lessons[0]


def quiz_place_get(quiz, lesson_id=None, request=None) -> QuizContext | None:
    lesson = None
    if lesson_id:
        lesson = (
            LessonPage.objects.live()
            .filter(pk=lesson_id, quiz_placements__quiz_key=quiz.translation_key)
            .first()
        )
    if lesson is None:
        lesson = _pick(_lessons_embedding(quiz), quiz)
    if lesson is None:
        return None
    course = lesson.course
    return QuizContext(
        lesson_id=lesson.pk,
        lesson_title=lesson.title,
        lesson_url=lesson.url,
        course_title=course.title,
        course_url=course.url,
        open_to_visitors=course.live and course.is_public,
    )
