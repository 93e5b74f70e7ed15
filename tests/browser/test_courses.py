import re

import pytest
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from certificates.models import CertificateAward, CertificateTemplate
from courses.models import CourseIndexPage, CoursePage, LessonPage

FACT_CHECK = {
    "claim": "Water will be cut off in the whole district for a week from Monday.",
    "claimant": "An anonymous Telegram channel",
    "claimant_kind": "organization",
    "evidence": [
        {
            "text": "The utility's notice lists repairs on two streets on Monday, 9:00 to 15:00.",
            "source_title": "District water utility",
            "source_url": "",
        }
    ],
    "verdict": "false",
    "explanation": "<p>The works last six hours on two streets, not a week.</p>",
}


def uz(message: str) -> str:
    with translation.override("uz"):
        return gettext(message)


@pytest.fixture(scope="module")
def courses(site, django_db_blocker):
    with django_db_blocker.unblock():
        catalogue = CourseIndexPage.objects.get(locale__language_code="uz")
        made = {}
        for slug, title, audience, bodies in (
            (
                "checking-facts",
                "Checking facts",
                "public",
                [[("fact_check", FACT_CHECK)], [("rich_text", "<p>Lateral reading.</p>")]],
            ),
            (
                "press-ethics",
                "Ethics for press secretaries",
                "civil_servants",
                [[("rich_text", "<p>Answer politely.</p>")], [("rich_text", "<p>Sources.</p>")]],
            ),
        ):
            course = CoursePage.objects.filter(slug=slug).first()
            if course is None:
                course = catalogue.add_child(
                    instance=CoursePage(title=title, slug=slug, summary=title, audience=audience)
                )
                for number, body in enumerate(bodies, start=1):
                    course.add_child(
                        instance=LessonPage(title=f"{title} {number}", slug=f"l{number}", body=body)
                    )
            made[slug] = course
        connection.close()  # see the `site` fixture
        return made


def sign_in(page: Page, base: str, username: str):
    page.goto(base + "/accounts/login/")
    page.locator("#id_login").fill(username)
    page.locator("#id_password").fill("Browser-pass-2026")
    page.get_by_role("main").get_by_role("button").last.click()
    expect(page.get_by_role("button", name=uz("Sign out"))).to_be_visible()


def test_learner_enrols_goes_through_the_lessons_and_keeps_progress(site, courses, page: Page):
    sign_in(page, site.url, "learner")
    page.goto(site.url + "/courses/")
    page.get_by_role("link", name="Ethics for press secretaries").click()
    page.get_by_role("button", name=uz("Enrol and start")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ethics for press secretaries 1")

    page.get_by_role("button", name=uz("Mark as done and continue")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ethics for press secretaries 2")
    expect(page.locator(".progress__text").first).to_contain_text("50%")

    # Sign out and back in: the progress is still there, and the course continues.
    page.get_by_role("button", name=uz("Sign out")).click()
    sign_in(page, site.url, "learner")
    page.goto(site.url + "/courses/press-ethics/")
    page.get_by_role("link", name=uz("Continue where I left off")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ethics for press secretaries 2")
    page.get_by_role("button", name=uz("Mark as done")).click()

    expect(page).to_have_url(re.compile(r"/courses/press-ethics/$"))
    expect(page.get_by_text(uz("You have completed this course."))).to_be_visible()
    page.get_by_role("link", name=uz("My learning")).click()
    expect(page.get_by_role("region", name=uz("Completed"))).to_contain_text(
        "Ethics for press secretaries"
    )


def test_visitor_reads_a_public_lesson_and_answers_its_fact_check(site, courses, page: Page):
    page.goto(site.url + "/courses/checking-facts/")
    page.get_by_role("link", name=uz("Start the course")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Checking facts 1")
    expect(page.locator("script[type='application/ld+json']")).to_have_count(1)

    page.get_by_label(uz("Mostly true")).check()
    page.get_by_role("button", name=uz("Check my answer")).click()
    result = page.locator(".fact-check__result")
    expect(result).to_contain_text(uz("False"))
    expect(result).to_contain_text("six hours on two streets")

    page.get_by_role("button", name=uz("Mark as done and continue")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Checking facts 2")
    expect(page.locator(".lesson-list__item.is-done")).to_have_count(1)


def test_visitor_is_asked_to_sign_in_for_civil_servant_lessons(site, courses, page: Page):
    page.goto(site.url + "/courses/press-ethics/l1/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))


@pytest.fixture(scope="module")
def certified_course(site, committed_database):
    with committed_database():
        course = CoursePage.objects.filter(slug="certified").first()
        if course is None:
            template = CertificateTemplate.objects.create(
                title="Sertifikat",
                body="{name} “{course}” kursini tamomladi.",
                issuer="Axborot va ommaviy kommunikatsiyalar agentligi",
                signatory_name="Karimov A.",
                signatory_title="Direktor",
            )
            catalogue = CourseIndexPage.objects.get(locale__language_code="uz")
            course = catalogue.add_child(
                instance=CoursePage(
                    title="Muloqot odobi",
                    slug="certified",
                    summary="Qisqa kurs.",
                    audience="public",
                    certificate_awards=[CertificateAward(template=template)],
                )
            )
            course.add_child(
                instance=LessonPage(
                    title="Yagona dars", slug="l1", body=[("rich_text", "<p>Salom.</p>")]
                )
            )
        connection.close()
        return course


def test_learner_completes_a_course_and_downloads_the_certificate(
    site, certified_course, page: Page
):
    sign_in(page, site.url, "citizen")
    page.goto(site.url + "/courses/certified/")
    page.get_by_role("button", name=uz("Enrol and start")).click()
    page.get_by_role("button", name=uz("Mark as done")).click()
    expect(page.get_by_text(uz("You have completed this course."))).to_be_visible()

    page.goto(site.url + "/certificates/")
    expect(page.get_by_role("heading", name="Muloqot odobi")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name=uz("Download PDF")).click()
    download = download_info.value
    assert download.suggested_filename.startswith("MQ-")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    code = download.suggested_filename.removesuffix(".pdf")
    page.goto(f"{site.url}/certificates/verify/{code}/")
    expect(page.get_by_role("status")).to_contain_text(uz("This certificate is valid."))
