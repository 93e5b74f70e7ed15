"""A coordinator gives an overdue learner more time from the compliance report's people list,
and the report changes: one overdue fewer, one extended more."""

import datetime
import re
import time

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.utils import timezone
from playwright.sync_api import Page, expect
from wagtail.users.models import UserProfile

from accounts.models import Employment, Organization
from courses.assignments.services import required_courses_refresh
from courses.models import RequiredCourse

PASSWORD = "Browser-pass-2026"


@pytest.fixture(scope="module")
def people(site, django_db_blocker):
    """An overdue learner in Chirchiq and a coordinator of the region who reads the admin in
    English (the demo's own coordinator keeps Uzbek)."""
    stamp = str(time.time_ns())[-6:]
    User = get_user_model()
    with django_db_blocker.unblock():
        region = Organization.objects.get(code="tashkent-region")
        chirchiq = Organization.objects.get(code="chirchiq")
        coordinator = User.objects.create_user(
            username=f"coord{stamp}",
            password=PASSWORD,
            email=f"coord{stamp}@example.uz",
            full_name=f"Coordinator {stamp}",
        )
        EmailAddress.objects.create(
            user=coordinator, email=coordinator.email, verified=True, primary=True
        )
        coordinator.groups.add(Group.objects.get(name="Coordinators"))
        Employment.objects.create(user=coordinator, organization=region, is_coordinator=True)
        profile = UserProfile.get_for_user(coordinator)
        profile.preferred_language = "en"
        profile.save(update_fields=["preferred_language"])
        learner = User.objects.create_user(
            username=f"late{stamp}",
            password=PASSWORD,
            email=f"late{stamp}@example.uz",
            full_name=f"Late Learner {stamp}",
        )
        Employment.objects.create(user=learner, organization=chirchiq)
        required_courses_refresh(user_ids=[learner.pk, coordinator.pk])
        rows = RequiredCourse.objects.filter(user=learner)
        assert rows.count() >= 1
        rows.update(due_on=timezone.localdate() - datetime.timedelta(days=2))
        result = {
            "coordinator": coordinator.username,
            "learner": learner.get_full_name(),
            "courses": rows.count(),
            "chirchiq": chirchiq.pk,
        }
        connection.close()
        return result


def sign_in(page: Page, base: str, username: str):
    page.context.clear_cookies()
    page.goto(base + "/accounts/login/")
    page.locator("#id_login").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button").last.click()
    page.wait_for_url(re.compile(r"/$"))


def totals(page: Page) -> dict[str, int]:
    """The report's total row: assigned, completed, in progress, not started, overdue, rate,
    extended, exempt."""
    cells = page.locator("#compliance-table tfoot td")
    expect(cells.first).to_be_visible()
    return {"overdue": int(cells.nth(4).inner_text()), "extended": int(cells.nth(6).inner_text())}


def test_coordinator_extends_a_learners_due_date_and_the_report_changes(site, people, page: Page):
    sign_in(page, site.url, people["coordinator"])
    page.goto(f"{site.url}/admin/compliance/?organization={people['chirchiq']}")
    before = totals(page)
    assert before["overdue"] >= people["courses"]

    page.locator("#compliance-table").get_by_role("link", name="People").first.click()
    page.wait_for_url(re.compile(r"/admin/compliance/people/"))
    page.get_by_role("link", name=f"Extend or exempt {people['learner']}").first.click()
    page.wait_for_url(re.compile(r"/admin/compliance/people/exception/"))
    expect(page.get_by_role("radio", name="Extend the due date")).to_be_checked()
    new_due = timezone.localdate() + datetime.timedelta(days=21)
    page.locator("#id_due_on").fill(new_due.strftime("%d.%m.%Y"))
    page.locator("#id_reason").click()  # closes the date picker
    page.locator("#id_reason").fill("Business trip to Nukus until the end of the month")
    page.get_by_role("button", name="Save the exception").click()

    page.wait_for_url(re.compile(r"/admin/compliance/people/\?"))
    row = page.locator("#compliance-people tbody tr", has_text=people["learner"]).first
    expect(row).to_contain_text("Extended")
    expect(row).to_contain_text("extended to")

    page.get_by_role("link", name="Back to the report").click()
    page.wait_for_url(re.compile(r"/admin/compliance/\?"))
    after = totals(page)
    assert after == {"overdue": before["overdue"] - 1, "extended": before["extended"] + 1}
