"""Read-only queries behind the learner's dashboard.

Each runs a fixed number of queries, whatever the number of courses, lessons and learners.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import get_language

from .models import CoursePage, Enrolment, LessonCompletion
from .outlines import CourseCard, Progress, done_counts


@dataclass
class RequiredCard:
    """A required course on the dashboard: the assignment row, the learner's progress (None
    before they start), and the course's title and address in the reader's language."""

    row: object  # courses.models.RequiredCourse, annotated with ``status``
    progress: Progress | None
    course: CoursePage
    days_left: int  # negative once overdue

    @property
    def days_overdue(self) -> int:
        return -self.days_left


@dataclass
class Dashboard:
    in_progress: list[CourseCard]
    completed: list[CourseCard]
    recent: list[LessonCompletion]
    required: list[RequiredCard] = field(default_factory=list)


def courses_in_reader_language(courses: list[CoursePage]) -> dict[int, CoursePage]:
    """Each course's live translation in the active language, keyed by the course's id (the
    course itself when it has none): one query, so a Russian reader sees Russian titles."""
    language = (get_language() or "").split("-")[0]
    wanted = {course.translation_key for course in courses if course.locale_id}
    translated = {
        page.translation_key: page
        for page in CoursePage.objects.live().filter(
            translation_key__in=wanted, locale__language_code=language
        )
    }
    return {course.pk: translated.get(course.translation_key, course) for course in courses}


def dashboard_get(*, request, required=(), today: datetime.date | None = None) -> Dashboard:
    """The signed-in learner's courses, most recent first, one card per course: a required
    course (``required``: rows from ``required_course_list_for_user``) shows once, in the
    required list, with its progress; titles are in the reader's language when translated."""
    user = request.user
    today = today or timezone.localdate()
    enrolments = list(
        Enrolment.objects.filter(user=user)
        .select_related("course", "last_lesson")
        .order_by("-last_activity_at")
    )
    course_ids = [e.course_id for e in enrolments]
    counts = dict(
        CoursePage.objects.filter(pk__in=course_ids)
        .with_lesson_count()
        .values_list("pk", "lesson_count")
    )
    done = done_counts(user, course_ids)
    in_progress, completed = [], []
    for enrolment in enrolments:
        course = enrolment.course
        course.lesson_count = counts.get(course.pk, 0)
        card = CourseCard(
            course=course,
            progress=Progress(
                lesson_count=course.lesson_count,
                done_count=min(done.get(course.pk, 0), course.lesson_count),
                required_count=course.required_lesson_count(course.lesson_count),
                enrolment=enrolment,
                started=True,
            ),
            topics=[],
        )
        (completed if enrolment.is_complete else in_progress).append(card)
    progress_by_course = {card.course.pk: card.progress for card in in_progress + completed}
    required = list(required)
    shown = courses_in_reader_language(
        [card.course for card in in_progress + completed] + [row.course for row in required]
    )
    required_cards = [
        RequiredCard(
            row=row,
            progress=progress_by_course.get(row.course_id),
            course=shown[row.course_id],
            days_left=(row.due_on - today).days,
        )
        for row in required
    ]
    required_ids = {row.course_id for row in required}
    in_progress = [_shown(c, shown) for c in in_progress if c.course.pk not in required_ids]
    completed = [_shown(c, shown) for c in completed if c.course.pk not in required_ids]
    recent = list(
        LessonCompletion.objects.filter(user=user)
        .select_related("lesson", "course")
        .order_by("-completed_at")[:10]
    )
    return Dashboard(
        in_progress=in_progress, completed=completed, recent=recent, required=required_cards
    )


def _shown(card: CourseCard, shown: dict[int, CoursePage]) -> CourseCard:
    return CourseCard(course=shown[card.course.pk], progress=card.progress, topics=card.topics)
