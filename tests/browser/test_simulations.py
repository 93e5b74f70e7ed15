"""A learner plays a demo practice scenario to its end on a phone, with the keyboard only, and
axe finds no serious or critical problem on the scenario pages."""

import re

from playwright.sync_api import Page, expect

PASSWORD = "Browser-pass-2026"
PHONE = {"width": 375, "height": 740}


def tab_to(page: Page, locator, limit: int = 120) -> None:
    """Press Tab until ``locator`` has the focus, as a keyboard user would."""
    handle = locator.element_handle()
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(element) => document.activeElement === element", handle):
            return
    raise AssertionError(f"Tab never reached {locator}")


def choose(page: Page, index: int) -> None:
    """Select the ``index``-th action with the arrow keys and send it with Enter on the button."""
    tab_to(page, page.locator("#choice-0"))
    if index == 0:
        page.keyboard.press("Space")
    for _ in range(index):
        page.keyboard.press("ArrowDown")
    expect(page.locator(f"#choice-{index}")).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Act"))
    page.keyboard.press("Enter")


def test_learner_plays_the_road_repair_scenario_on_a_phone_with_the_keyboard(
    site, page: Page, axe_serious_violations
):
    page.set_viewport_size(PHONE)
    page.goto(site.url + "/en/accounts/login/")
    tab_to(page, page.locator("#id_login"))
    page.keyboard.type("learner")
    tab_to(page, page.locator("#id_password"))
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/dashboard/$"))

    page.goto(site.url + "/en/simulations/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Practice room")
    assert axe_serious_violations(page) == []
    link = page.get_by_role("link", name="A comment at night: an appeal about a road repair")
    tab_to(page, link)
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "A comment at night: an appeal about a road repair"
    )
    assert axe_serious_violations(page) == []
    start = page.get_by_role("button", name=re.compile("Start the scenario|Continue the scenario"))
    tab_to(page, start)
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("23:10, an angry comment")
    expect(page.locator(".sim-feed")).to_contain_text("Bogʻbon Street")
    expect(page.locator(".sim-indicators")).to_contain_text("23:10")
    assert axe_serious_violations(page) == []
    choose(page, 0)  # thank him and register the appeal

    expect(page.get_by_role("heading", level=1)).to_have_text("The road service confirms")
    expect(page.locator(".sim-feedback")).to_contain_text("Answering politely the same evening")
    expect(page.locator(".sim-feed")).to_contain_text("appeal No. 1452")
    assert axe_serious_violations(page) == []
    choose(page, 0)  # the date and the appeal number

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Result: A comment at night: an appeal about a road repair"
    )
    expect(page.locator(".sim-ending")).to_contain_text("the pothole is repaired")
    expect(page.locator(".sim-overall")).to_have_text("Overall: 100%")
    expect(page.locator(".sim-steps")).to_contain_text("Handling citizens’ appeals")
    assert axe_serious_violations(page) == []
    # The page fits the phone: nothing wider than the viewport.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
