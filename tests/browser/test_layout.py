"""Every demo page fits a 360 px phone in every language and script; the header collapses to a
menu button that works with the keyboard.

The addresses are those the translation walk visits (tests/core/test_translations_complete.py):
every live page of the language, the Uzbek pages it lacks at their fallback address, and every
app address without parameters, as a visitor and as the demo learner.
"""

import re

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from core import scripts
from tests.core.test_translations_complete import app_urls, page_urls

PHONE = {"width": 360, "height": 740}
VARIANTS = [
    ("uz", scripts.LATIN),
    ("uz", scripts.CYRILLIC),
    ("ru", scripts.LATIN),
    ("en", scripts.LATIN),
]
# Why the page is wider than the screen: the widest elements that stick out.
CULPRITS = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = el => {
    for (let up = el.parentElement; up; up = up.parentElement) {
      if (['auto', 'scroll'].includes(getComputedStyle(up).overflowX)) return true;
    }
    return false;
  };
  return [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > width + 1 && !scrolls(el))
    .slice(0, 4)
    .map(el => el.tagName.toLowerCase()
      + (el.className ? '.' + String(el.className).split(' ')[0] : '')
      + ' ' + Math.round(el.getBoundingClientRect().right) + 'px');
}"""


def sign_in(page: Page, base: str) -> None:
    # The last page walked (the search page) may still be navigating on its own: let it end.
    for _ in range(3):
        try:
            page.goto("about:blank")
            break
        except PlaywrightError:
            page.wait_for_load_state("load")
    page.goto(base + "/en/accounts/login/")
    page.locator("#id_login").fill("learner")
    page.get_by_label("Password").fill("Browser-pass-2026")
    page.get_by_role("main").get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))


def too_wide(page: Page, base: str, urls: list[str]) -> list[str]:
    problems = []
    for url in urls:
        try:
            response = page.goto(base + url)
        except PlaywrightError:  # an address that only answers POST (405 without a body)
            continue
        if (
            response is None
            or response.status >= 400
            or "text/html" not in response.headers.get("content-type", "")
        ):
            continue
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            problems.append(f"{url}: {width}px {page.evaluate(CULPRITS)}")
    return problems


@pytest.mark.parametrize(("language", "script"), VARIANTS, ids=["uz-latn", "uz-cyrl", "ru", "en"])
def test_every_demo_page_fits_a_phone(site, page: Page, django_db_blocker, language, script):
    with django_db_blocker.unblock():
        urls = page_urls(language) + app_urls(language)
    assert len(urls) >= 10
    page.set_viewport_size(PHONE)
    page.context.add_cookies([{"name": scripts.COOKIE_NAME, "value": script, "url": site.url}])
    problems = too_wide(page, site.url, urls)
    sign_in(page, site.url)
    problems += [f"(learner) {p}" for p in too_wide(page, site.url, urls)]
    assert not problems, "\n".join(problems)


def test_the_phone_header_is_a_menu_button_that_works_with_the_keyboard(site, page: Page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site.url + "/en/")
    header = page.locator(".site-header")
    assert header.bounding_box()["height"] <= 90
    courses = page.get_by_role("navigation", name="Main").get_by_role("link", name="Courses")
    expect(courses).to_be_hidden()
    toggle = page.get_by_role("button", name="Menu")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(courses).to_be_visible()
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(courses).to_be_hidden()
    expect(toggle).to_be_focused()
    # On a desktop the menu is simply there.
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(courses).to_be_visible()
    expect(toggle).to_be_hidden()
