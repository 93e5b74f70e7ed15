"""The quiz block in a lesson, and passing the lesson's quiz completes the lesson."""

from decimal import Decimal

import pytest
from django.urls import reverse

from courses.models import LessonCompletion, LessonPage
from quizzes.models import Attempt
from tests.courses.conftest import catalogue, make_course  # noqa: F401 - fixtures
from tests.quizzes.conftest import uz

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz(make_question, make_quiz):
    return make_quiz([make_question()], title="Lesson check", pass_mark=Decimal(100))


@pytest.fixture
def lesson(make_course, quiz):  # noqa: F811 - the imported fixture
    course = make_course(lessons=2)
    lesson = LessonPage.objects.child_of(course).order_by("path").first()
    lesson.body = [
        *lesson.body.raw_data,
        {"type": "quiz", "value": {"quiz": quiz.pk, "introduction": "Check yourself."}},
    ]
    lesson.save_revision().publish()
    return LessonPage.objects.get(pk=lesson.pk)


def take(client, quiz, lesson_id, *, right):
    client.post(reverse("quizzes:start", args=[quiz.pk]), {"lesson": lesson_id})
    attempt = Attempt.objects.latest("pk")
    row = attempt.questions.get()
    wanted = "Right answer" if right else "Wrong answer"
    choice_id = next(c["id"] for c in row.snapshot["choices"] if c["text"] == wanted)
    token = str(row.choice_order.index(choice_id) + 1)
    client.post(reverse("quizzes:submit", args=[attempt.uuid]), {"q1-shown": 1, "q1": token})
    attempt.refresh_from_db()
    return attempt


def test_the_lesson_shows_the_quiz_block(client, lesson, quiz):
    html = client.get(lesson.url).content.decode()
    assert "Lesson check" in html and "Check yourself." in html
    assert f"{reverse('quizzes:quiz', args=[quiz.pk])}?lesson={lesson.pk}" in html


def test_passing_the_lessons_quiz_completes_the_lesson(
    client, make_user, lesson, quiz, django_capture_on_commit_callbacks
):
    learner = make_user("learner")
    client.force_login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        failed = take(client, quiz, lesson.pk, right=False)
    assert failed.passed is False
    assert not LessonCompletion.objects.filter(user=learner, lesson=lesson).exists()
    with django_capture_on_commit_callbacks(execute=True):
        passed = take(client, quiz, lesson.pk, right=True)
    assert passed.passed and passed.lesson_id == lesson.pk
    assert LessonCompletion.objects.filter(user=learner, lesson=lesson).exists()
    review = client.get(reverse("quizzes:review", args=[passed.uuid])).content.decode()
    assert uz("Back to the lesson") in review


def test_a_made_up_lesson_id_completes_nothing(
    client, make_user, lesson, quiz, django_capture_on_commit_callbacks
):
    learner = make_user("learner")
    other = LessonPage.objects.exclude(pk=lesson.pk).first()
    client.force_login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        assert take(client, quiz, other.pk, right=True).passed
    assert not LessonCompletion.objects.filter(user=learner).exists()


def test_block_meta():
    from django.template.loader import get_template

    from quizzes.blocks import QuizBlock

    block = QuizBlock()
    assert block.meta.icon == "tasks" and str(block.label) == uz("Quiz")
    get_template(block.meta.template)
    assert str(block.get_description()) and block.is_previewable


def test_the_block_shows_the_readers_language_and_hides_drafts(quiz):
    from django.utils import translation
    from wagtail.models import Locale

    from quizzes.blocks import QuizBlock

    russian = Locale.objects.get_or_create(language_code="ru")[0]
    ru_quiz = quiz.copy_for_translation(russian)
    ru_quiz.title = "Проверка урока"
    ru_quiz.save()
    block = QuizBlock()
    value = block.to_python({"quiz": quiz.pk, "introduction": ""})
    with translation.override("ru"):
        assert value.quiz_shown().title == "Проверка урока"
        assert "Проверка урока" in block.render(value, context={"id": "b1"})
    with translation.override("uz"):
        assert value.quiz_shown().pk == quiz.pk
    quiz.live = False
    quiz.save()
    value = block.to_python({"quiz": quiz.pk, "introduction": ""})
    with translation.override("uz"):
        assert value.quiz_shown() is None
        assert block.render(value, context={"id": "b1"}).strip() == ""
