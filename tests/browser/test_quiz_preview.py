"""An author previews a draft quiz: from the quiz's edit view to its page, answers as a learner
would, submits, sees the score and feedback marked as a preview, and nothing is counted."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect
from wagtail.models import Locale

from quizzes.models import Attempt, Question, QuestionCategory, Quiz, QuizSlot

PASSWORD = "Browser-pass-2026"


def uz(message: str) -> str:
    with translation.override("uz"):
        return gettext(message)


@pytest.fixture(scope="module")
def draft_quiz(site, committed_database):
    with committed_database():
        locale = Locale.objects.get(language_code="uz")
        category, _created = QuestionCategory.objects.get_or_create(
            key="preview-bank", defaults={"name": "Preview bank"}
        )
        quiz = Quiz.objects.filter(title="Draft press check").first()
        if quiz is None:
            question = Question.objects.create(
                category=category,
                locale=locale,
                live=False,
                qtype="single_choice",
                text="Who may post on the ministry's channel?",
                answers=[
                    (
                        "choice",
                        {
                            "text": "The press service",
                            "fraction": Decimal(100),
                            "feedback": "Yes: it holds the account.",
                        },
                    ),
                    ("choice", {"text": "Any employee", "fraction": Decimal(0), "feedback": ""}),
                ],
            )
            quiz = Quiz(
                title="Draft press check",
                locale=locale,
                live=False,
                shuffle_choices=False,
                pass_mark=Decimal(100),
            )
            quiz.slots.add(QuizSlot(question=question, points=1, sort_order=0))
            quiz.save()
        Attempt.all_objects.filter(quiz=quiz).delete()
        result = {
            "pk": quiz.pk,
            "edit": reverse("wagtailsnippets_quizzes_quiz:edit", args=[quiz.pk]),
            "page": reverse("quizzes:quiz", args=[quiz.pk]),
        }
        connection.close()
        return result


def test_author_previews_a_draft_quiz(site, draft_quiz, page: Page, committed_database):
    page.goto(site.url + "/accounts/login/")
    page.locator("#id_login").fill("trainer")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button").last.click()
    page.wait_for_url(re.compile(r"/$"))

    # The quiz's edit view offers the preview; it leads to the quiz's page.
    page.goto(site.url + draft_quiz["edit"])
    # In the editor's language: an earlier journey may have switched this trainer's admin to
    # English, which puts the link under /en/; the preview itself is walked in Uzbek.
    link = page.locator(f'a[href$="{draft_quiz["page"]}"]')
    expect(link).to_have_count(1)
    page.goto(site.url + draft_quiz["page"])
    expect(page.get_by_text(uz("Draft: only editors can see this quiz."))).to_be_visible()
    expect(page.get_by_role("button", name=uz("Start the quiz"))).to_have_count(0)
    page.get_by_role("button", name=uz("Preview the quiz")).click()

    expect(page.locator(".quiz__preview")).to_contain_text(uz("Preview"))
    expect(page.get_by_text("Who may post on the ministry's channel?")).to_be_visible()
    page.get_by_label("The press service").check()
    page.get_by_role("button", name=uz("Finish the attempt…")).click()
    page.get_by_role("button", name=uz("Submit and finish")).click()

    expect(page.locator(".quiz__result")).to_contain_text("100%")
    expect(page.locator(".question__feedback").first).to_contain_text("Yes: it holds the account.")
    expect(page.get_by_role("button", name=uz("Start a new preview"))).to_be_visible()
    with committed_database():
        assert not Attempt.objects.filter(quiz_id=draft_quiz["pk"]).exists()
        assert Attempt.all_objects.filter(quiz_id=draft_quiz["pk"], is_preview=True).count() == 1
        connection.close()
