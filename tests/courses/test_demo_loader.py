"""The loaders of demo/ (courses and certificate templates) and seed_demo around them."""

import io
import shutil
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.utils.html import escape
from wagtail.models import Locale, Page, Revision

from accounts.models import Organization, User
from certificates.demo import load_certificate_awards, load_certificate_templates
from certificates.models import CertificateTemplate
from certificates.selectors import certificate_template_for_course
from core.demo import DemoContentError
from courses.demo import load_courses
from courses.models import CoursePage, LessonPage

DATA = Path(__file__).parent / "data" / "demo"
LANGUAGES = ("uz", "ru", "en")


@pytest.fixture
def catalogues(catalogue):
    """The catalogue in every language, tied as translations."""
    pages = {"uz": catalogue}
    for language in LANGUAGES[1:]:
        locale, _ = Locale.objects.get_or_create(language_code=language)
        translation = catalogue.copy_for_translation(locale, copy_parents=True)
        translation.save_revision().publish()
        pages[language] = translation
    return pages


@pytest.fixture
def load(catalogues):
    def run(directory: Path = DATA, **kwargs):
        out = io.StringIO()
        templates = load_certificate_templates(directory / "certificates", stdout=out)
        courses = load_courses(directory / "courses", catalogues=catalogues, stdout=out, **kwargs)
        load_certificate_awards(directory / "courses", templates=templates, stdout=out)
        return templates, courses, out.getvalue()

    return run


def lessons_in(course: CoursePage) -> list[LessonPage]:
    return list(LessonPage.objects.child_of(course).live().order_by("path"))


def test_the_course_is_live_in_three_languages_with_its_lessons_in_order(load, catalogues):
    templates, courses, _ = load()

    course = courses["sample-course"]
    assert course.locale.language_code == "uz"
    assert course.get_parent().pk == catalogues["uz"].pk
    translations = {
        page.locale.language_code: page.specific
        for page in course.get_translations(inclusive=True).live()
    }
    assert set(translations) == set(LANGUAGES)
    assert translations["ru"].title == "Пробный курс"
    assert translations["ru"].slug == "probnyi-kurs"
    assert translations["en"].summary == "A course that tests the loader."
    assert translations["en"].get_parent().pk == catalogues["en"].pk
    assert [block.value for block in translations["ru"].learning_objectives] == [
        "Первая цель",
        "Вторая цель",
    ]
    for language, page in translations.items():
        assert page.audience == "civil_servants"
        assert page.validity_months == 24
        assert page.completion_rule == "percent_of_lessons"
        assert page.completion_percent == 50
        assert sorted(page.topics.names()) == ["press-service", "social-networks"]
        certificate_template = certificate_template_for_course(page)
        assert certificate_template.locale.language_code == language
        assert certificate_template.translation_key == templates["sample-template"].translation_key

    uz_lessons = lessons_in(course)
    assert [lesson.title for lesson in uz_lessons] == ["Birinchi dars", "Ikkinchi dars"]
    en_lessons = lessons_in(translations["en"])
    assert [lesson.title for lesson in en_lessons] == ["First lesson", "Second lesson"]
    assert [lesson.translation_key for lesson in en_lessons] == [
        lesson.translation_key for lesson in uz_lessons
    ]
    first_ru = lessons_in(translations["ru"])[0]
    assert [block.block_type for block in first_ru.body] == [
        "heading",
        "rich_text",
        "callout",
        "fact_check",
    ]
    assert first_ru.body[1].value.source == "<p>Текст (ru).</p>"
    assert str(first_ru.body[3].value["claim_date"]) == "2025-03-14"


def test_the_language_switcher_leads_from_a_lesson_to_its_translation(load, client):
    _, courses, _ = load()
    lesson = lessons_in(courses["sample-course"])[1]
    russian = lesson.get_translation(Locale.objects.get(language_code="ru"))

    response = client.post("/i18n/setlang/", {"language": "ru", "next": lesson.url})

    assert response.status_code == 302
    assert response["Location"] == russian.url
    assert russian.url.startswith("/ru/")
    assert russian.url.endswith("/probnyi-kurs/vtoroi-urok/")


def test_the_certificate_template_exists_in_three_languages(load):
    templates, _, _ = load()

    template = templates["sample-template"]
    assert template.locale.language_code == settings.LANGUAGE_CODE
    by_language = {t.locale.language_code: t for t in template.get_translations(inclusive=True)}
    assert set(by_language) == set(LANGUAGES)
    assert by_language["ru"].title == "Сертификат"
    assert by_language["en"].issuer == "Agency of Information and Mass Communications"
    assert by_language["en"].primary_colour == "#1d4e89"


def test_a_quiz_block_without_a_resolver_is_skipped_with_a_warning(load):
    _, courses, output = load()

    second = lessons_in(courses["sample-course"])[1]
    assert [block.block_type for block in second.body] == ["checklist", "table", "accordion"]
    assert "02-second.uz.yaml" in output
    assert "quiz" in output


def test_a_resolver_maps_a_block_value_first(load):
    def shout(value):
        return {**value, "text": value["text"].upper()}

    _, courses, _ = load(block_resolvers={"heading": shout})

    first = lessons_in(courses["sample-course"])[0]
    assert first.body[0].value["text"] == "BIRINCHI DARS"


def test_a_second_run_creates_and_publishes_nothing(load):
    load()
    counts = (Page.objects.count(), CertificateTemplate.objects.count(), Revision.objects.count())

    _, courses, output = load()

    assert (
        Page.objects.count(),
        CertificateTemplate.objects.count(),
        Revision.objects.count(),
    ) == counts
    assert "created" not in output
    assert "updated" not in output
    assert courses["sample-course"].live


def test_a_changed_file_updates_only_that_page(load, tmp_path):
    directory = tmp_path / "demo"
    shutil.copytree(DATA, directory)
    load(directory)
    revisions = Revision.objects.count()
    path = directory / "courses" / "sample-course" / "02-second.en.yaml"
    path.write_text(path.read_text().replace("Second lesson", "Lesson two"))

    _, courses, output = load(directory)

    assert Revision.objects.count() == revisions + 1
    en = courses["sample-course"].get_translation(Locale.objects.get(language_code="en"))
    assert [lesson.title for lesson in lessons_in(en)] == ["First lesson", "Lesson two"]
    assert "updated lesson “Lesson two”" in output


def test_a_broken_block_names_the_file_and_writes_nothing(load, tmp_path):
    directory = tmp_path / "demo"
    shutil.copytree(DATA, directory)
    path = directory / "courses" / "sample-course" / "01-first.ru.yaml"
    path.write_text(path.read_text().replace("kind: legal_reference", "kind: tip"))
    pages = Page.objects.count()

    with pytest.raises(DemoContentError, match=r"01-first\.ru\.yaml.*block 3 \(callout\)"):
        load(directory)
    assert Page.objects.count() == pages


def test_an_unknown_block_type_names_the_file(load, tmp_path):
    directory = tmp_path / "demo"
    shutil.copytree(DATA, directory)
    path = directory / "courses" / "sample-course" / "02-second.en.yaml"
    path.write_text(path.read_text().replace("type: table", "type: spreadsheet"))

    with pytest.raises(DemoContentError, match=r"02-second\.en\.yaml.*“spreadsheet”"):
        load(directory)


def test_an_unknown_certificate_template_is_a_warning_and_no_certificate(load, tmp_path):
    directory = tmp_path / "demo"
    shutil.copytree(DATA, directory)
    path = directory / "courses" / "sample-course" / "course.yaml"
    path.write_text(path.read_text().replace("sample-template", "missing-template"))

    _, courses, output = load(directory)

    assert certificate_template_for_course(courses["sample-course"]) is None
    assert "sample-course/course.yaml" in output
    assert "missing-template" in output


def test_seed_demo_twice_creates_nothing_the_second_time(db):
    call_command("seed_demo", password="Demo-pass-2026", stdout=io.StringIO())

    def counts():
        return {
            "pages": Page.objects.count(),
            "courses": CoursePage.objects.count(),
            "templates": CertificateTemplate.objects.count(),
            "users": User.objects.count(),
            "organisations": Organization.objects.count(),
            "revisions": Revision.objects.count(),
        }

    first = counts()
    call_command("seed_demo", password="Demo-pass-2026", stdout=io.StringIO())

    assert counts() == first
    demo_courses = Path(settings.BASE_DIR) / "demo" / "courses"
    if demo_courses.is_dir():
        assert first["courses"] == 3 * sum(
            1 for path in demo_courses.iterdir() if (path / "course.yaml").is_file()
        )


def test_the_real_demo_courses_load_in_three_languages(catalogues):
    """demo/courses/ as committed: every file is valid, every lesson exists in each language."""
    directory = Path(settings.BASE_DIR) / "demo"
    templates = load_certificate_templates(directory / "certificates")

    courses = load_courses(directory / "courses", catalogues=catalogues)
    load_certificate_awards(directory / "courses", templates=templates)

    assert "press-service-work" in courses
    for key, course in courses.items():
        spec = yaml.safe_load((directory / "courses" / key / "course.yaml").read_text())
        translations = list(course.get_translations(inclusive=True).live().specific())
        assert len(translations) == len(LANGUAGES), key
        for page in translations:
            assert len(lessons_in(page)) == len(spec["lessons"]), (key, page.locale)
    press = courses["press-service-work"]
    minutes = [lesson.estimated_minutes for lesson in lessons_in(press)]
    assert all(12 <= value <= 20 for value in minutes)
    assert press.estimated_minutes == sum(minutes)


def test_every_press_lesson_renders_for_a_civil_servant_in_three_languages(
    catalogues, client, civil_servant
):
    directory = Path(settings.BASE_DIR) / "demo"
    courses = load_courses(directory / "courses", catalogues=catalogues)
    client.force_login(civil_servant)

    for course in courses["press-service-work"].get_translations(inclusive=True).specific():
        for lesson in lessons_in(course):
            response = client.get(lesson.url)
            assert response.status_code == 200, lesson.url
            assert lesson.title in response.content.decode()


def test_a_failing_resolver_names_the_file_and_the_block(load):
    def missing(value):
        raise LookupError(f"no quiz “{value['text']}”")

    with pytest.raises(DemoContentError, match=r"01-first\.uz\.yaml: block 1 \(heading\)"):
        load(block_resolvers={"heading": missing})


def test_list_blocks_of_the_real_demo_render_their_text(catalogues, client, civil_servant):
    """Checklist items and accordion panels show their words, not stored block data."""
    directory = Path(settings.BASE_DIR) / "demo" / "courses"
    courses = load_courses(directory, catalogues=catalogues)
    client.force_login(civil_servant)
    course = courses["fact-checking-basics"]
    checked = 0
    for lesson, path in zip(
        lessons_in(course), sorted(directory.glob("fact-checking-basics/*.uz.yaml")), strict=True
    ):
        html = client.get(lesson.url).content.decode()
        assert "'type'" not in html and "None</" not in html, lesson.url
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["body"]:
            if block["type"] == "checklist":
                for entry in block["value"]["entries"]:
                    assert escape(entry) in html
                    checked += 1
            if block["type"] == "accordion":
                for panel in block["value"]["panels"]:
                    assert escape(panel["title"]) in html
                    checked += 1
    assert checked >= 10
