"""Issue 15, items 1–3: who may open a quiz (through the courses that place it), attempts
counted over every language of a quiz, and one decision on what a learner sees of an attempt."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Locale

from courses.models import Audience, LessonPage, QuizPlacement
from quizzes.access import quiz_open_to
from quizzes.attempts import answer_save, attempt_start, attempt_submit
from quizzes.models import Attempt
from tests.courses.conftest import catalogue, civil_servant, make_course  # noqa: F401 - fixtures
from tests.quizzes.conftest import uz

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz(make_question, make_quiz):
    return make_quiz([make_question()], title="Servants' check", pass_mark=Decimal(50))


def place(course, quiz):
    lesson = LessonPage.objects.child_of(course).order_by("path").first()
    lesson.body = [*lesson.body.raw_data, {"type": "quiz", "value": {"quiz": quiz.pk}}]
    lesson.save_revision().publish()
    return LessonPage.objects.get(pk=lesson.pk)


@pytest.fixture
def citizen(make_user):
    return make_user("citizen")


@pytest.fixture
def servants_quiz(make_course, quiz):  # noqa: F811
    place(make_course("For servants", audience=Audience.CIVIL_SERVANTS, lessons=1), quiz)
    return quiz


def take(quiz, user):
    attempt = attempt_start(quiz=quiz, user=user)
    row = attempt.questions.get()
    choice_id = next(c["id"] for c in row.snapshot["choices"] if c["text"] == "Right answer")
    answer_save(attempt=attempt, responses={1: {"choice": choice_id}})
    return attempt_submit(attempt=attempt)


# 1. Quiz access ------------------------------------------------------------------------------


def test_a_citizen_cannot_open_start_or_review_a_civil_servants_quiz(
    client, citizen, servants_quiz
):
    # An attempt from before the quiz was placed (or a forged one) does not open the review.
    attempt = Attempt.objects.create(
        quiz=servants_quiz,
        user=citizen,
        state="finished",
        started_at="2026-01-01T00:00Z",
        finished_at="2026-01-01T00:05Z",
    )
    client.force_login(citizen)
    assert client.get(reverse("quizzes:quiz", args=[servants_quiz.pk])).status_code == 404
    assert client.post(reverse("quizzes:start", args=[servants_quiz.pk])).status_code == 404
    assert client.get(reverse("quizzes:review", args=[attempt.uuid])).status_code == 404
    assert Attempt.objects.filter(user=citizen).count() == 1


def test_civil_servants_and_staff_open_it(client, civil_servant, servants_quiz, make_user):  # noqa: F811
    client.force_login(civil_servant)
    assert client.get(reverse("quizzes:quiz", args=[servants_quiz.pk])).status_code == 200
    assert client.post(reverse("quizzes:start", args=[servants_quiz.pk])).status_code == 302
    client.force_login(make_user("trainer", groups=["Trainers"]))
    assert client.get(reverse("quizzes:quiz", args=[servants_quiz.pk])).status_code == 200


def test_a_quiz_in_a_public_course_is_open_to_citizens(client, citizen, make_course, quiz):  # noqa: F811
    place(make_course("For everyone", audience=Audience.CIVIL_SERVANTS, lessons=1), quiz)
    place(make_course("Public", audience=Audience.PUBLIC, lessons=1), quiz)
    assert quiz_open_to(citizen, quiz)


def test_a_quiz_in_no_course_follows_its_own_audience(client, citizen, quiz):
    client.force_login(citizen)
    assert client.get(reverse("quizzes:quiz", args=[quiz.pk])).status_code == 200
    client.logout()
    response = client.get(reverse("quizzes:quiz", args=[quiz.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_placements_follow_the_published_lesson(citizen, servants_quiz):
    assert not quiz_open_to(citizen, servants_quiz)
    lesson = QuizPlacement.objects.get(quiz_key=servants_quiz.translation_key).lesson
    lesson.body = [b for b in lesson.body.raw_data if b["type"] != "quiz"]
    lesson.save_revision()  # a draft changes nothing yet
    assert not quiz_open_to(citizen, servants_quiz)
    LessonPage.objects.get(pk=lesson.pk).get_latest_revision().publish()
    assert not QuizPlacement.objects.exists()
    assert quiz_open_to(citizen, servants_quiz)  # in no course now


def test_a_placement_in_any_language_counts(citizen, make_course, make_quiz, make_question):  # noqa: F811
    english = Locale.objects.get_or_create(language_code="en")[0]
    uzbek = make_quiz([make_question()], title="Uzbek")
    translated = make_quiz(
        [make_question()], title="English", locale=english, translation_key=uzbek.translation_key
    )
    place(make_course("Servants", audience=Audience.CIVIL_SERVANTS, lessons=1), uzbek)
    assert not quiz_open_to(citizen, translated)


def test_the_quiz_page_lookup_is_cheap(
    client,
    civil_servant,  # noqa: F811 - the imported fixture
    servants_quiz,
    django_assert_max_num_queries,
):
    client.force_login(civil_servant)
    client.get(reverse("quizzes:quiz", args=[servants_quiz.pk]))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("quizzes:quiz", args=[servants_quiz.pk])).status_code == 200


# 2. Attempts over translations ---------------------------------------------------------------


def test_the_attempt_limit_counts_every_language(make_user, make_quiz, make_question):
    learner = make_user("learner")
    english = Locale.objects.get_or_create(language_code="en")[0]
    uzbek = make_quiz([make_question()], title="Uzbek", attempts_allowed=2)
    translated = make_quiz(
        [make_question(locale=english)],
        title="English",
        locale=english,
        attempts_allowed=2,
        translation_key=uzbek.translation_key,
    )
    first = attempt_start(quiz=uzbek, user=learner)
    # The open attempt is shared: the translation resumes it rather than opening a second one.
    assert attempt_start(quiz=translated, user=learner) == first
    attempt_submit(attempt=first)
    second = attempt_start(quiz=translated, user=learner)
    assert second.number == 2
    attempt_submit(attempt=second)
    with pytest.raises(ValidationError):
        attempt_start(quiz=translated, user=learner)
    with pytest.raises(ValidationError):
        attempt_start(quiz=uzbek, user=learner)
    assert Attempt.objects.filter(user=learner).count() == 2


# 3. What a learner sees of an attempt --------------------------------------------------------


def test_hidden_points_stay_hidden_on_the_quiz_page_and_progress(client, make_user, quiz):
    learner = make_user("learner")
    quiz.review_options = ["immediately:attempt", "open:attempt"]
    quiz.save()
    take(quiz, learner)
    assert Attempt.objects.get(user=learner).percent == Decimal(100)
    client.force_login(learner)
    page = client.get(reverse("quizzes:quiz", args=[quiz.pk])).content.decode()
    assert uz("Your previous attempts") in page
    assert "100%" not in page and uz("Passed") not in page
    assert "quiz__grade" not in page
    progress = client.get(reverse("quizzes:progress")).content.decode()
    assert "Servants&#x27; check" in progress or "Servants' check" in progress
    assert "100%" not in progress and uz("Passed") not in progress


def test_shown_points_appear(client, make_user, quiz):
    learner = make_user("learner")
    take(quiz, learner)
    client.force_login(learner)
    page = client.get(reverse("quizzes:quiz", args=[quiz.pk])).content.decode()
    assert "100%" in page and "quiz__grade" in page
    assert "100%" in client.get(reverse("quizzes:progress")).content.decode()
