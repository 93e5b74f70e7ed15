"""A learner takes a timed quiz from a lesson, reloads midway without losing answers, submits
and sees the feedback; passing completes the lesson."""

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


def uz(message: str) -> str:
    with translation.override("uz"):
        return gettext(message)


@pytest.fixture(scope="module")
def quiz_lesson(site, committed_database):
    with committed_database():
        lesson = LessonPage.objects.filter(slug="quiz-lesson").first()
        if lesson is None:
            locale = Locale.objects.get(language_code="uz")
            category, _created = QuestionCategory.objects.get_or_create(
                key="browser-bank", defaults={"name": "Browser bank"}
            )

            def choice(text, fraction, feedback=""):
                return (
                    "choice",
                    {"text": text, "fraction": Decimal(fraction), "feedback": feedback},
                )

            single = Question.objects.create(
                category=category,
                locale=locale,
                qtype="single_choice",
                text="Who answers comments on the district's channel?",
                answers=[
                    choice("The press secretary", 100, "Yes: it is their duty."),
                    choice("Nobody", 0),
                ],
                general_feedback="PQ-4366 gives the information service this duty.",
            )
            short = Question.objects.create(
                category=category,
                locale=locale,
                qtype="short_answer",
                text="Which decree sets the duties? (PQ-number)",
                answers=[choice("PQ-4366", 100)],
            )
            quiz = Quiz(
                title="Press service check",
                locale=locale,
                time_limit_minutes=5,
                questions_per_page=1,
                shuffle_choices=False,
                pass_mark=Decimal(100),
                pass_text="Well done: the lesson is complete.",
            )
            quiz.slots.add(QuizSlot(question=single, points=1, sort_order=0))
            quiz.slots.add(QuizSlot(question=short, points=1, sort_order=1))
            quiz.save()
            catalogue = CourseIndexPage.objects.get(locale__language_code="uz")
            course = catalogue.add_child(
                instance=CoursePage(
                    title="Quiz course", slug="quiz-course", summary="s", audience="public"
                )
            )
            course.save_revision().publish()
            lesson = course.add_child(
                instance=LessonPage(
                    title="Quiz lesson",
                    slug="quiz-lesson",
                    body=[
                        ("rich_text", "<p>Read, then take the quiz.</p>"),
                        ("quiz", {"quiz": quiz, "introduction": ""}),
                    ],
                )
            )
            lesson.save_revision().publish()
        # A rerun on a reused database starts from no attempts.
        Attempt.objects.filter(quiz__title="Press service check").delete()
        url = lesson.url
        connection.close()  # see the `site` fixture
        return url


def sign_in(page: Page, base: str, username: str):
    page.goto(base + "/accounts/login/")
    page.locator("#id_login").fill(username)
    page.locator("#id_password").fill("Browser-pass-2026")
    page.get_by_role("main").get_by_role("button").last.click()
    expect(page.get_by_role("button", name=uz("Sign out"))).to_be_visible()


def test_timed_quiz_from_a_lesson_survives_a_reload_and_shows_feedback(
    site, quiz_lesson, page: Page, axe_serious_violations
):
    sign_in(page, site.url, "learner")
    page.goto(site.url + quiz_lesson)
    expect(page.locator(".quiz-block")).to_contain_text("Press service check")
    page.get_by_role("link", name=uz("Open the quiz")).click()
    page.get_by_role("button", name=uz("Start the quiz")).click()

    expect(page.locator("[data-quiz-timer]")).to_be_visible()
    expect(page.locator("[data-quiz-clock]")).to_have_text(re.compile(r"^[45]:\d\d$"))
    assert axe_serious_violations(page) == []

    # Page 1: choose, and the module saves it without any button.
    page.get_by_label("The press secretary").check()
    expect(page.locator("[data-quiz-saved]")).to_have_text(uz("Answers saved"))
    page.reload()
    expect(page.get_by_label("The press secretary")).to_be_checked()

    # Page 2: type, reload midway: the answer is still there.
    page.get_by_role("button", name=re.compile(uz("Next page"))).click()
    page.get_by_label(uz("Your answer")).fill("pq-4366")
    expect(page.locator("[data-quiz-saved]")).to_have_text(uz("Answers saved"))
    page.reload()
    expect(page.get_by_label(uz("Your answer"))).to_have_value("pq-4366")

    page.get_by_role("button", name=uz("Finish the attempt…")).click()
    page.get_by_role("button", name=uz("Submit and finish")).click()

    result = page.locator(".quiz__result")
    expect(result).to_contain_text("100%")
    expect(result).to_contain_text("Well done: the lesson is complete.")
    expect(page.locator(".question__explanation")).to_contain_text(
        "PQ-4366 gives the information service"
    )
    expect(page.locator(".question__feedback").first).to_contain_text("Yes: it is their duty.")
    assert axe_serious_violations(page) == []

    page.get_by_role("link", name=uz("Back to the lesson")).click()
    expect(page.get_by_text(uz("You have completed this lesson."))).to_be_visible()
