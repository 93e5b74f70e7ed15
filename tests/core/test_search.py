"""Site search across courses, lessons and playbooks (Wagtail search, database backend)."""

import pytest
from django.db import connection
from django.urls import reverse
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from core.models import HomePage
from courses.models import CourseIndexPage, CoursePage, LessonPage
from playbooks.models import Category, PlaybookIndexPage, PlaybookPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(db):
    home = HomePage.objects.get(depth=2)
    catalogue = home.add_child(instance=CourseIndexPage(title="Courses", slug="courses"))
    course = catalogue.add_child(
        instance=CoursePage(
            title="Ethics for press secretaries", slug="ethics", summary="Polite answers."
        )
    )
    lesson = course.add_child(
        instance=LessonPage(
            title="Tone",
            slug="tone",
            body=[("rich_text", "<p>Answer every complaint within one working day.</p>")],
        )
    )
    library = home.add_child(instance=PlaybookIndexPage(title="Playbooks", slug="playbooks"))
    playbook = library.add_child(
        instance=PlaybookPage(
            title="Rapid response",
            slug="rapid-response",
            category=Category.MONITORING_RESPONSE,
            purpose="Answer an information attack.",
            when_to_use="When a false post spreads.",
            guidance=[
                ("heading", {"text": "Record the post", "level": "h2"}),
                ("rich_text", "<p>Take a screenshot and note the reach in the journal.</p>"),
                ("checklist", {"title": "Before replying", "entries": ["Consult the hydrologist"]}),
            ],
        )
    )
    draft = library.add_child(
        instance=PlaybookPage(
            title="Unpublished screenshot playbook",
            slug="draft",
            live=False,
            category=Category.MEDIA_ARCHIVE,
            purpose="p",
            when_to_use="w",
            guidance=[("rich_text", "<p>screenshot</p>")],
        )
    )
    return {"course": course, "lesson": lesson, "playbook": playbook, "draft": draft}


def titles(response) -> list[str]:
    return [hit.page.title for hit in response.context["search"].results]


def test_a_word_of_a_playbooks_guidance_finds_it(client, content):
    response = client.get(reverse("search"), {"q": "screenshot"})
    assert response.status_code == 200
    assert titles(response) == ["Rapid response"]  # the draft is not live
    assert 'href="/playbooks/rapid-response/"' in response.content.decode()


def test_a_word_inside_a_checklist_block_finds_the_playbook(client, content):
    assert titles(client.get(reverse("search"), {"q": "hydrologist"})) == ["Rapid response"]


def test_lessons_and_courses_are_found_by_their_text(client, content):
    assert titles(client.get(reverse("search"), {"q": "complaint"})) == ["Tone"]
    assert titles(client.get(reverse("search"), {"q": "polite"})) == [
        "Ethics for press secretaries"
    ]


def test_results_are_in_the_readers_language(client, content):
    ru = Locale.objects.get_or_create(language_code="ru")[0]
    home = HomePage.objects.get(depth=2)
    home.copy_for_translation(ru).save_revision().publish()
    library_ru = content["playbook"].get_parent().copy_for_translation(ru)
    library_ru.save_revision().publish()
    translation = content["playbook"].copy_for_translation(ru)
    translation.title = "Быстрый ответ"
    translation.save_revision().publish()
    assert titles(client.get(reverse("search"), {"q": "screenshot"})) == ["Rapid response"]
    response = client.get("/ru/search/", {"q": "screenshot"})
    assert titles(response) == ["Быстрый ответ"]


def test_an_empty_query_shows_the_form_only(client, content):
    response = client.get(reverse("search"))
    assert response.status_code == 200
    assert response.context["search"].page is None


def test_the_database_backend_uses_postgresql_full_text_search_on_postgresql():
    backend = type(get_search_backend()).__name__
    if connection.vendor == "postgresql":
        assert backend == "PostgresSearchBackend"
    else:
        assert backend in {"SQLiteSearchBackend", "DatabaseSearchBackend"}


def test_a_query_typed_in_uzbek_cyrillic_finds_latin_content(client, content):
    lesson = content["lesson"]
    lesson.body = [("rich_text", "<p>Har bir shikoyatga bir ish kuni ichida javob bering.</p>")]
    lesson.save_revision().publish()
    assert titles(client.get("/search/", {"q": "шикоятга"})) == ["Tone"]
    # Other languages search as typed: the Cyrillic query is Russian there, not Uzbek.
    assert titles(client.get("/ru/search/", {"q": "шикоятга"})) == []
