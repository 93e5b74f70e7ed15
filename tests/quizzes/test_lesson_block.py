"""The quiz block in a lesson, and passing the lesson's quiz completes the lesson."""

from decimal import Decimal

import pytest
from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from certificates.models import Certificate, CertificateAward, CertificateTemplate
from courses.models import CoursePage, LessonCompletion, LessonPage
from courses.services import MESSAGE_PASS_THE_QUIZ
from quizzes.blocks import QuizBlock
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
    # The made-up lesson stays undone; the pass counts for the lesson that embeds the quiz
    # (derived from the course, as for a learner who reached the quiz without a lesson).
    assert not LessonCompletion.objects.filter(user=learner, lesson=other).exists()
    assert list(LessonCompletion.objects.filter(user=learner).values_list("lesson", flat=True)) == [
        lesson.pk
    ]


def test_block_meta():
    block = QuizBlock()
    assert block.meta.icon == "tasks" and str(block.label) == uz("Quiz")
    get_template(block.meta.template)
    assert str(block.get_description()) and block.is_previewable


def test_the_block_shows_the_readers_language_and_hides_drafts(quiz):
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


def test_the_button_cannot_complete_a_lesson_with_a_quiz(client, make_user, lesson):
    """Required courses and certificates must not be had without passing the quiz."""
    learner = make_user("learner")
    client.force_login(learner)
    page = client.get(lesson.url).content.decode()
    assert uz("Pass the quiz in this lesson to complete it.") in page
    assert reverse("courses:lesson_complete", args=[lesson.pk]) not in page
    response = client.post(reverse("courses:lesson_complete", args=[lesson.pk]), follow=True)
    assert response.redirect_chain[-1][0] == lesson.url
    assert uz(str(MESSAGE_PASS_THE_QUIZ)) in response.content.decode()
    assert not LessonCompletion.objects.filter(user=learner).exists()


def test_a_visitors_session_does_not_carry_a_quiz_lesson_into_the_account(
    client, make_user, lesson
):
    other = LessonPage.objects.child_of(lesson.get_parent()).exclude(pk=lesson.pk).get()
    for each in (lesson, other):  # a visitor may tick both in the session
        client.post(reverse("courses:lesson_complete", args=[each.pk]))
    learner = make_user("learner")
    client.post(reverse("account_login"), {"login": "learner", "password": "correct-horse-battery"})
    done = set(LessonCompletion.objects.filter(user=learner).values_list("lesson_id", flat=True))
    assert done == {other.pk}


def test_the_certificate_carries_the_quiz_grade(
    client, make_user, lesson, quiz, django_capture_on_commit_callbacks
):
    course = CoursePage.objects.get(pk=lesson.get_parent().pk)
    template = CertificateTemplate.objects.create(
        title="Certificate",
        body="{name} completed {course} with {score}.",
        issuer="Muloqot",
        signatory_name="S. Rahimova",
        signatory_title="Head of training",
    )
    course.certificate_awards = [CertificateAward(template=template)]
    course.save_revision().publish()
    learner = make_user("learner")
    client.force_login(learner)
    other = LessonPage.objects.child_of(course).exclude(pk=lesson.pk).get()
    client.post(reverse("courses:lesson_complete", args=[other.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        take(client, quiz, lesson.pk, right=False)  # 0 %
    with django_capture_on_commit_callbacks(execute=True):
        take(client, quiz, lesson.pk, right=True)  # 100 %: the course is complete
    certificate = Certificate.objects.get(user=learner)
    assert certificate.score == Decimal(100)  # graded by "highest", as the quiz says
