"""Accessibility on every page type (docs/offline.md): axe-core finds no serious or critical
violation on one page of each learner and public page type in Uzbek (both scripts), Russian and
English, nor on the admin pages we added; a lesson and a quiz can be done with the keyboard alone,
with a visible focus, and the quiz timer is announced politely.

Kept fast: one browser page walks every address of a language in turn (one test per language)."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import connection
from playwright.sync_api import Page, expect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page as WagtailPage

from certificates.models import Certificate
from core import scripts
from courses.models import CoursePage, LessonPage
from playbooks.models.consultations import Thread
from quizzes.attempts import attempt_start, attempt_submit
from quizzes.models import Attempt, Quiz
from tests.browser.test_offline import offline_lesson, uz  # noqa: F401 (a fixture)

VARIANTS = [
    ("uz", scripts.LATIN),
    ("uz", scripts.CYRILLIC),
    ("ru", scripts.LATIN),
    ("en", scripts.LATIN),
]
PASSWORD = "Browser-pass-2026"
AXE = Axe()


def serious(page: Page, context=None) -> list[str]:
    results = AXE.run(page, context=context)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def page_type_urls(language: str) -> list[str]:
    """One live page of each page type in the language; for lessons, as many as it takes to
    show every kind of block the lessons use."""
    pages = (
        WagtailPage.objects.live()
        .filter(depth__gt=1, locale__language_code=language)
        .order_by("path")
        .specific()
    )
    urls, seen_types, seen_blocks = [], set(), set()
    for page in pages:
        if isinstance(page, LessonPage):
            blocks = {block.block_type for block in page.body}
            if blocks - seen_blocks:
                seen_blocks |= blocks
                urls.append(page.get_url())
        elif type(page) not in seen_types:
            seen_types.add(type(page))
            urls.append(page.get_url())
    return urls


def media_lesson_url() -> str:
    """A lesson with the two blocks the demo lessons lack: an image and a video with captions."""
    lesson = LessonPage.objects.filter(slug="media-lesson").first()
    if lesson is None:
        course = CoursePage.objects.get(slug="offline-course")
        picture = get_image_model().objects.create(
            title="Briefing", file=get_test_image_file("briefing.png", size=(1600, 900))
        )
        documents = get_document_model().objects
        video = documents.create(title="Rumour", file=ContentFile(b"data", name="rumour.mp4"))
        captions = documents.create(
            title="Rumour captions", file=ContentFile(b"WEBVTT\n", name="rumour.vtt")
        )
        lesson = course.add_child(
            instance=LessonPage(
                title="Media lesson",
                slug="media-lesson",
                body=[
                    (
                        "image",
                        {
                            "image": picture,
                            "alt_text": "A press secretary at a briefing",
                            "decorative": False,
                            "caption": "The weekly briefing.",
                        },
                    ),
                    (
                        "video",
                        {
                            "title": "Answering a flood rumour",
                            "embed": None,
                            "file": video,
                            "captions": captions,
                            "transcript": "<p>At 9:40 we saw the post.</p>",
                        },
                    ),
                ],
            )
        )
        lesson.save_revision().publish()
    return lesson.url


@pytest.fixture(scope="module")
def learner_state(site, committed_database, offline_lesson):  # noqa: F811
    """The demo learner with an attempt in progress and a finished one, their certificate and a
    consultation thread. The attempts started here are deleted afterwards."""
    with committed_database():
        learner = get_user_model().objects.get(username="learner")
        quizzes = list(Quiz.objects.filter(locale__language_code="uz", live=True).order_by("pk"))
        before = Attempt.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        open_attempt = attempt_start(quiz=quizzes[0], user=learner)
        # The demo learner's passed attempt (seed_demo), or a new one.
        finished = Attempt.objects.filter(user=learner, state=Attempt.State.FINISHED).first()
        if finished is None:
            finished = attempt_submit(attempt=attempt_start(quiz=quizzes[1], user=learner))
        state = {
            "quizzes": {
                language: Quiz.objects.get(
                    translation_key=quizzes[0].translation_key, locale__language_code=language
                ).pk
                for language in ("uz", "ru", "en")
            },
            "attempt": str(open_attempt.uuid),
            "finished": str(finished.uuid),
            "finished_id": finished.pk,
            "before": before,
            "certificate": Certificate.objects.filter(user=learner).values_list("code", flat=True)[
                0
            ],
            "thread": Thread.objects.order_by("pk").values_list("pk", flat=True)[0],
            "pages": {language: page_type_urls(language) for language in ("uz", "ru", "en")},
            "media_lesson": media_lesson_url(),
        }
        connection.close()
    yield state
    with committed_database():
        # Only the attempts this module started.
        Attempt.objects.filter(user__username="learner", pk__gt=state["before"]).delete()
        connection.close()


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(base + "/en/accounts/login/")
    page.locator("#id_login").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()


def walk(page: Page, base: str, urls: list[str]) -> list[str]:
    problems = []
    for url in urls:
        response = page.goto(base + url)
        assert response is not None and response.status == 200, f"{url}: {response.status}"
        problems += [f"{url}: {problem}" for problem in serious(page)]
    return problems


@pytest.mark.parametrize(("language", "script"), VARIANTS, ids=["uz-latn", "uz-cyrl", "ru", "en"])
def test_every_page_type_has_no_serious_accessibility_violation(
    site, learner_state, page: Page, language, script
):
    prefix = "" if language == "uz" else f"/{language}"
    page.context.add_cookies([{"name": scripts.COOKIE_NAME, "value": script, "url": site.url}])
    public = [
        *learner_state["pages"][language],
        prefix + learner_state["media_lesson"],
        f"{prefix}/search/?q=press",
        f"{prefix}/registry/check/",
        f"{prefix}/certificates/verify/",
        f"{prefix}/certificates/verify/{learner_state['certificate']}/",
        f"{prefix}/consultations/{learner_state['thread']}/",
        f"{prefix}/accounts/login/",
        f"{prefix}/accounts/signup/",
        f"{prefix}/accounts/password/reset/",
    ]
    learner = [
        f"{prefix}/dashboard/",
        f"{prefix}/certificates/",
        f"{prefix}/learning/codes/acknowledged/",
        f"{prefix}/quizzes/{learner_state['quizzes'][language]}/",
        f"{prefix}/quizzes/attempts/{learner_state['attempt']}/",
        f"{prefix}/quizzes/attempts/{learner_state['attempt']}/submit/",
        f"{prefix}/quizzes/attempts/{learner_state['finished']}/review/",
        f"{prefix}/quizzes/progress/",
        f"{prefix}/accounts/email/",
        f"{prefix}/accounts/password/change/",
    ]
    assert len(learner_state["pages"][language]) >= 6  # home, catalogue, course, lessons, …
    problems = walk(page, site.url, public)
    sign_in(page, site.url, "learner")
    problems += walk(page, site.url, learner)
    assert not problems, "\n".join(problems)


def test_the_admin_pages_we_added_have_no_serious_accessibility_violation(
    site, learner_state, page: Page
):
    """Wagtail's own frame (menu, header) is Wagtail's; our part is the page's main content."""
    sign_in(page, site.url, "admin")
    urls = [
        "/admin/quizzes/marking/",
        f"/admin/quizzes/marking/{learner_state['finished_id']}/",
        "/admin/quizzes/import/",
        "/admin/accounts/import/",
        "/admin/compliance/",
        "/admin/codes/compliance/",
        "/admin/reports/missing-translations/",
        "/admin/certificates/archives/",
        "/admin/playbooks/moderation/",
    ]
    problems = []
    for url in urls:
        response = page.goto(site.url + url)
        assert response is not None and response.status == 200, f"{url}: {response.status}"
        problems += [f"{url}: {problem}" for problem in serious(page, context="main")]
    assert not problems, "\n".join(problems)


FOCUS_SHOWN = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  return outline || style.boxShadow !== 'none';
}"""


def tab_to(page: Page, name: str | re.Pattern, *, limit: int = 80) -> None:
    """Press Tab until the focused element's text or label matches; its focus must show."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        label = page.evaluate(
            "() => { const el = document.activeElement;"
            " return (el.labels && el.labels[0] ? el.labels[0].innerText : '')"
            " || el.innerText || el.value || ''; }"
        )
        if name.search(label) if isinstance(name, re.Pattern) else name in label:
            assert page.evaluate(FOCUS_SHOWN), f"no visible focus on {label!r}"
            return
    raise AssertionError(f"Tab never reached {name!r}")


def test_a_lesson_and_a_quiz_with_the_keyboard_alone(site, offline_lesson, page: Page):  # noqa: F811
    sign_in(page, site.url, "learner")
    page.goto(site.url + offline_lesson)
    # The skip link is the first stop and moves past the header.
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    assert page.evaluate(FOCUS_SHOWN)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))

    tab_to(page, uz("Open the quiz"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/quizzes/\d+/"))
    names = (uz("Start the quiz"), uz("Try again"), uz("Continue the attempt"))
    tab_to(page, re.compile("|".join(map(re.escape, names))))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/quizzes/attempts/"))

    # The timer is announced politely, at a few marks, not every second.
    expect(page.locator("[data-quiz-timer]")).to_have_attribute("role", "timer")
    expect(page.locator("[data-quiz-announce]")).to_have_attribute("aria-live", "polite")
    expect(page.locator("[data-quiz-announce]")).to_have_text("")

    tab_to(page, "The press secretary")
    page.keyboard.press("Space")
    expect(page.get_by_label("The press secretary")).to_be_checked()
    tab_to(page, uz("Next page"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"\?page=2$"))
    tab_to(page, uz("Your answer"))
    page.keyboard.type("PQ-4366")
    tab_to(page, uz("Finish the attempt…"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/submit/$"))
    tab_to(page, uz("Submit and finish"))
    page.keyboard.press("Enter")
    expect(page.locator(".quiz__result")).to_contain_text("67%")
