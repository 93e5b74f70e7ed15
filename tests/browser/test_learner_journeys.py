"""The two journeys that must close, on a desktop and on a phone:

- a visitor goes from the home page through the public course and its test, signs in at the
  result, and ends with a completed course and a certificate;
- the demo learner signs in, lands on the dashboard, opens the required course where they left
  off, and comes back.
"""

import re
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from accounts.models import User
from quizzes.models import Attempt

PASSWORD = "Browser-pass-2026"
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def uz(message: str) -> str:
    with translation.override("uz"):
        return gettext(message)


def right_tokens(django_db_blocker) -> dict[str, str]:
    """The right answer of each question of the visitor's open attempt, as form values."""
    with django_db_blocker.unblock():
        attempt = Attempt.objects.filter(user__isnull=True, state="in_progress").latest("pk")
        tokens = {}
        for row in attempt.questions.all():
            best = max(row.snapshot["choices"], key=lambda c: Decimal(c["fraction"]))
            tokens[f"q{row.position}"] = str(row.choice_order.index(best["id"]) + 1)
        connection.close()
    return tokens


def new_citizen(django_db_blocker, username: str) -> None:
    with django_db_blocker.unblock():
        user = User.objects.create_user(
            username=username, email=f"{username}@example.uz", password=PASSWORD
        )
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        connection.close()


@pytest.mark.parametrize("size", SIZES)
def test_visitor_takes_the_public_course_and_its_test_and_gets_a_certificate(
    site, page: Page, django_db_blocker, size
):
    username = f"citizen-{size}"
    new_citizen(django_db_blocker, username)
    page.set_viewport_size(SIZES[size])
    page.goto(site.url + "/")
    page.locator(".home-courses").get_by_role("link").first.click()
    expect(page.locator(".course-facts")).to_contain_text(
        uz("Ends with a test: pass it to complete the course.")
    )
    page.get_by_role("link", name=uz("Start the course")).click()
    for _lesson in range(5):
        page.get_by_role("button", name=uz("Mark as done and continue")).click()
    # The last lesson holds the test: no button marks it done, the test does.
    expect(page.get_by_role("button", name=re.compile(uz("Mark as done")))).to_have_count(0)
    page.get_by_role("link", name=uz("Open the quiz")).click()
    expect(page.locator(".breadcrumbs")).to_be_visible()  # the way back to lesson and course
    page.get_by_role("button", name=uz("Start the quiz")).click()

    tokens = right_tokens(django_db_blocker)
    number = 1
    while True:
        for name, token in tokens.items():
            choice = page.locator(f'input[name="{name}"][value="{token}"]')
            if choice.count():
                choice.check()
        next_page = page.get_by_role("button", name=re.compile(uz("Next page")))
        if not next_page.count():
            page.get_by_role("button", name=uz("Finish the attempt…")).click()
            break
        next_page.click()
        # The next page, not the one being left: its questions are the ones to answer.
        number += 1
        expect(page).to_have_url(re.compile(rf"\?page={number}$"))
    page.get_by_role("button", name=uz("Submit and finish")).click()
    expect(page.locator(".quiz__result")).to_contain_text(uz("Passed."))

    # Signing in at the result keeps it: the attempt, the lesson, the course, the certificate.
    page.locator(".cta--keep").get_by_role("link", name=uz("Sign in")).click()
    page.locator("#id_login").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button").last.click()
    expect(page).to_have_url(re.compile(r"/quizzes/attempts/.+/review/"))
    page.locator(".quiz").get_by_role("link", name=uz("Back to the course")).click()
    expect(page.get_by_text(uz("You have completed this course."))).to_be_visible()
    page.goto(site.url + "/dashboard/")
    expect(page.locator("main")).to_contain_text("MQ-")  # the certificate's code
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]


@pytest.mark.parametrize("size", SIZES)
def test_learner_signs_in_to_the_dashboard_opens_the_required_course_and_comes_back(
    site, page: Page, size
):
    page.set_viewport_size(SIZES[size])
    page.goto(site.url + "/accounts/login/")
    page.locator("#id_login").fill("learner")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button").last.click()

    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    required = page.locator(".required-list > li").first
    expect(required.locator(".days-left")).to_be_visible()
    title = required.locator("h3").inner_text()
    assert page.locator("main h3", has_text=title).count() == 1  # one card per course
    required.get_by_role(
        "link", name=re.compile(f"{uz('Continue where I left off')}|{uz('Start the course')}")
    ).click()
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("main")).to_contain_text(title.split(":")[0])

    # Back to the dashboard through the header (a menu button on a phone).
    toggle = page.get_by_role("button", name=uz("Menu"))
    if toggle.is_visible():
        toggle.click()
    page.get_by_role("navigation", name=uz("Main")).get_by_role(
        "link", name=uz("My learning")
    ).click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
