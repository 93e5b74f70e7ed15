"""Which lesson and course a quiz belongs to, for quizzes' pages (``quizzes.contexts``).

Registered as ``QUIZ_CONTEXT_HOOK`` in wagtail_hooks.py. The lesson the learner came from wins
when its body really embeds the quiz; otherwise Wagtail's reference index tells which live
lessons embed the quiz (in any of its languages), and the lesson is derived when they all belong
to one course (in the reader's language when the course has it).
"""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import get_language
from wagtail.models import Page, ReferenceIndex

from quizzes.contexts import QuizContext
from quizzes.models import Quiz

from .models import LessonPage


def _lessons_embedding(quiz) -> list[LessonPage]:
    quiz_ids = Quiz.objects.filter(translation_key=quiz.translation_key).values_list(
        "pk", flat=True
    )
    page_ids = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(Quiz),
        to_object_id__in=[str(pk) for pk in quiz_ids],
        base_content_type=ContentType.objects.get_for_model(Page),
    ).values_list("object_id", flat=True)
    lessons = LessonPage.objects.live().filter(pk__in=[int(pk) for pk in page_ids])
    return [lesson for lesson in lessons.select_related("locale") if lesson.embeds_quiz(quiz)]


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
        candidate = LessonPage.objects.live().filter(pk=lesson_id).first()
        if candidate is not None and candidate.embeds_quiz(quiz):
            lesson = candidate
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
