"""A citizen on a phone pastes a look-alike link into the register's check and is shown the
real account, then reports the impostor."""

import re

from playwright.sync_api import Page, expect

PHONE = {"width": 360, "height": 740}
LOOKALIKE = "https://t.me/demo_axborot_agentlіgi"  # a Cyrillic "і" in "agentlіgi"
REAL = "https://t.me/demo_axborot_agentligi"


def test_citizen_checks_a_lookalike_on_a_phone_and_reports_it(
    site, page: Page, axe_serious_violations
):
    page.set_viewport_size(PHONE)
    page.goto(site.url + "/en/")
    page.get_by_role("button", name="Menu").click()  # the phone's header is a menu button
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Official accounts"
    ).click()
    expect(page).to_have_url(re.compile(r"/en/registry/check/$"))

    page.get_by_label("Link or handle of the account").fill(LOOKALIKE)
    page.get_by_role("button", name="Check", exact=True).click()
    result = page.locator(".check-result")
    expect(result.get_by_role("status")).to_contain_text("looks like an official one")
    expect(result.get_by_role("heading", name="The real account")).to_be_visible()
    expect(result.get_by_role("link", name=REAL)).to_be_visible()
    expect(result).to_contain_text("Axborot va ommaviy kommunikatsiyalar agentligi")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe_serious_violations(page) == []

    result.get_by_role("link", name="Report this impostor").click()
    expect(page.get_by_label("Link or handle of the account")).to_have_value(LOOKALIKE)
    page.get_by_label("What makes you think it pretends to be official?").fill(
        "It asks for card details for a gift."
    )
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_role("status").first).to_contain_text("registry editors will look")


def test_the_check_answers_in_uzbek_cyrillic(site, page: Page):
    page.set_viewport_size(PHONE)
    page.goto(site.url + "/registry/check/?script=cyrl&q=" + REAL)
    expect(page.locator(".check-result").get_by_role("status")).to_contain_text(
        "Расмий: бу ҳисоб реестрда бор."
    )
    expect(page.locator(".check-result").get_by_role("link", name=REAL).first).to_be_visible()


def test_the_register_fits_a_phone_and_has_no_serious_accessibility_problems(
    site, page: Page, axe_serious_violations
):
    page.set_viewport_size(PHONE)
    page.goto(site.url + "/ru/registry/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Реестр официальных аккаунтов государственных органов"
    )
    expect(page.get_by_role("link", name="demo_chirchiq_hokimligi")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe_serious_violations(page) == []
