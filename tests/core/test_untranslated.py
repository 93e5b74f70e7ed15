"""An untranslated page falls back to Uzbek with a notice; trainers see what is missing."""

import pytest
from django.core.cache import cache
from wagtail.models import Locale, PageViewRestriction

from accounts.roles import TRAINERS
from core.languages import UNTRANSLATED_NOTICES
from core.models import HomePage
from core.reports import pages_missing_translation
from courses.models import CourseIndexPage, CoursePage, LessonPage


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture
def site_tree(db):
    """Home and catalogue in uz, ru, en; a course and a lesson in Uzbek only, the course also
    in Russian."""
    home = HomePage.objects.get(depth=2)
    catalogue = home.add_child(instance=CourseIndexPage(title="Kurslar", slug="courses"))
    catalogue.save_revision().publish()
    for code in ("ru", "en"):
        locale = Locale.objects.create(language_code=code)
        home.copy_for_translation(locale).save_revision().publish()
        catalogue.copy_for_translation(locale).save_revision().publish()
    course = catalogue.add_child(
        instance=CoursePage(
            title="Muloqot etikasi",
            slug="etika",
            summary="Qisqa.",
            audience="public",
            estimated_minutes=30,
        )
    )
    course.save_revision().publish()
    lesson = course.add_child(
        instance=LessonPage(title="Birinchi dars", slug="dars", estimated_minutes=5, body=[])
    )
    lesson.save_revision().publish()
    russian = course.copy_for_translation(Locale.objects.get(language_code="ru"))
    russian.title = "Этика общения"
    russian.save_revision().publish()
    return {"home": home, "catalogue": catalogue, "course": course, "lesson": lesson}


def test_a_missing_translation_serves_the_uzbek_page_with_a_notice(client, site_tree):
    response = client.get("/en/courses/etika/dars/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Birinchi dars" in html
    assert str(UNTRANSLATED_NOTICES["en"]) in html
    assert '<html lang="en">' in html and '<main id="main" tabindex="-1" lang="uz">' in html
    assert ">Sign in<" in html  # the interface stays in English


def test_the_notice_is_in_russian_for_russian_readers(client, site_tree):
    html = client.get("/ru/courses/etika/dars/").content.decode()
    assert "Эта страница пока недоступна на русском языке; показана узбекская версия." in html
    assert "Birinchi dars" in html


def test_a_live_translation_is_served_without_a_notice(client, site_tree):
    html = client.get("/ru/courses/etika/").content.decode()
    assert "Этика общения" in html
    assert "untranslated-notice" not in html
    assert "untranslated-notice" not in client.get("/courses/etika/dars/").content.decode()


def test_unknown_addresses_are_still_not_found(client, site_tree):
    assert client.get("/ru/courses/no-such-course/").status_code == 404
    assert client.get("/en/nowhere/").status_code == 404


def test_the_language_switch_leads_to_the_fallback(client, site_tree):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/courses/etika/dars/"})
    assert response["Location"] == "/en/courses/etika/dars/"
    assert client.get(response["Location"]).status_code == 200


def test_private_pages_stay_private_in_the_fallback(client, site_tree):
    restriction = PageViewRestriction.objects.create(
        page=site_tree["course"], restriction_type=PageViewRestriction.LOGIN
    )
    assert restriction.pk
    response = client.get("/en/courses/etika/dars/")
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_unpublished_uzbek_pages_are_not_shown(client, site_tree):
    site_tree["lesson"].unpublish()
    assert client.get("/en/courses/etika/dars/").status_code == 404


def test_missing_translations_selector(site_tree):
    missing_ru = set(pages_missing_translation("ru").values_list("title", flat=True))
    assert missing_ru == {"Birinchi dars"}
    missing_en = set(pages_missing_translation("en").values_list("title", flat=True))
    assert missing_en == {"Muloqot etikasi", "Birinchi dars"}
    assert set(pages_missing_translation().values_list("title", flat=True)) == missing_en


def test_report_lists_pages_and_the_languages_they_miss(client, site_tree, make_user):
    client.force_login(make_user("trainer", groups=[TRAINERS]))
    response = client.get("/admin/reports/missing-translations/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Birinchi dars" in html and "Muloqot etikasi" in html
    assert ">Kurslar<" not in html  # translated into both languages

    only_ru = client.get("/admin/reports/missing-translations/?language=ru").content.decode()
    assert "Birinchi dars" in only_ru and "Muloqot etikasi" not in only_ru

    csv = client.get("/admin/reports/missing-translations/?export=csv")
    rows = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert "Muloqot etikasi" in rows and "English" in rows


def test_report_is_for_page_editors_only(client, site_tree, make_user):
    client.force_login(make_user("citizen"))
    response = client.get("/admin/reports/missing-translations/")
    assert response.status_code in (302, 403)


def test_a_course_page_without_translation_renders_for_a_signed_in_reader(
    client, site_tree, make_user
):
    """Wagtail serves most pages as a TemplateResponse: rendered before the script middleware."""
    client.force_login(make_user("reader"))
    response = client.get("/en/courses/etika/")
    assert response.status_code == 200
    assert "Muloqot etikasi" in response.content.decode()
    client.cookies["muloqot_script"] = "cyrl"
    assert client.get("/en/courses/etika/").status_code == 200
