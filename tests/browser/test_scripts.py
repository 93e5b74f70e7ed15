"""A reader switches the site to Кирилл with the keyboard, and it stays so."""

from playwright.sync_api import Page, expect


def test_reader_switches_to_cyrillic_with_the_keyboard_and_back(
    site, page: Page, axe_serious_violations
):
    page.goto(site.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "uz")
    switch = page.get_by_role("form", name="Alifbo")
    cyrillic = switch.get_by_role("button", name="Кирилл")
    cyrillic.focus()
    page.keyboard.press("Enter")

    expect(page.locator("html")).to_have_attribute("lang", "uz-Cyrl")
    expect(page.get_by_role("link", name="Курслар").first).to_be_visible()
    current = page.get_by_role("form", name="Алифбо").get_by_role("button", name="Кирилл")
    expect(current).to_have_attribute("aria-current", "true")
    assert axe_serious_violations(page) == []

    # The cookie keeps the choice on the next page.
    page.get_by_role("link", name="Курслар").first.click()
    expect(page.locator("h1")).to_have_text("Курслар")

    page.get_by_role("button", name="Lotin").click()
    expect(page.locator("html")).to_have_attribute("lang", "uz")
    expect(page.locator("h1")).to_have_text("Kurslar")
