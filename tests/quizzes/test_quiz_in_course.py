"""A quiz embedded in a course: its pages link back to the lesson and the course, its attempts
count for that course however the learner reached it, visitors take a public course's quiz, and
their result becomes their account's when they sign in or sign up."""

from decimal import Decimal
from urllib.parse import unquote

import pytest
from django.urls import reverse

from certificates.models import CertificateAward, CertificateTemplate
from courses.models import Audience, Enrolment, LessonCompletion, LessonPage
from quizzes.claims import SESSION_KEY
from quizzes.models import Attempt
from tests.courses import conftest as course_fixtures
from tests.quizzes.conftest import uz

pytestmark = pytest.mark.django_db

# The courses' fixtures, used here by name.
catalogue = course_fixtures.catalogue
make_course = course_fixtures.make_course


@pytest.fixture
def quiz(make_question, make_quiz):
    return make_quiz([make_question()], title="Lesson check", pass_mark=Decimal(100))


def embed(course, quiz) -> LessonPage:
    lesson = LessonPage.objects.child_of(course).order_by("path").last()
    lesson.body = [*lesson.body.raw_data, {"type": "quiz", "value": {"quiz": quiz.pk}}]
    lesson.save_revision().publish()
    return LessonPage.objects.get(pk=lesson.pk)


def answer(client, attempt, *, right=True):
    row = attempt.questions.get()
    wanted = "Right answer" if right else "Wrong answer"
    choice_id = next(c["id"] for c in row.snapshot["choices"] if c["text"] == wanted)
    token = str(row.choice_order.index(choice_id) + 1)
    client.post(reverse("quizzes:submit", args=[attempt.uuid]), {"q1-shown": 1, "q1": token})
    attempt.refresh_from_db()
    return attempt


def test_quiz_reached_directly_links_back_and_counts_for_its_lesson(
    client,
    make_user,
    make_course,
    quiz,
    django_capture_on_commit_callbacks,
):
    course = make_course(lessons=1)
    lesson = embed(course, quiz)
    learner = make_user("learner")
    client.force_login(learner)
    html = client.get(reverse("quizzes:quiz", args=[quiz.pk])).content.decode()
    assert f'href="{lesson.url}"' in html and f'href="{course.url}"' in html
    client.post(reverse("quizzes:start", args=[quiz.pk]))  # no ?lesson= on the way in
    attempt = Attempt.objects.get()
    assert attempt.lesson_id == lesson.pk
    with django_capture_on_commit_callbacks(execute=True):
        answer(client, attempt)
    assert LessonCompletion.objects.filter(user=learner, lesson=lesson).exists()
    assert Enrolment.objects.get(user=learner, course=course).completed_at is not None
    review = client.get(reverse("quizzes:review", args=[attempt.uuid])).content.decode()
    assert f'href="{lesson.url}"' in review and f'href="{course.url}"' in review


def test_quiz_in_two_courses_is_not_guessed(client, make_user, make_course, quiz):
    embed(make_course("First", lessons=1), quiz)
    embed(make_course("Second", lessons=1), quiz)
    client.force_login(make_user("learner"))
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    assert Attempt.objects.get().lesson_id is None


def test_sign_in_link_keeps_the_lesson(client, make_course, quiz):
    lesson = embed(make_course(audience=Audience.CIVIL_SERVANTS, lessons=1), quiz)
    url = reverse("quizzes:quiz", args=[quiz.pk]) + f"?lesson={lesson.pk}"
    # A civil servants' quiz is not shown to visitors: they are sent to sign in, and back.
    response = client.get(url)
    assert response.status_code == 302
    location = unquote(response["Location"])
    assert "next=/quizzes/" in location and location.endswith(f"?lesson={lesson.pk}")
    response = client.post(reverse("quizzes:start", args=[quiz.pk]), {"lesson": lesson.pk})
    assert response.status_code == 302
    assert unquote(response["Location"]).endswith(f"?lesson={lesson.pk}")
    assert not Attempt.objects.exists()


def test_visitor_passes_a_public_courses_quiz_and_keeps_it_on_sign_in(
    client,
    make_user,
    make_course,
    quiz,
    django_capture_on_commit_callbacks,
):
    assert not quiz.allow_anonymous  # the course being public is what opens it
    course = make_course(lessons=1)
    lesson = embed(course, quiz)
    client.post(reverse("quizzes:start", args=[quiz.pk]), {"lesson": lesson.pk})
    attempt = answer(client, Attempt.objects.get())
    assert attempt.user is None and attempt.passed
    review = client.get(reverse("quizzes:review", args=[attempt.uuid])).content.decode()
    assert reverse("account_signup") in review
    citizen = make_user("citizen")
    with django_capture_on_commit_callbacks(execute=True):
        client.force_login(citizen)  # sign-in gives the session a new key; the data stays
    attempt.refresh_from_db()
    assert attempt.user == citizen and attempt.number == 1 and attempt.session_key == ""
    assert SESSION_KEY not in client.session
    assert LessonCompletion.objects.filter(user=citizen, lesson=lesson).exists()
    assert Enrolment.objects.get(user=citizen, course=course).completed_at is not None


def test_claimed_attempt_is_numbered_after_the_accounts_own(
    client,
    make_user,
    make_course,
    quiz,
):
    lesson = embed(make_course(lessons=1), quiz)
    citizen = make_user("citizen")
    own = fail_once_signed_in(client, citizen, quiz, lesson)
    client.logout()
    client.post(reverse("quizzes:start", args=[quiz.pk]), {"lesson": lesson.pk})
    visitor_attempt = answer(client, Attempt.objects.exclude(pk=own.pk).get(), right=False)
    client.force_login(citizen)
    visitor_attempt.refresh_from_db()
    assert visitor_attempt.user == citizen and visitor_attempt.number == own.number + 1


def fail_once_signed_in(client, user, quiz, lesson):
    client.force_login(user)
    client.post(reverse("quizzes:start", args=[quiz.pk]), {"lesson": lesson.pk})
    return answer(client, Attempt.objects.get(user=user), right=False)


def test_visitor_cannot_mark_a_quiz_lesson_done(client, make_course, quiz):
    lesson = embed(make_course(lessons=1), quiz)
    html = client.get(lesson.url).content.decode()
    assert reverse("courses:lesson_complete", args=[lesson.pk]) not in html
    client.post(reverse("courses:lesson_complete", args=[lesson.pk]))
    assert "courses.progress" not in client.session


def test_course_page_says_it_ends_in_a_test_and_a_certificate(client, make_course, quiz):
    course = make_course(lessons=2)
    html = client.get(course.url).content.decode()
    assert "course-fact--test" not in html and "course-fact--certificate" not in html
    embed(course, quiz)
    template = CertificateTemplate.objects.create(
        title="Certificate",
        body="{name} completed {course}.",
        issuer="Muloqot",
        signatory_name="S. Rahimova",
        signatory_title="Head of training",
    )
    course.certificate_awards = [CertificateAward(template=template)]
    course.save_revision().publish()
    html = client.get(course.url).content.decode()
    assert uz("Ends with a test: pass it to complete the course.") in html
    assert uz("Ends with a certificate you can download and others can verify.") in html
