"""Who may open a quiz: see it, start it, take it and review it. One predicate for every page.

Quizzes sit below courses, so they cannot ask a course who may read it. An app above registers
a function with ``@hooks.register(QUIZ_PLACEMENT_HOOK)``: it takes the user and the quiz and
answers True (open to this user), False (placed only where this user may not read) or None (the
quiz is placed nowhere this app knows). Courses answer through their table of quiz placements
(``courses.placements``): a quiz is open to whoever may read a live course that embeds it, in
any of its languages.

A quiz placed nowhere is open to staff and to its own audience: everyone when it allows
visitors without an account, otherwise every signed-in user. Staff (the people who author and
review quizzes) may always open a live quiz; a draft only opens to those who may edit quizzes.
"""

from wagtail import hooks

from accounts.roles import user_is_staff

QUIZ_PLACEMENT_HOOK = "register_quiz_placement"


def can_edit_quizzes(user) -> bool:
    return user.is_authenticated and user.has_perm("quizzes.change_quiz")


def quiz_placement_answers(user, quiz) -> list[bool]:
    """What the registered placements say about this user and quiz (None answers left out)."""
    answers = (placement(user, quiz) for placement in hooks.get_hooks(QUIZ_PLACEMENT_HOOK))
    return [answer for answer in answers if answer is not None]


def quiz_open_to(user, quiz) -> bool:
    """Whether this user may see, start, take and review attempts on this quiz."""
    if not quiz.live:
        return can_edit_quizzes(user)
    if user_is_staff(user):
        return True
    answers = quiz_placement_answers(user, quiz)
    if answers:
        return any(answers)
    return quiz.allow_anonymous or user.is_authenticated
