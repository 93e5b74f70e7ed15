"""A learner asks a question on a playbook; a trainer answers; the learner accepts the answer."""

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect


def uz(message: str) -> str:
    with translation.override("uz"):
        return gettext(message)


# The demo content (demo/playbooks/, loaded by the `site` fixture's seed_demo) holds this one.
PLAYBOOK_TITLE = "Axborot xurujiga tezkor javob"
THREAD_TITLE = "Yolgʻon postning skrinshotini bayonotga qoʻshish kerakmi?"


@pytest.fixture
def playbooks(site):
    return site


def sign_in(page: Page, base: str, username: str):
    page.goto(base + "/accounts/login/")
    page.locator("#id_login").fill(username)
    page.locator("#id_password").fill("Browser-pass-2026")
    page.get_by_role("main").get_by_role("button").last.click()
    expect(page.get_by_role("button", name=uz("Sign out"))).to_be_visible()


def sign_out(page: Page):
    page.get_by_role("button", name=uz("Sign out")).click()
    expect(page.get_by_role("link", name=uz("Sign in")).first).to_be_visible()


def test_learner_asks_trainer_answers_and_the_learner_accepts(
    site, playbooks, page: Page, axe_serious_violations
):
    sign_in(page, site.url, "learner")
    page.get_by_role("navigation").get_by_role("link", name=uz("Playbooks")).click()
    page.get_by_role("link", name=PLAYBOOK_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PLAYBOOK_TITLE)
    assert axe_serious_violations(page) == []

    page.get_by_text(uz("Ask a question")).first.click()
    page.get_by_label(uz("Your question in one line")).fill(
        "Shablonni Telegram uchun qisqartirsa boʻladimi?"
    )
    page.get_by_label(uz("Details")).fill("Telegram postida **1000 belgi** cheklovi bor.")
    page.get_by_role("button", name=uz("Publish the question")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Shablonni Telegram uchun qisqartirsa boʻladimi?"
    )
    expect(page.locator(".post--question strong").last).to_have_text("1000 belgi")
    sign_out(page)

    sign_in(page, site.url, "trainer")
    page.goto(site.url + "/playbooks/tezkor-javob/")
    page.get_by_role("link", name="Shablonni Telegram uchun qisqartirsa boʻladimi?").click()
    page.get_by_role("textbox", name=uz("Your answer")).fill(
        "Ha, lekin manba va keyingi xabar vaqtini qoldiring."
    )
    page.get_by_role("button", name=uz("Publish the answer")).click()
    expect(page.locator(".post--answer")).to_contain_text("manba va keyingi xabar vaqtini")
    sign_out(page)

    sign_in(page, site.url, "learner")
    page.goto(site.url + "/playbooks/tezkor-javob/")
    page.get_by_role("link", name="Shablonni Telegram uchun qisqartirsa boʻladimi?").click()
    page.get_by_role("button", name=uz("Accept this answer")).click()
    expect(page.locator(".post--accepted")).to_contain_text("manba va keyingi xabar vaqtini")
    expect(page.locator(".badge--accepted")).to_have_text(uz("Accepted answer"))
    assert axe_serious_violations(page) == []


def test_a_citizen_reads_the_thread_but_sees_no_answer_form(site, playbooks, page: Page):
    sign_in(page, site.url, "citizen")
    page.goto(site.url + "/playbooks/tezkor-javob/")
    page.get_by_role("link", name=THREAD_TITLE).click()
    expect(page.locator(".post--accepted")).to_contain_text("Skrinshot qoʻymang")
    expect(page.get_by_role("textbox", name=uz("Your answer"))).to_have_count(0)
