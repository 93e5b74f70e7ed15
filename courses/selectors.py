"""Read-only queries behind the learner's dashboard.

Each runs a fixed number of queries, whatever the number of courses, lessons and learners.
"""

from dataclasses import dataclass

from .models import CoursePage, Enrolment, LessonCompletion
from .outlines import CourseCard, Progress, done_counts


@dataclass
class Dashboard:
    in_progress: list[CourseCard]
    completed: list[CourseCard]
    recent: list[LessonCompletion]


def dashboard_get(*, request) -> Dashboard:
    """The signed-in learner's courses, in any language, most recent first."""
    user = request.user
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
    recent = list(
        LessonCompletion.objects.filter(user=user)
        .select_related("lesson", "course")
        .order_by("-completed_at")[:10]
    )
    return Dashboard(in_progress=in_progress, completed=completed, recent=recent)
