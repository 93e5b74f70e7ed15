"""Grade exports of a course: one row per learner enrolled in it (any language) or who
attempted one of its quizzes, with the course grade (the mean of its quizzes, each by its
grading method, as on the certificate) and each quiz's grade and attempts. The per-question
marks are in the quiz's own export (quizzes.grade_exports)."""

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from accounts.models import Organization, User
from quizzes.grade_exports import learner_attempts, learners_in
from quizzes.models import Attempt
from quizzes.selectors import quiz_grade

from .models import CoursePage, Enrolment


def course_quizzes(course: CoursePage) -> list:
    """The quizzes of the course's lessons, once each (any language counts as the same)."""
    quizzes = {}
    for lesson in course.lessons():
        for quiz in lesson.embedded_quizzes():
            quizzes.setdefault(quiz.translation_key, quiz)
    return list(quizzes.values())


def course_grade_rows(
    *, course: CoursePage, organization: Organization | None = None
) -> Iterator[list]:
    quizzes = course_quizzes(course)
    user_ids = learners_in(organization)
    per_quiz = [learner_attempts(quiz=quiz, user_ids=user_ids) for quiz in quizzes]
    enrolled = Enrolment.objects.filter(course__translation_key=course.translation_key)
    if user_ids is not None:
        enrolled = enrolled.filter(user_id__in=list(user_ids))
    learners = {user.pk: user for by_user in per_quiz for user in by_user}
    missing = set(enrolled.values_list("user_id", flat=True)) - set(learners)
    learners.update({user.pk: user for user in User.objects.filter(pk__in=missing)})
    yield [
        _("Name"),
        _("Username"),
        _("E-mail"),
        _("Course grade (%)"),
        *[
            label
            for quiz in quizzes
            for label in (
                _("%(quiz)s: grade (%%)") % {"quiz": quiz.title},
                _("%(quiz)s: attempts") % {"quiz": quiz.title},
            )
        ],
    ]
    attempts_by_quiz = [
        {user.pk: attempts for user, attempts in by_user.items()} for by_user in per_quiz
    ]
    for user in sorted(learners.values(), key=lambda u: (u.get_full_name(), u.pk)):
        cells, grades = [], []
        for quiz, by_user in zip(quizzes, attempts_by_quiz, strict=True):
            attempts = by_user.get(user.pk, [])
            grade = quiz_grade(quiz=quiz, attempts=attempts)
            if grade is not None:
                grades.append(grade)
            cells += [float(grade) if grade is not None else None, len(attempts)]
        mean = (
            (sum(grades, Decimal(0)) / len(grades)).quantize(Decimal("0.01"), ROUND_HALF_UP)
            if grades
            else None
        )
        yield [
            user.get_full_name() or user.username,
            user.username,
            user.email,
            float(mean) if mean is not None else None,
            *cells,
        ]


def course_grades_for(rows) -> dict[tuple[int, int], Decimal | None]:
    """(user id, course id) -> the learner's course grade (the mean of the course's quizzes, each
    by its grading method), for a page of required courses: a query for each distinct course's
    lessons and one for the attempts of its quizzes, whatever the number of rows."""
    users_by_course: dict[int, set[int]] = {}
    courses = {}
    for row in rows:
        users_by_course.setdefault(row.course_id, set()).add(row.user_id)
        courses[row.course_id] = row.course
    grades: dict[tuple[int, int], Decimal | None] = {}
    for course_id, user_ids in users_by_course.items():
        quizzes = course_quizzes(courses[course_id])
        if not quizzes:
            continue
        by_user_and_key: dict[tuple[int, object], list] = {}
        attempts = Attempt.objects.filter(
            user_id__in=user_ids, quiz__translation_key__in=[q.translation_key for q in quizzes]
        ).select_related("quiz")
        for attempt in attempts:
            key = (attempt.user_id, attempt.quiz.translation_key)
            by_user_and_key.setdefault(key, []).append(attempt)
        for user_id in user_ids:
            found = [
                quiz_grade(
                    quiz=quiz, attempts=by_user_and_key.get((user_id, quiz.translation_key), [])
                )
                for quiz in quizzes
            ]
            found = [grade for grade in found if grade is not None]
            grades[(user_id, course_id)] = (
                (sum(found, Decimal(0)) / len(found)).quantize(Decimal("0.01"), ROUND_HALF_UP)
                if found
                else None
            )
    return grades
