"""A civil servant sees on the dashboard that a code changed, reads what changed, and
acknowledges the new version."""

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from accounts.models import User
from regulations.models import Acknowledgement, AcknowledgementRequirement

# The demo code (demo/regulations/, loaded by the `site` fixture's seed_demo).
CODE_TITLE = (
    "Davlat xizmatchilarining ijtimoiy tarmoqlardagi faoliyati qoidalari (namunaviy kodeks)"
)
NEW_RULE = "Organ hali eʼlon qilmagan rasmiy maʼlumot shaxsiy akkauntlardan eʼlon qilinmaydi."


def uz(message: str, **params) -> str:
    with translation.override("uz"):
        return gettext(message) % params if params else gettext(message)


@pytest.fixture
def learner_state(site, committed_database):
    """Leave the demo learner as seed_demo made them: version 1 acknowledged only."""
    yield
    with committed_database():
        learner = User.objects.get(username="learner")
        Acknowledgement.objects.filter(user=learner, version_number=2).delete()
        AcknowledgementRequirement.objects.filter(
            user=learner, current=True, version__number=2
        ).update(acknowledged_at=None)


def test_learner_reads_what_changed_and_acknowledges(
    site, learner_state, page: Page, axe_serious_violations
):
    page.goto(site.url + "/accounts/login/")
    page.locator("#id_login").fill("learner")
    page.locator("#id_password").fill("Browser-pass-2026")
    page.get_by_role("main").get_by_role("button").last.click()
    expect(page.get_by_role("button", name=uz("Sign out"))).to_be_visible()

    page.goto(site.url + "/dashboard/")
    panel = page.get_by_role("region", name=uz("Codes of conduct to acknowledge"))
    version_link = uz("%(title)s, version %(number)s", title=CODE_TITLE, number=2)
    panel.get_by_role("link", name=version_link).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(uz("Version %(number)s", number=2))

    page.get_by_role("link", name=uz("What changed since the previous version")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        uz("What changed from version %(old)s to version %(new)s", old=1, new=2)
    )
    expect(page.locator(".diff-added ins")).to_have_text(NEW_RULE)
    assert axe_serious_violations(page) == []

    page.get_by_role("link", name=uz("Read version %(number)s", number=2)).click()
    page.get_by_label(uz("I have read version %(number)s and will follow it.", number=2)).check()
    page.get_by_role("button", name=uz("Acknowledge")).click()
    expect(page.locator(".code-acknowledged")).to_be_visible()
    assert axe_serious_violations(page) == []

    page.goto(site.url + "/dashboard/")
    expect(page.get_by_role("region", name=uz("Codes of conduct to acknowledge"))).to_have_count(0)
    page.goto(site.url + "/learning/codes/acknowledged/")
    expect(page.locator("tbody tr")).to_have_count(2)  # versions 1 and 2, both on record
