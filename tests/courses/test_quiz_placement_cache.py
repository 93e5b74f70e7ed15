"""Who may open a quiz follows from the courses that embed it; the answer is cached between
requests under the content version, so publishing or unpublishing changes it at once, and a
learner's attempt page runs a fixed, small number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Employment
from courses.models import Audience, LessonPage
from courses.placements import courses_placing
from quizzes.models import Attempt
from tests.test_access_matrix import make_quiz, place

pytestmark = pytest.mark.django_db


def test_the_placing_courses_are_cached_and_follow_publishing(make_course):
    quiz = make_quiz("Placed")
    assert courses_placing(quiz) is None
    course = make_course("Servants", audience=Audience.CIVIL_SERVANTS, lessons=1)
    place(course, quiz)
    [placing] = courses_placing(quiz)
    assert (placing.pk, placing.audience) == (course.pk, Audience.CIVIL_SERVANTS)
    with CaptureQueriesContext(connection) as queries:
        assert [c.pk for c in courses_placing(quiz)] == [course.pk]
    assert len(queries) == 0

    LessonPage.objects.child_of(course).first().unpublish()
    assert courses_placing(quiz) is None


def test_a_learners_attempt_page_in_a_course_runs_few_queries(
    client, make_course, make_user, organizations, settings, django_assert_max_num_queries
):
    quiz = make_quiz("Servants quiz")
    place(make_course("Servants", audience=Audience.CIVIL_SERVANTS, lessons=1), quiz)
    learner = make_user("learner")
    Employment.objects.create(user=learner, organization=organizations["chirchiq"])
    client.force_login(learner)
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    url = reverse("quizzes:attempt", args=[Attempt.objects.get(user=learner).uuid])
    assert client.get(url).status_code == 200
    # Session, user, attempt, civil-servant check, questions, the lesson and course for the
    # page's context: the permissions and the placing courses come from the cache.
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200
