"""A trainer builds a course with every lesson block in the Wagtail admin; a methodologist
approves it through the "Methodologist approval" workflow; then it is live."""

import io
import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import connection
from PIL import Image as PILImage
from playwright.sync_api import Page, expect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.users.models import UserProfile

from courses.models import CourseIndexPage

PASSWORD = "Browser-pass-2026"


@pytest.fixture(scope="module")
def media(site, django_db_blocker):
    """An image and a video file in the libraries, as a trainer would have uploaded them."""
    with django_db_blocker.unblock():
        buffer = io.BytesIO()
        PILImage.new("RGB", (320, 180), (11, 93, 122)).save(buffer, "PNG")
        image = get_image_model().objects.create(
            title="Press briefing", file=ImageFile(buffer, name="briefing.png")
        )
        video = get_document_model().objects.create(
            title="Answering a complaint", file=ContentFile(b"\x00" * 64, name="answer.mp4")
        )
        catalogue = CourseIndexPage.objects.get(locale__language_code="uz")
        # This journey reads the admin's English labels; the admin in Uzbek has its own test
        # (tests/core/test_admin_language.py).
        for user in get_user_model().objects.filter(username__in=["trainer", "methodologist"]):
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = "en"
            profile.save(update_fields=["preferred_language"])
        result = {"image": image.title, "video": video.title, "catalogue": catalogue.pk}
        connection.close()
        return result


def sign_in(page: Page, base: str, username: str):
    page.context.clear_cookies()
    page.goto(base + "/accounts/login/")
    page.locator("#id_login").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button").last.click()
    page.wait_for_url(re.compile(r"/$"))


def type_title(page: Page, title: str, slug: str):
    """Type the title as a trainer does; Wagtail fills the slug from it."""
    page.locator("#id_title").press_sequentially(title)
    page.get_by_role("tab", name="Promote").click()
    expect(page.locator("#id_slug")).to_have_value(slug)
    page.get_by_role("tab", name="Content").click()


def rich_text(page: Page, name: str, text: str):
    """Type into the Draftail editor that stores its value in the hidden input `name`."""
    editor = page.locator(f"input[name='{name}']").locator(
        "xpath=following-sibling::*//*[@contenteditable='true']"
    )
    editor.click()
    editor.press_sequentially(text)
    expect(page.locator(f"input[name='{name}']")).to_have_value(re.compile(re.escape(text)))


def add_block(page: Page, position: int):
    page.locator(".c-sf-add-button").last.click()
    page.locator("[role='option']").nth(position).click()


def choose_from_modal(page: Page, button: str, title: str):
    page.get_by_role("button", name=button).first.click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("link", name=title).first.click()
    expect(modal).to_be_hidden()


def fill_every_block(page: Page, media: dict):
    for position in range(10):
        add_block(page, position)
    page.locator("[name='body-0-value-text']").fill("Why tone matters")
    rich_text(page, "body-1-value", "A polite answer calms a thread.")
    choose_from_modal(page, "Choose an image", media["image"])
    page.locator("[name='body-2-value-alt_text']").fill("A press secretary at a briefing")
    page.locator("[name='body-3-value-title']").fill("Answering a complaint")
    choose_from_modal(page, "Choose a document", media["video"])
    rich_text(page, "body-3-value-transcript", "The secretary thanks the citizen.")
    page.locator("[name='body-4-value-kind']").select_option("rule")
    rich_text(page, "body-4-value-body", "Answer within one working day.")
    rich_text(page, "body-5-value-situation", "A citizen posts a photo of a broken road.")
    page.locator("[name='body-5-value-question']").fill("What do you answer first?")
    rich_text(page, "body-5-value-discussion", "Thank them and name the responsible service.")
    page.locator("[name='body-6-value-claim']").fill("The bridge will close for a month.")
    page.locator("[name='body-6-value-claimant']").fill("An anonymous channel")
    page.locator("[name='body-6-value-evidence-0-value-text']").fill("The notice says one day.")
    page.locator("[name='body-6-value-evidence-0-value-source_title']").fill("Road agency")
    page.locator("[name='body-6-value-verdict']").select_option("false")
    rich_text(page, "body-6-value-explanation", "The closure lasts one day.")
    page.locator("[name='body-7-value-title']").fill("Before you publish")
    page.locator("[name='body-7-value-entries-0-value']").fill("Check the date")
    page.locator("[name='body-8-value-panels-0-value-title']").fill("May I delete a comment?")
    rich_text(page, "body-8-value-panels-0-value-body", "Only insults and spam.")
    cell = page.locator(".handsontable td").first
    cell.dblclick()
    page.keyboard.type("Message")
    page.keyboard.press("Enter")


def submit_for_approval(page: Page):
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=re.compile("Submit to Methodologist approval")).click()
    expect(page.locator(".messages")).to_contain_text("submitted")


def approve(page: Page, base: str, page_id: int):
    page.goto(f"{base}/admin/pages/{page_id}/edit/")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    # Wagtail returns to the page explorer once the final task is approved and published.
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    expect(page.locator(".messages")).to_contain_text("has been updated")


def test_trainer_builds_a_course_and_a_methodologist_approves_it(site, media, page: Page):
    stamp = str(time.time_ns())[-6:]
    sign_in(page, site.url, "trainer")

    page.goto(f"{site.url}/admin/pages/add/courses/coursepage/{media['catalogue']}/")
    type_title(page, f"Talking to citizens {stamp}", f"talking-to-citizens-{stamp}")
    page.locator("#id_summary").fill("How a press service answers people online.")
    page.locator("#id_audience").select_option("public")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    course_id = int(re.search(r"/pages/(\d+)/edit/", page.url).group(1))

    page.goto(f"{site.url}/admin/pages/add/courses/lessonpage/{course_id}/")
    type_title(page, "Tone and facts", "tone-and-facts")
    fill_every_block(page, media)
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    lesson_id = int(re.search(r"/pages/(\d+)/edit/", page.url).group(1))
    expect(page.locator(".messages")).not_to_contain_text("error")

    # Trainers cannot publish: they submit to the methodologists.
    expect(page.get_by_role("button", name="Publish")).to_have_count(0)
    submit_for_approval(page)
    page.goto(f"{site.url}/admin/pages/{course_id}/edit/")
    submit_for_approval(page)

    # Not live before approval.
    response = page.request.get(f"{site.url}/courses/talking-to-citizens-{stamp}/")
    assert response.status == 404

    sign_in(page, site.url, "methodologist")
    approve(page, site.url, course_id)
    approve(page, site.url, lesson_id)

    page.context.clear_cookies()
    page.goto(f"{site.url}/courses/talking-to-citizens-{stamp}/tone-and-facts/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tone and facts")
    for key in (
        "heading",
        "rich_text",
        "image",
        "video",
        "callout",
        "case_study",
        "fact_check",
        "checklist",
        "accordion",
        "table",
    ):
        expect(page.locator(f".lesson-block--{key}")).to_have_count(1)
    expect(page.locator(".lesson-block--video video")).to_have_count(1)
    expect(page.locator(".lesson-block--table")).to_contain_text("Message")
