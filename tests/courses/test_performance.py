"""The catalogue, course and lesson pages run a fixed number of queries however much content and
however many learners there are; anonymous lessons come from the cache without leaking progress."""

import io

import pytest
from django.core.cache import cache
from django.core.files.images import ImageFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.images import get_image_model

from courses import services
from courses.models import Audience, CoursePage, LessonPage

from .conftest import lessons_of

pytestmark = pytest.mark.django_db


def png(name: str) -> ImageFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 36), (11, 93, 122)).save(buffer, "PNG")
    return ImageFile(buffer, name=name)


def build_catalogue(catalogue, courses: int, lessons: int, start: int = 0, topics=("a", "b")):
    """Live pages straight into the tree (no revisions): fast enough for hundreds of pages."""
    Image = get_image_model()
    created = []
    for number in range(start, start + courses):
        course = catalogue.add_child(
            instance=CoursePage(
                title=f"Course {number:03}",
                slug=f"course-{number}",
                summary="A course.",
                audience=Audience.PUBLIC if number % 2 else Audience.BOTH,
                cover_image=Image.objects.create(
                    title=f"cover {number}", file=png(f"c{number}.png")
                ),
            )
        )
        course.topics.add(topics[number % len(topics)])
        course.save()
        for lesson_number in range(lessons):
            course.add_child(
                instance=LessonPage(
                    title=f"Lesson {lesson_number}",
                    slug=f"lesson-{lesson_number}",
                    body=[("rich_text", f"<p>Lesson {lesson_number}.</p>")],
                )
            )
        created.append(course)
    return created


def queries_for(client, url) -> int:
    client.get(url)  # warm: renditions, site root paths
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.fixture
def learner(make_user, django_user_model):
    return make_user("learner")


def learner_with_progress(user, courses):
    for course in courses[:5]:
        for lesson in lessons_of(course)[:3]:
            services.lesson_complete(user=user, lesson=lesson, course=course)


@pytest.fixture
def rendered(settings):
    """Every request renders: the anonymous page cache (tested on its own) is off."""
    settings.MULOQOT_PAGE_CACHE_SECONDS = 0


@pytest.mark.parametrize("signed_in", [False, True])
def test_catalogue_queries_do_not_grow_with_courses(
    client, catalogue, learner, signed_in, django_assert_max_num_queries, rendered
):
    if signed_in:
        client.force_login(learner)
    small = list(build_catalogue(catalogue, courses=2, lessons=2))
    learner_with_progress(learner, small)
    few = queries_for(client, "/courses/")
    cache.clear()
    many = list(build_catalogue(catalogue, courses=48, lessons=10, start=2))[2:]
    learner_with_progress(learner, many)
    assert queries_for(client, "/courses/") == few
    # Routing, filters, one page of courses with their topics, and (signed in) the session,
    # user, permissions and two progress queries.
    with django_assert_max_num_queries(22 if signed_in else 14):
        client.get("/courses/")


def test_course_and_lesson_queries_do_not_grow_with_lessons_or_learners(
    client, catalogue, learner, make_user, django_assert_max_num_queries
):
    small = build_catalogue(catalogue, courses=1, lessons=2)[0]
    large = build_catalogue(catalogue, courses=1, lessons=10, start=1)[0]
    for other in range(20):  # other learners' progress must not cost anything
        services.lesson_complete(user=make_user(f"other{other}"), lesson=lessons_of(large)[0])
    client.force_login(learner)
    learner_with_progress(learner, [small, large])

    assert queries_for(client, small.url) == queries_for(client, large.url)
    assert queries_for(client, lessons_of(small)[1].url) == queries_for(
        client, lessons_of(large)[5].url
    )
    # Routing, session, user, permissions, the course, its lessons, the learner's enrolment and
    # completions, and the "last lesson" update.
    with django_assert_max_num_queries(22):
        client.get(lessons_of(large)[5].url)


def test_anonymous_lesson_comes_from_the_cache(client, make_course, django_assert_max_num_queries):
    lesson = lessons_of(make_course(lessons=3))[1]
    cache.clear()
    with CaptureQueriesContext(connection) as rendered:
        first = client.get(lesson.url)
    client.cookies.clear()
    with CaptureQueriesContext(connection) as cached:
        second = client.get(lesson.url)
    assert first.status_code == second.status_code == 200
    # Served before routing: no session, no page, no course lookup, no outline.
    assert len(cached) == 0 < len(rendered)
    with django_assert_max_num_queries(0):
        client.get(lesson.url)
    # Each reader's copy carries their own CSRF token, and no one else's.
    assert b"muloqot-csrf-token-placeholder" not in second.content
    assert "private" in second["Cache-Control"]


def test_cached_lessons_never_show_one_persons_progress_to_another(client, make_course, make_user):
    course = make_course(lessons=3)
    first, second, _third = lessons_of(course)
    cache.clear()
    # A visitor finishes a lesson: their progress is in their session.
    visitor = client
    visitor.post(f"/learning/lessons/{first.pk}/complete/")
    assert "is-done" in visitor.get(second.url).content.decode()
    # A signed-in learner finishes the first lesson too.
    services.lesson_complete(user=make_user("learner"), lesson=first)
    assert "is-done" not in Client().get(second.url).content.decode()
    assert "is-done" not in Client().get(second.url).content.decode()  # and from the cache
    # And the visitor still sees their own progress, not a cached copy.
    assert "is-done" in visitor.get(second.url).content.decode()


def test_cached_page_forms_work_for_each_reader(make_course):
    lesson = lessons_of(make_course(lessons=2))[0]
    cache.clear()
    for _reader in range(2):
        reader = Client(enforce_csrf_checks=True)
        page = reader.get(lesson.url).content.decode()
        token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        response = reader.post(
            f"/learning/lessons/{lesson.pk}/complete/", {"csrfmiddlewaretoken": token}
        )
        assert response.status_code == 302


def linking_lesson(course, targets, blocks: int) -> LessonPage:
    """A lesson whose body has `blocks` rich-text blocks, each linking to a different page."""
    body = [
        (
            "rich_text",
            f'<p>See <a linktype="page" id="{targets[number % len(targets)].pk}">this</a> and '
            f'<a linktype="page" id="{targets[(number + 1) % len(targets)].pk}">that</a>.</p>',
        )
        for number in range(blocks)
    ]
    lesson = course.add_child(
        instance=LessonPage(title=f"Links {blocks}", slug=f"links-{blocks}", body=body)
    )
    lesson.save_revision().publish()
    return lesson


def test_signed_in_lesson_queries_do_not_grow_with_page_links(
    client, catalogue, learner, django_assert_max_num_queries
):
    courses = build_catalogue(catalogue, courses=3, lessons=4)
    targets = [*courses, *lessons_of(courses[1]), *lessons_of(courses[2])]
    one = linking_lesson(courses[0], targets, blocks=1)
    many = linking_lesson(courses[0], targets, blocks=12)
    client.force_login(learner)
    assert queries_for(client, one.url) == queries_for(client, many.url)
    html = client.get(many.url).content.decode()
    for target in targets[:12]:
        assert f'href="{target.url}"' in html  # every link still leads to its page
    # The lesson's own bound plus the links: the active Locale and the linked pages.
    with django_assert_max_num_queries(24):
        client.get(many.url)
