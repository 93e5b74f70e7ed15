import pytest
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Page

from accounts.models import Employment
from core.models import HomePage
from courses.models import Audience, CourseIndexPage, CoursePage, LessonPage


def in_uzbek(message: str) -> str:
    """A message as the unprefixed (Uzbek) pages show it."""
    with translation.override("uz"):
        return gettext(message)


def lesson_body(text: str) -> list:
    return [("rich_text", f"<p>{text}</p>")]


@pytest.fixture
def catalogue(db) -> CourseIndexPage:
    home = HomePage.objects.get(depth=2)
    index = home.add_child(instance=CourseIndexPage(title="Courses", slug="courses"))
    index.save_revision().publish()
    return index


@pytest.fixture
def make_course(catalogue):
    def make(
        title="Ethics in social media",
        *,
        audience=Audience.PUBLIC,
        lessons=3,
        parent: Page | None = None,
        **fields,
    ) -> CoursePage:
        course = CoursePage(
            title=title,
            summary=f"What {title} covers.",
            audience=audience,
            estimated_minutes=30,
            **fields,
        )
        (parent or catalogue).add_child(instance=course)
        course.save_revision().publish()
        for number in range(1, lessons + 1):
            lesson = LessonPage(
                title=f"{title}: lesson {number}",
                estimated_minutes=10,
                body=lesson_body(f"Lesson {number} of {title}."),
            )
            course.add_child(instance=lesson)
            lesson.save_revision().publish()
        return course

    return make


def lessons_of(course: CoursePage) -> list[LessonPage]:
    return list(LessonPage.objects.child_of(course).order_by("path"))


@pytest.fixture
def civil_servant(make_user, organizations):
    user = make_user("learner", password="Press-secretary-1")
    Employment.objects.create(user=user, organization=organizations["chirchiq"])
    return user
