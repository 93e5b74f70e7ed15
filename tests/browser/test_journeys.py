import re

import pytest
from playwright.sync_api import Page, expect


def test_visitor_switches_language_and_signs_in(site, page: Page):
    page.goto(site.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "uz")

    page.get_by_role("button", name="Русский").click()
    expect(page).to_have_url(re.compile(r"/ru/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator(".lead")).to_contain_text("Учебная платформа")

    page.get_by_role("navigation").get_by_role("link", name="Войти").click()
    expect(page).to_have_url(re.compile(r"/ru/accounts/login/"))
    page.locator("#id_login").fill("learner")
    page.get_by_label("Пароль").fill("Browser-pass-2026")
    page.get_by_role("main").get_by_role("button", name="Войти").click()

    # A signed-in learner starts from the dashboard, still in Russian.
    expect(page).to_have_url(re.compile(r"/ru/dashboard/$"))
    expect(page.get_by_role("button", name="Выйти")).to_be_visible()


def test_wrong_password_is_explained_and_nobody_is_signed_in(site, page: Page):
    page.goto(site.url + "/en/accounts/login/")
    page.locator("#id_login").fill("learner")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("main").get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("main")).to_contain_text("not correct")
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def test_keyboard_user_reaches_main_content_first(site, page: Page):
    page.goto(site.url + "/en/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))


@pytest.mark.parametrize("path", ["/", "/ru/", "/en/accounts/login/", "/accounts/signup/"])
def test_pages_have_no_serious_accessibility_violations(
    site, page: Page, axe_serious_violations, path
):
    page.goto(site.url + path)
    assert axe_serious_violations(page) == []


def test_home_page_fits_a_phone(site, page: Page):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(site.url + "/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
