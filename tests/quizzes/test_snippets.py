"""Trainers author questions and quizzes as Wagtail snippets with drafts, revisions and
translations."""

from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from quizzes.attempts import attempt_start
from quizzes.models import Question, Quiz
from quizzes.models.bank import MESSAGE_NEEDS_ONE_RIGHT
from tests.quizzes.conftest import uz

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer_client(client, make_user):
    client.force_login(make_user("trainer", groups=["Trainers"]))
    return client


def question_form(category, **overrides):
    data = {
        "category": category.pk,
        "name": "q-press",
        "qtype": "single_choice",
        "text": "Who answers comments?",
        "claim_source": "",
        "correct": "",
        "true_feedback": "",
        "false_feedback": "",
        "answers": streamfield(
            [
                ("choice", {"text": "Press secretary", "fraction": "100", "feedback": ""}),
                ("choice", {"text": "Nobody", "fraction": "0", "feedback": ""}),
            ]
        ),
        "general_feedback": "",
        "rubric": "",
        "default_points": "1",
        "penalty": "0.333",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_a_trainer_saves_a_draft_question_then_publishes_it(trainer_client, category):
    url = reverse("wagtailsnippets_quizzes_question:add")
    response = trainer_client.post(url, question_form(category))
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.live is False and question.latest_revision is not None
    publish = question_form(category, **{"action-publish": "publish"})
    edit_url = reverse("wagtailsnippets_quizzes_question:edit", args=[question.pk])
    assert trainer_client.post(edit_url, publish).status_code == 302
    question.refresh_from_db()
    assert question.live and question.revisions.count() == 2


def test_invalid_question_is_refused_with_a_message(trainer_client, category):
    url = reverse("wagtailsnippets_quizzes_question:add")
    bad = question_form(
        category,
        answers=streamfield(
            [
                ("choice", {"text": "A", "fraction": "0", "feedback": ""}),
                ("choice", {"text": "B", "fraction": "0", "feedback": ""}),
            ]
        ),
    )
    response = trainer_client.post(url, bad)
    assert response.status_code == 200
    errors = response.context["form"].errors["answers"]
    assert str(MESSAGE_NEEDS_ONE_RIGHT) in str(errors) or uz(MESSAGE_NEEDS_ONE_RIGHT) in str(errors)
    assert Question.objects.count() == 0


def test_a_trainer_creates_a_quiz_with_a_fixed_and_a_random_slot(
    trainer_client, category, make_question
):
    question = make_question()
    data = nested_form_data(
        {
            "title": "Ethics check",
            "key": "ethics-check",
            "description": "",
            "slots": inline_formset(
                [
                    {"question": question.pk, "category": "", "random_count": "1", "points": "2"},
                    {"question": "", "category": category.pk, "random_count": "3", "points": "1"},
                ]
            ),
            "pass_mark": "70",
            "attempts_allowed": "0",
            "grading": "highest",
            "open_at": "",
            "close_at": "",
            "time_limit_minutes": "15",
            "behaviour": "deferred",
            "shuffle_choices": "on",
            "questions_per_page": "5",
            "max_questions": "",
            "pass_text": "Passed",
            "fail_text": "Try again",
            "action-publish": "publish",
        }
    )
    data["review_options"] = ["immediately:attempt", "immediately:points"]
    response = trainer_client.post(reverse("wagtailsnippets_quizzes_quiz:add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    quiz = Quiz.objects.get()
    assert quiz.live and quiz.time_limit_minutes == 15
    assert quiz.review_options == ["immediately:attempt", "immediately:points"]
    assert [
        (slot.question_id, slot.category_id, slot.points)
        for slot in quiz.slots.order_by("sort_order")
    ] == [
        (question.pk, None, Decimal(2)),
        (None, category.pk, Decimal(1)),
    ]


def test_quiz_translations_draw_questions_in_their_own_language(
    make_user, make_question, make_quiz, category
):
    russian = Locale.objects.get_or_create(language_code="ru")[0]
    uz_question = make_question(text="Savol")
    ru_question = uz_question.copy_for_translation(russian)
    ru_question.text = "Вопрос"
    ru_question.save()
    quiz = make_quiz([uz_question])
    ru_quiz = quiz.copy_for_translation(russian)
    ru_quiz.title = "Тест"
    ru_quiz.save()
    assert ru_quiz.translation_key == quiz.translation_key
    attempt = attempt_start(quiz=Quiz.objects.get(pk=ru_quiz.pk), user=make_user("reader"))
    assert attempt.questions.get().snapshot["text"] == "Вопрос"


def test_listings_and_the_statistics_and_results_buttons(trainer_client, make_question, make_quiz):
    quiz = make_quiz([make_question()])
    listing = trainer_client.get(reverse("wagtailsnippets_quizzes_quiz:list"))
    html = listing.content.decode()
    assert listing.status_code == 200 and "Ethics quiz" in html
    assert reverse("quizzes_statistics", args=[quiz.pk]) in html
    assert reverse("quizzes_marking") + f"?quiz={quiz.pk}" in html
    assert trainer_client.get(reverse("wagtailsnippets_quizzes_question:list")).status_code == 200
    assert trainer_client.get(reverse("quizzes_statistics", args=[quiz.pk])).status_code == 200


def test_question_lists_and_statistics_show_the_questions_words(
    trainer_client, make_question, make_quiz
):
    question = make_question(text="Who answers comments on the district's channel?")
    question.name = "fc-01"
    question.save()
    make_quiz([question])
    listing = trainer_client.get(reverse("wagtailsnippets_quizzes_question:list")).content.decode()
    assert "fc-01" in listing and "Who answers comments on the district" in listing
    assert "gravatar" not in listing.lower()  # no third-party avatars in the admin
