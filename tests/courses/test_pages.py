import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from core.models import HomePage
from courses import services
from courses.models import Audience, CourseIndexPage, CoursePage, LessonPage

from .conftest import in_uzbek, lessons_of

pytestmark = pytest.mark.django_db


class CoursePageTypeTests(WagtailPageTestCase):
    def test_page_tree_rules(self):
        self.assertAllowedParentPageTypes(CourseIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage})
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})
        self.assertAllowedSubpageTypes(CoursePage, {LessonPage})
        self.assertAllowedParentPageTypes(LessonPage, {CoursePage})
        self.assertAllowedSubpageTypes(LessonPage, set())

    def test_trainer_forms_create_a_course_and_a_lesson(self):
        self.login()
        home = HomePage.objects.get(depth=2)
        self.assertCanCreate(
            home,
            CourseIndexPage,
            nested_form_data({"title": "Courses", "slug": "courses", "intro": ""}),
        )
        catalogue = CourseIndexPage.objects.get()
        self.assertCanCreate(
            catalogue,
            CoursePage,
            nested_form_data(
                {
                    "title": "Ethics in social media",
                    "slug": "ethics",
                    "summary": "How a press service answers citizens.",
                    "audience": Audience.CIVIL_SERVANTS,
                    "estimated_minutes": 45,
                    "learning_objectives": streamfield(
                        [("objective", "Answer a complaint within a working day")]
                    ),
                    "topics": "ethics, telegram",
                    "completion_rule": "all_lessons",
                    "completion_percent": 100,
                    "validity_months": 12,
                    "certificate_awards": inline_formset([]),
                }
            ),
        )
        course = CoursePage.objects.get(slug="ethics")
        assert sorted(course.topics.names()) == ["ethics", "telegram"]
        self.assertCanCreate(
            course,
            LessonPage,
            nested_form_data(
                {
                    "title": "Why tone matters",
                    "slug": "tone",
                    "estimated_minutes": 10,
                    "body": streamfield([("rich_text", rich_text("<p>Be polite.</p>"))]),
                }
            ),
        )

    def test_course_and_lesson_render_and_preview(self):
        home = HomePage.objects.get(depth=2)
        catalogue = home.add_child(instance=CourseIndexPage(title="Courses", slug="courses"))
        course = catalogue.add_child(
            instance=CoursePage(title="Ethics", slug="ethics", summary="s", audience="public")
        )
        lesson = course.add_child(
            instance=LessonPage(
                title="Tone", slug="tone", body=[("rich_text", "<p>Be polite.</p>")]
            )
        )
        for page in (catalogue, course, lesson):
            self.assertPageIsRenderable(page)
        self.assertPageIsPreviewable(catalogue)
        self.assertPageIsPreviewable(
            course,
            post_data=nested_form_data(
                {
                    "title": "Ethics",
                    "slug": "ethics",
                    "summary": "s",
                    "audience": "public",
                    "estimated_minutes": 30,
                    "learning_objectives": streamfield([]),
                    "topics": "",
                    "completion_rule": "all_lessons",
                    "completion_percent": 100,
                    "certificate_awards": inline_formset([]),
                }
            ),
        )
        self.assertPageIsPreviewable(
            lesson,
            post_data=nested_form_data(
                {
                    "title": "Tone",
                    "slug": "tone",
                    "estimated_minutes": 10,
                    "body": streamfield([("rich_text", rich_text("<p>Be polite.</p>"))]),
                }
            ),
        )


def test_catalogue_filters_by_audience_topic_and_language(client, make_course, catalogue, settings):
    # Each request must render (its context is read); the page cache has its own tests.
    settings.MULOQOT_PAGE_CACHE_SECONDS = 0
    ethics = make_course("Ethics", audience=Audience.CIVIL_SERVANTS, lessons=1)
    ethics.topics.add("ethics")
    ethics.save_revision().publish()
    facts = make_course("Checking facts", audience=Audience.PUBLIC, lessons=1)
    both = make_course("Talking to citizens", audience=Audience.BOTH, lessons=1)

    def titles(query=""):
        response = client.get("/courses/" + query)
        assert response.status_code == 200
        return [card.course.title for card in response.context["catalogue"].cards]

    assert titles() == [facts.title, ethics.title, both.title]
    assert titles("?audience=public") == [facts.title, both.title]
    assert titles("?audience=civil_servants") == [ethics.title, both.title]
    assert titles("?topic=ethics") == [ethics.title]
    assert titles("?audience=nonsense") == titles()
    assert titles("?language=ru") == []  # no Russian catalogue yet


def test_catalogue_shows_the_learners_progress(client, make_course, make_user):
    course = make_course("Checking facts", lessons=4)
    user = make_user()
    services.lesson_complete(user=user, lesson=lessons_of(course)[0])
    client.force_login(user)
    html = client.get("/courses/").content.decode()
    assert (
        in_uzbek("%(done)s of %(total)s lessons done (%(percent)s%%)")
        % {
            "done": 1,
            "total": 4,
            "percent": 25,
        }
        in html
    )
    client.logout()
    assert "lessons done" not in client.get("/courses/").content.decode()


def test_public_lesson_is_open_to_visitors(client, make_course):
    lesson = lessons_of(make_course(audience=Audience.PUBLIC))[0]
    response = client.get(lesson.url)
    assert response.status_code == 200
    assert (
        in_uzbek("Lesson %(position)s of %(total)s")
        % {
            "position": 1,
            "total": 3,
        }
        in response.content.decode()
    )


def test_civil_servant_lessons_need_a_work_account(client, make_course, make_user, civil_servant):
    lesson = lessons_of(make_course(audience=Audience.CIVIL_SERVANTS))[0]
    response = client.get(lesson.url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))

    client.force_login(make_user("citizen"))
    assert client.get(lesson.url).status_code == 403

    client.force_login(civil_servant)
    assert client.get(lesson.url).status_code == 200


def test_lesson_pages_link_previous_and_next(client, make_course):
    first, second, third = lessons_of(make_course())
    html = client.get(second.url).content.decode()
    assert f'rel="prev" href="{first.url}"' in html
    assert f'rel="next" href="{third.url}"' in html


def test_course_page_offers_to_continue_where_the_learner_left_off(client, make_course, make_user):
    course = make_course()
    first, second, _third = lessons_of(course)
    user = make_user()
    services.lesson_complete(user=user, lesson=first)
    client.force_login(user)
    client.get(second.url)  # opened but not finished
    response = client.get(course.url)
    assert response.context["outline"].continue_lesson == second
    continue_link = f'href="{second.url}">{in_uzbek("Continue where I left off")}'
    assert continue_link in response.content.decode()


def test_unpublished_course_is_not_in_the_catalogue(client, make_course):
    course = make_course("Hidden")
    course.unpublish()
    assert client.get("/courses/").context["catalogue"].cards == []
    assert Page.objects.filter(pk=course.pk, live=False).exists()
