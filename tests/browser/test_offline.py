"""A learner on a connection that drops: answers given offline survive page changes and a reload
and reach the server when the connection returns; a submit made offline is sent on reconnecting
(docs/offline.md)."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect
from wagtail.models import Locale

from courses.models import CourseIndexPage, CoursePage, LessonPage
from quizzes.models import Attempt, Question, QuestionCategory, Quiz, QuizSlot
from tests.browser.test_quizzes import sign_in

QUIZ_TITLE = "Offline check"


def uz(message: str) -> str:
    with translation.override("uz"):
        return gettext(message)


@pytest.fixture(scope="module")
def offline_lesson(site, committed_database):
    with committed_database():
        lesson = LessonPage.objects.filter(slug="offline-lesson").first()
        if lesson is None:
            locale = Locale.objects.get(language_code="uz")
            category, _created = QuestionCategory.objects.get_or_create(
                key="offline-bank", defaults={"name": "Offline bank"}
            )

            def choice(text, fraction):
                return ("choice", {"text": text, "fraction": Decimal(fraction), "feedback": ""})

            first = Question.objects.create(
                category=category,
                locale=locale,
                qtype="single_choice",
                text="Who answers the district's channel?",
                answers=[choice("The press secretary", 100), choice("Nobody", 0)],
            )
            second = Question.objects.create(
                category=category,
                locale=locale,
                qtype="short_answer",
                text="Which decree sets the duties? (PQ-number)",
                answers=[choice("PQ-4366", 100)],
            )
            third = Question.objects.create(
                category=category,
                locale=locale,
                qtype="single_choice",
                text="Is a deleted post gone for good?",
                answers=[choice("No: copies remain", 100), choice("Yes", 0)],
            )
            quiz = Quiz(
                title=QUIZ_TITLE,
                locale=locale,
                time_limit_minutes=20,
                questions_per_page=1,
                shuffle_choices=False,
                pass_mark=Decimal(60),
            )
            for order, question in enumerate((first, second, third)):
                quiz.slots.add(QuizSlot(question=question, points=1, sort_order=order))
            quiz.save()
            catalogue = CourseIndexPage.objects.get(locale__language_code="uz")
            course = catalogue.add_child(
                instance=CoursePage(
                    title="Offline course", slug="offline-course", summary="s", audience="public"
                )
            )
            course.save_revision().publish()
            lesson = course.add_child(
                instance=LessonPage(
                    title="Offline lesson",
                    slug="offline-lesson",
                    body=[("quiz", {"quiz": quiz, "introduction": ""})],
                )
            )
            lesson.save_revision().publish()
        Attempt.objects.filter(quiz__title=QUIZ_TITLE).delete()
        url = lesson.url
        connection.close()  # see the `site` fixture
        return url


def start_attempt(page: Page, site, lesson_url: str):
    sign_in(page, site.url, "learner")
    page.goto(site.url + lesson_url)
    page.get_by_role("link", name=uz("Open the quiz")).click()
    names = (uz("Start the quiz"), uz("Try again"), uz("Continue the attempt"))
    page.get_by_role("main").get_by_role(
        "button", name=re.compile("|".join(map(re.escape, names)))
    ).click()
    expect(page.locator("[data-quiz-form]")).to_have_attribute("data-offline-ready", "true")


def latest_attempt(committed_database) -> Attempt:
    with committed_database():
        attempt = Attempt.objects.filter(quiz__title=QUIZ_TITLE).latest("pk")
        rows = {row.position: row.response for row in attempt.questions.all()}
        attempt.responses = rows
        connection.close()
    return attempt


def kept_on_device(page: Page) -> list[str]:
    return page.evaluate(
        "Object.keys(localStorage).filter((key) => key.startsWith('muloqot.attempt.'))"
    )


def test_answers_given_offline_survive_a_reload_and_reach_the_server(
    site, offline_lesson, page: Page, committed_database
):
    start_attempt(page, site, offline_lesson)
    status = page.locator("[data-quiz-saved]")
    waiting = uz("Waiting for the connection — your answers are kept on this device")

    page.context.set_offline(True)
    page.get_by_label("The press secretary").check()
    expect(status).to_have_text(waiting)
    page.get_by_role("button", name=re.compile(uz("Next page"))).click()
    expect(page).to_have_url(re.compile(r"\?page=2$"))
    page.get_by_label(uz("Your answer")).fill("PQ-4366")

    # Reloading without a connection: the page comes from this device, with the answer.
    page.reload()
    expect(page.get_by_label(uz("Your answer"))).to_have_value("PQ-4366")
    expect(status).to_have_text(waiting)
    page.get_by_role("button", name=re.compile(uz("Previous page"))).click()
    expect(page.get_by_label("The press secretary")).to_be_checked()
    assert not any(latest_attempt(committed_database).responses.values())

    page.context.set_offline(False)
    expect(status).to_have_text(uz("Answers saved"))
    attempt = latest_attempt(committed_database)
    assert attempt.responses[1].get("choice")
    assert attempt.responses[2] == {"text": "PQ-4366"}
    assert attempt.state == Attempt.State.IN_PROGRESS

    # Finished online: the copy on this device is deleted.
    page.get_by_role("button", name=uz("Finish the attempt…")).click()
    page.get_by_role("button", name=uz("Submit and finish")).click()
    expect(page.locator(".quiz__result")).to_contain_text("67%")
    assert kept_on_device(page) == []


def test_a_submit_made_offline_is_sent_when_the_connection_returns(
    site, offline_lesson, page: Page, committed_database
):
    start_attempt(page, site, offline_lesson)
    page.get_by_label("The press secretary").check()
    expect(page.locator("[data-quiz-saved]")).to_have_text(uz("Answers saved"))

    page.context.set_offline(True)
    page.get_by_role("button", name=re.compile(uz("Next page"))).click()
    page.get_by_label(uz("Your answer")).fill("pq-4366")
    page.get_by_role("button", name=uz("Finish the attempt…")).click()
    page.get_by_role("button", name=uz("Submit and finish")).click()
    expect(page.locator("[data-quiz-saved]")).to_have_text(
        uz(
            "Waiting for the connection — the attempt will be submitted when it returns; "
            "your answers are kept on this device"
        )
    )
    assert latest_attempt(committed_database).state == Attempt.State.IN_PROGRESS

    page.context.set_offline(False)
    result = page.locator(".quiz__result")
    expect(result).to_contain_text("67%")
    attempt = latest_attempt(committed_database)
    assert attempt.state == Attempt.State.FINISHED and attempt.percent == Decimal("66.67")
    assert kept_on_device(page) == []
