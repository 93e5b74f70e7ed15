import pytest
from django.urls import reverse

from courses.models import Audience, Enrolment, LessonCompletion
from courses.session_progress import SESSION_KEY

from .conftest import lessons_of

pytestmark = pytest.mark.django_db


def complete(client, lesson):
    return client.post(reverse("courses:lesson_complete", args=[lesson.pk]))


def test_learner_enrols_and_goes_through_the_lessons(client, make_course, make_user):
    course = make_course(lessons=2)
    first, second = lessons_of(course)
    user = make_user()
    client.force_login(user)

    response = client.post(reverse("courses:enrol", args=[course.pk]))
    assert response["Location"] == first.url
    assert Enrolment.objects.filter(user=user, course=course).exists()

    assert complete(client, first)["Location"] == second.url
    assert complete(client, second)["Location"] == course.url
    assert Enrolment.objects.get(user=user).completed_at is not None

    # A second tab submitting again changes nothing.
    complete(client, second)
    assert LessonCompletion.objects.filter(user=user).count() == 2


def test_enrol_and_complete_only_accept_post(client, make_course, make_user):
    course = make_course(lessons=1)
    client.force_login(make_user())
    assert client.get(reverse("courses:enrol", args=[course.pk])).status_code == 405
    lesson = lessons_of(course)[0]
    assert client.get(reverse("courses:lesson_complete", args=[lesson.pk])).status_code == 405
    assert not Enrolment.objects.exists()


def test_unknown_or_unpublished_lessons_are_404(client, make_course, make_user):
    course = make_course(lessons=1)
    lesson = lessons_of(course)[0]
    lesson.unpublish()
    client.force_login(make_user())
    assert complete(client, lesson).status_code == 404
    assert client.post(reverse("courses:lesson_complete", args=[99999])).status_code == 404


def test_citizen_cannot_complete_a_civil_servant_lesson(client, make_course, make_user):
    lesson = lessons_of(make_course(audience=Audience.CIVIL_SERVANTS, lessons=1))[0]
    client.force_login(make_user("citizen"))
    assert complete(client, lesson).status_code == 404
    assert not LessonCompletion.objects.exists()


def test_visitor_progress_lives_in_the_session_and_follows_them_into_the_account(
    client, make_course, make_user
):
    course = make_course(lessons=3)
    first, second, _third = lessons_of(course)
    complete(client, first)
    complete(client, second)
    assert client.session[SESSION_KEY] == {
        str(course.pk): {"done": [first.pk, second.pk], "last": second.pk}
    }
    assert not LessonCompletion.objects.exists()

    make_user("dilnoza", password="Fact-check-2026")
    client.post(reverse("account_login"), {"login": "dilnoza", "password": "Fact-check-2026"})
    assert set(LessonCompletion.objects.values_list("lesson_id", flat=True)) == {
        first.pk,
        second.pk,
    }
    assert SESSION_KEY not in client.session


def test_progress_survives_logout_and_login(client, make_course, make_user):
    course = make_course(lessons=3)
    first = lessons_of(course)[0]
    make_user("bahodir", password="Press-secretary-1")
    credentials = {"login": "bahodir", "password": "Press-secretary-1"}
    client.post(reverse("account_login"), credentials)
    complete(client, first)
    client.post(reverse("account_logout"))
    assert client.get(course.url).context["outline"].progress.done_count == 0
    client.post(reverse("account_login"), credentials)
    assert client.get(course.url).context["outline"].progress.done_count == 1


def test_dashboard_lists_courses_in_progress_and_completed(client, make_course, make_user):
    started = make_course("Started", lessons=2)
    finished = make_course("Finished", lessons=1)
    user = make_user()
    client.force_login(user)
    complete(client, lessons_of(started)[0])
    complete(client, lessons_of(finished)[0])
    dashboard = client.get(reverse("dashboard")).context["dashboard"]
    assert [card.course.title for card in dashboard.in_progress] == ["Started"]
    assert [card.course.title for card in dashboard.completed] == ["Finished"]
    assert len(dashboard.recent) == 2


def test_dashboard_needs_an_account(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
