"""What the catalogue, course and lesson pages show a reader: the courses with the reader's
progress, a course's lessons with the reader's marks, a lesson's place in its course.

The page models call these from ``get_context``, so this module never imports them: it reads the
courses and lessons through the pages it is given (``CourseIndexPage.courses()``,
``CoursePage.lessons()``). Each function runs a fixed number of queries, whatever the number of
courses, lessons and learners.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count
from taggit.models import Tag
from wagtail.models import Locale

from .models.choices import Audience
from .models.progress import Enrolment, LessonCompletion
from .rules import course_open_to
from .session_progress import session_progress_all, session_progress_get

if TYPE_CHECKING:
    from .models.pages import CourseIndexPage, CoursePage, LessonPage

CATALOGUE_PAGE_SIZE = 24


@dataclass
class Progress:
    lesson_count: int
    done_count: int
    required_count: int
    enrolment: Enrolment | None = None
    started: bool = False

    @property
    def percent(self) -> int:
        if not self.lesson_count:
            return 0
        return min(100, round(100 * self.done_count / self.lesson_count))

    @property
    def is_complete(self) -> bool:
        if self.enrolment is not None:
            return self.enrolment.is_complete
        return self.lesson_count > 0 and self.done_count >= self.required_count


@dataclass
class CourseCard:
    course: CoursePage
    progress: Progress | None
    topics: list[Tag]


@dataclass
class Catalogue:
    page: PaginatorPage
    cards: list[CourseCard]
    audiences: list[tuple[str, str]]
    topics: list[Tag]
    languages: list[tuple[str, str]]
    selected: dict[str, str] = field(default_factory=dict)

    @property
    def query(self) -> str:
        """The filters as a query-string prefix for pagination links."""
        chosen = {key: value for key, value in self.selected.items() if value}
        return urlencode(chosen) + "&" if chosen else ""


def done_counts(user, course_ids) -> dict[int, int]:
    rows = (
        LessonCompletion.objects.filter(user=user, course_id__in=course_ids, lesson__live=True)
        .values("course_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["course_id"]: row["n"] for row in rows}


def progress_map(request, courses: list[CoursePage]) -> dict[int, Progress]:
    """Progress in each course (which must carry `lesson_count`): two queries for a learner,
    none for a visitor (their progress is in the session)."""
    user = request.user
    ids = [course.pk for course in courses]
    if user.is_authenticated:
        enrolments = {
            e.course_id: e for e in Enrolment.objects.filter(user=user, course_id__in=ids)
        }
        done = done_counts(user, ids)
    else:
        enrolments = {}
        sessions = session_progress_all(request.session) if not request.session.is_empty() else {}
        done = {course_id: len(progress.done) for course_id, progress in sessions.items()}
    result = {}
    for course in courses:
        done_count = done.get(course.pk, 0)
        enrolment = enrolments.get(course.pk)
        result[course.pk] = Progress(
            lesson_count=course.lesson_count,
            done_count=min(done_count, course.lesson_count),
            required_count=course.required_lesson_count(course.lesson_count),
            enrolment=enrolment,
            started=enrolment is not None or done_count > 0,
        )
    return result


def catalogue_get(*, index_page: CourseIndexPage, request) -> Catalogue:
    params = request.GET
    language_codes = dict(settings.LANGUAGES)
    selected = {
        "audience": params.get("audience", ""),
        "topic": params.get("topic", ""),
        "language": params.get("language", ""),
    }
    index = index_page
    if (
        selected["language"] in language_codes
        and selected["language"] != index.locale.language_code
    ):
        locale = Locale.objects.filter(language_code=selected["language"]).first()
        index = index_page.get_translation_or_none(locale) if locale else None
    elif selected["language"] not in language_codes:
        selected["language"] = ""

    courses = index_page.courses().none()
    if index is not None:
        courses = (
            index.courses()
            .public()
            .with_lesson_count()
            .select_related("cover_image")
            .prefetch_related("cover_image__renditions", "tagged_topics__tag")
            .order_by("title")
        )
    topics = list(
        Tag.objects.filter(courses_coursetopic_items__content_object__in=courses)
        .distinct()
        .order_by("name")
    )
    if selected["audience"] == Audience.PUBLIC:
        courses = courses.filter(audience__in=[Audience.PUBLIC, Audience.BOTH])
    elif selected["audience"] == Audience.CIVIL_SERVANTS:
        courses = courses.filter(audience__in=[Audience.CIVIL_SERVANTS, Audience.BOTH])
    else:
        selected["audience"] = ""
    if selected["topic"]:
        courses = courses.filter(tagged_topics__tag__slug=selected["topic"]).distinct()

    page = Paginator(courses, CATALOGUE_PAGE_SIZE).get_page(params.get("page"))
    page_courses = list(page.object_list)
    progress = progress_map(request, page_courses)
    cards = [
        CourseCard(
            course=course,
            progress=progress[course.pk],
            topics=[tagged.tag for tagged in course.tagged_topics.all()],
        )
        for course in page_courses
    ]
    return Catalogue(
        page=page,
        cards=cards,
        audiences=[
            (Audience.PUBLIC.value, Audience.PUBLIC.label),
            (Audience.CIVIL_SERVANTS.value, Audience.CIVIL_SERVANTS.label),
        ],
        topics=topics,
        languages=list(settings.LANGUAGES),
        selected=selected,
    )


@dataclass
class LessonItem:
    lesson: LessonPage
    is_done: bool
    is_current: bool = False


@dataclass
class CourseOutline:
    course: CoursePage
    items: list[LessonItem]
    progress: Progress
    is_open: bool
    continue_lesson: LessonPage | None

    @property
    def first_lesson(self) -> LessonPage | None:
        return self.items[0].lesson if self.items else None


def course_outline_get(*, course: CoursePage, request, current: LessonPage | None = None):
    """The lessons of a course with the learner's marks: three queries at most."""
    lessons = list(course.lessons())
    course.lesson_count = len(lessons)
    user = request.user
    if user.is_authenticated:
        enrolment = Enrolment.objects.filter(user=user, course=course).first()
        done_ids = set(
            LessonCompletion.objects.filter(user=user, course=course).values_list(
                "lesson_id", flat=True
            )
        )
        last_id = enrolment.last_lesson_id if enrolment else None
    else:
        enrolment = None
        session = request.session
        progress = session_progress_get(session, course.pk) if not session.is_empty() else None
        done_ids = progress.done if progress else set()
        last_id = progress.last if progress else None
    items = [
        LessonItem(lesson=lesson, is_done=lesson.pk in done_ids, is_current=lesson == current)
        for lesson in lessons
    ]
    done_count = sum(item.is_done for item in items)
    by_id = {lesson.pk: lesson for lesson in lessons}
    continue_lesson = by_id.get(last_id)
    if continue_lesson is None or (continue_lesson.pk in done_ids and done_count < len(items)):
        # Continue at the first lesson not done yet.
        continue_lesson = next((item.lesson for item in items if not item.is_done), None)
    return CourseOutline(
        course=course,
        items=items,
        progress=Progress(
            lesson_count=len(lessons),
            done_count=done_count,
            required_count=course.required_lesson_count(len(lessons)),
            enrolment=enrolment,
            started=enrolment is not None or done_count > 0,
        ),
        is_open=course_open_to(user, course),
        continue_lesson=continue_lesson,
    )


@dataclass
class LessonOutline:
    course_outline: CourseOutline
    previous: LessonPage | None
    next: LessonPage | None
    position: int
    is_done: bool

    @property
    def course(self) -> CoursePage:
        return self.course_outline.course


def lesson_outline_get(*, lesson: LessonPage, request) -> LessonOutline:
    course = lesson.course
    outline = course_outline_get(course=course, request=request, current=lesson)
    lessons = [item.lesson for item in outline.items]
    position = lessons.index(lesson) if lesson in lessons else 0
    return LessonOutline(
        course_outline=outline,
        previous=lessons[position - 1] if position > 0 else None,
        next=lessons[position + 1] if position + 1 < len(lessons) else None,
        position=position + 1,
        is_done=any(item.is_done for item in outline.items if item.lesson == lesson),
    )
