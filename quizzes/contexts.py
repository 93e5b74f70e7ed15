"""Where a quiz sits: the lesson and course that embed it, offered to apps above quizzes.

Quizzes sit below courses and must not name them, yet a quiz page has to link back to its lesson,
a visitor may take the quiz of a public course without an account, and an attempt has to count
for the lesson whichever way the learner reached the quiz. Courses register a function with
``@hooks.register(QUIZ_CONTEXT_HOOK)`` that takes ``(quiz, lesson_id, request)`` and returns a
``QuizContext`` (or None when the quiz sits in no lesson it knows). ``lesson_id`` is the lesson
the learner came from, if any; without it the function derives the lesson when only one course
embeds the quiz.
"""

from dataclasses import dataclass

from wagtail import hooks

QUIZ_CONTEXT_HOOK = "register_quiz_context"


@dataclass(frozen=True)
class QuizContext:
    lesson_id: int
    lesson_title: str
    lesson_url: str
    course_title: str
    course_url: str
    # The course may be studied without an account, so its quiz may be taken without one too.
    open_to_visitors: bool = False


def quiz_context_get(*, quiz, lesson_id=None, request=None) -> QuizContext | None:
    """The first registered answer for the quiz, or None."""
    for context_for in hooks.get_hooks(QUIZ_CONTEXT_HOOK):
        context = context_for(quiz, lesson_id, request)
        if context is not None:
            return context
    return None


def quiz_open_to_visitors(quiz, context: QuizContext | None) -> bool:
    """Visitors may take a quiz that allows it, or one embedded in a course open to visitors."""
    return bool(quiz.allow_anonymous or (context is not None and context.open_to_visitors))
