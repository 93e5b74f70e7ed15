"""A visitor takes the headline test before a course, the course, the test after it, and sees
their own change (docs/outcomes.md)."""

import re

import pytest
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext, ngettext
from playwright.sync_api import Page, expect

from courses.models import CourseIndexPage, CoursePage, LessonPage
from outcomes.models import Headline, Instrument, MeasuredCourse


def uz(message: str) -> str:
    with translation.override("uz"):
        return gettext(message)


@pytest.fixture(scope="module")
def measured_course(site, django_db_blocker):
    with django_db_blocker.unblock():
        course = CoursePage.objects.filter(slug="measured-facts").first()
        if course is None:
            catalogue = CourseIndexPage.objects.get(locale__language_code="uz")
            course = catalogue.add_child(
                instance=CoursePage(
                    title="Measured facts",
                    slug="measured-facts",
                    summary="Facts.",
                    audience="public",
                )
            )
            for number in (1, 2):
                course.add_child(
                    instance=LessonPage(
                        title=f"Measured facts {number}",
                        slug=f"l{number}",
                        body=[("rich_text", "<p>Read laterally.</p>")],
                    )
                )
        instrument = Instrument.objects.get(key="headlines-uz")  # loaded by seed_demo
        MeasuredCourse.objects.get_or_create(
            key="measured-facts", defaults={"course": course, "instrument": instrument}
        )
        truth = dict(Headline.objects.filter(instrument=instrument).values_list("pk", "is_real"))
        connection.close()  # see the `site` fixture
        return truth


def answer(page: Page, truth: dict, *, right: bool):
    names = page.locator("input[type=radio][value=real]").evaluate_all(
        "inputs => inputs.map(input => input.name)"
    )
    assert len(names) == 10
    for name in names:
        is_real = truth[int(name.removeprefix("h-"))]
        value = ("real" if is_real else "fake") if right else "real"
        page.locator(f"input[name='{name}'][value='{value}']").check()
    page.get_by_role("button", name=uz("Send my answers")).click()


def test_visitor_takes_the_tests_around_the_course_and_sees_the_change(
    site, measured_course, page: Page, axe_serious_violations
):
    page.goto(site.url + "/courses/measured-facts/")
    expect(
        page.get_by_role("heading", name=uz("Before you start: a short headline test"))
    ).to_be_visible()
    page.get_by_role("link", name=uz("Take the test before the course")).click()
    expect(page.locator("#consent")).to_be_visible()
    assert axe_serious_violations(page) == []
    # Before: everything called real, so 5 of 10 right (the true half).
    answer(page, measured_course, right=False)
    expect(page.get_by_role("heading", level=1)).to_have_text("Measured facts 1")

    page.get_by_role("button", name=uz("Mark as done and continue")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Measured facts 2")
    page.get_by_role("button", name=uz("Mark as done")).click()
    expect(page).to_have_url(re.compile(r"/courses/measured-facts/$"))
    page.get_by_role("link", name=uz("Take the test after the course")).click()
    # After: every headline right.
    answer(page, measured_course, right=True)

    expect(page).to_have_url(re.compile(r"/outcomes/my/[\w-]+/$"))
    with translation.override("uz"):
        change = ngettext(
            "After the course you judged %(points)s more headline correctly.",
            "After the course you judged %(points)s more headlines correctly.",
            5,
        ) % {"points": 5}
    expect(page.locator("#outcomes-change")).to_have_text(change)
    scores = page.locator("#outcomes-scores")
    expect(scores).to_contain_text("5 / 10")
    expect(scores).to_contain_text("10 / 10")
    expect(page.locator("#outcomes-keep-link")).to_have_text(re.compile(r"/outcomes/my/"))
    assert axe_serious_violations(page) == []
