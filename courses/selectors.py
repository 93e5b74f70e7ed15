"""Read-only queries behind the catalogue, course and lesson pages and the dashboard.

Each runs a fixed number of queries, whatever the number of courses, lessons and learners.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from taggit.models import Tag
from wagtail.models import Locale

from .models import Audience, CoursePage, Enrolment, LessonCompletion, LessonPage
from .rules import course_open_to
from .session_progress import session_progress_all, session_progress_get

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


def _lesson_count_subquery():
    lessons = (
        LessonPage.objects.live()
        .filter(path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1)
        .order_by()
        .values("depth")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(lessons, output_field=IntegerField()), Value(0))


def _done_counts(user, course_ids) -> dict[int, int]:
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
        done = _done_counts(user, ids)
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


def catalogue_get(*, index_page, request) -> Catalogue:
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

    courses = CoursePage.objects.none()
    if index is not None:
        courses = (
            CoursePage.objects.live()
            .public()
            .child_of(index)
            .annotate(lesson_count=_lesson_count_subquery())
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
    lessons = list(LessonPage.objects.live().child_of(course).order_by("path"))
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
        .annotate(lesson_count=_lesson_count_subquery())
        .values_list("pk", "lesson_count")
    )
    done = _done_counts(user, course_ids)
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
