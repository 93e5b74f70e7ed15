"""The learner's dashboard lists their required courses with due dates and status (overdue first
and highlighted), in a fixed number of queries; an expired course can be taken again."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from courses.assignments.services import assignment_create
from courses.models import Audience, Enrolment, RequiredCourse

from .conftest import in_uzbek

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def required(make_course, organizations, django_capture_on_commit_callbacks):
    def make(title, due_on, **fields):
        course = make_course(title, audience=Audience.CIVIL_SERVANTS, lessons=1, **fields)
        with django_capture_on_commit_callbacks(execute=True):
            assignment_create(
                course=course, organization=organizations["tashkent-region"], due_on=due_on
            )
        return course

    return make


def test_required_courses_with_status_overdue_first(client, civil_servant, required):
    required("Press work", TODAY + 5 * DAY)
    required("Ethics", TODAY - 2 * DAY)
    client.force_login(civil_servant)
    html = client.get(reverse("dashboard")).content.decode()
    assert in_uzbek("Required courses") in html
    section = html.split('id="required-heading"')[1].split("</section>")[0]
    assert section.index("Ethics") < section.index("Press work")
    assert 'class="is-overdue"' in section
    assert in_uzbek("Overdue") in section
    assert in_uzbek("Not started") in section


def test_no_section_without_required_courses(client, civil_servant):
    client.force_login(civil_servant)
    assert 'id="required-heading"' not in client.get(reverse("dashboard")).content.decode()


def dashboard_queries(client) -> int:
    client.get(reverse("dashboard"))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("dashboard")).status_code == 200
    return len(captured)


def test_dashboard_queries_do_not_grow_with_required_courses(client, civil_servant, required):
    client.force_login(civil_servant)
    required("Course 0", TODAY + DAY)
    few = dashboard_queries(client)
    for number in range(1, 8):
        required(f"Course {number}", TODAY + number * DAY)
    assert RequiredCourse.objects.filter(user=civil_servant).count() == 8
    assert dashboard_queries(client) == few


def test_an_expired_course_can_be_taken_again(client, civil_servant, required, make_user):
    course = required("Data protection", TODAY + 5 * DAY, validity_months=12)
    long_ago = timezone.now() - datetime.timedelta(days=400)
    Enrolment.objects.create(
        user=civil_servant, course=course, enrolled_at=long_ago, completed_at=long_ago
    )
    row = RequiredCourse.objects.get(user=civil_servant)
    RequiredCourse.objects.filter(pk=row.pk).update(
        started_at=long_ago, completed_at=long_ago, expires_on=TODAY - 35 * DAY
    )
    other = make_user("other")
    client.force_login(other)
    url = reverse("courses:recertification_start", args=[row.pk])
    assert client.post(url).status_code == 404  # not theirs
    client.force_login(civil_servant)
    assert in_uzbek("Take the course again") in client.get(reverse("dashboard")).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert Enrolment.objects.get(user=civil_servant).completed_at is None
    html = client.get(reverse("dashboard")).content.decode()
    assert in_uzbek("Take the course again") not in html
    assert 'class="is-in_progress"' in html


def test_a_started_required_course_is_one_card_with_days_left_progress_and_continue(
    client, civil_servant, required
):
    course = required("Press work", TODAY + 5 * DAY)
    lesson = course.lessons().first()
    Enrolment.objects.create(user=civil_servant, course=course, last_lesson=lesson)
    client.force_login(civil_servant)
    html = client.get(reverse("dashboard")).content.decode()
    assert html.count(">Press work</a>") == 1  # not again under "In progress"
    section = html.split('id="required-heading"')[1].split("</section>")[0]
    assert "5" in section.split('class="days-left"')[1].split("</span>")[0]
    assert 'class="progress"' in section
    assert f'href="{lesson.url}"' in section
    assert in_uzbek("Continue where I left off") in section


def test_overdue_required_course_says_by_how_many_days_and_offers_a_start(
    client, civil_servant, required
):
    course = required("Ethics", TODAY - 2 * DAY)
    client.force_login(civil_servant)
    response = client.get("/en/dashboard/")
    section = response.content.decode().split('id="required-heading"')[1]
    assert "2 days overdue" in section
    assert "Start the course" in section and f'href="{course.url}"' in section


def test_dashboard_shows_course_titles_in_the_readers_language(client, civil_servant, required):
    course = required("Matbuot xizmati", TODAY + 3 * DAY)
    russian = Locale.objects.get_or_create(language_code="ru")[0]
    parent_ru = course.get_parent().copy_for_translation(russian, copy_parents=True)
    parent_ru.save_revision().publish()
    ru_course = course.copy_for_translation(russian)
    ru_course.title = "Работа пресс-службы"
    ru_course.save_revision().publish()
    client.force_login(civil_servant)
    html = client.get("/ru/dashboard/").content.decode()
    assert "Работа пресс-службы" in html and "Matbuot xizmati" not in html


def test_course_page_says_it_is_required_and_by_when(client, civil_servant, required):
    course = required("Press work", TODAY + 5 * DAY)
    client.force_login(civil_servant)
    html = client.get(course.url).content.decode()
    fact = html.split('class="course-fact course-fact--required"')[1].split("</li>")[0]
    assert "(5 " in fact
    overdue = required("Ethics", TODAY - 2 * DAY)
    html = client.get(overdue.url).content.decode()
    assert 'course-fact--overdue">' in html
