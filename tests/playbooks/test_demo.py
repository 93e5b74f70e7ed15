"""The demo loader builds the library in every language, playbooks with translations, template
documents and threads, and changes nothing on a second run."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.models import Locale

from accounts.models import Employment
from accounts.roles import TRAINERS
from core.models import HomePage
from playbooks.demo import ensure_playbook_index, load_playbooks, playbook_translation_key
from playbooks.models import (
    ConsultationBoardPage,
    PlaybookIndexPage,
    PlaybookPage,
    Post,
    TemplateVersion,
    Thread,
)
from playbooks.uploads import sniff_kind

DATA = Path(__file__).parent / "data"


@pytest.fixture
def home_pages(db):
    home = HomePage.objects.get(depth=2)
    pages = {"uz": home}
    for code in ("ru", "en"):
        locale, _created = Locale.objects.get_or_create(language_code=code)
        translation = home.copy_for_translation(locale, copy_parents=True)
        translation.save_revision().publish()
        pages[code] = translation
    return pages


@pytest.fixture
def demo_users(make_user, organizations):
    learner = make_user("learner")
    Employment.objects.create(user=learner, organization=organizations["chirchiq"])
    return {"learner": learner, "trainer": make_user("trainer", groups=[TRAINERS])}


def load(home_pages, demo_users):
    indexes = ensure_playbook_index(home_pages)
    return load_playbooks(DATA, index_pages=indexes, users=demo_users, stdout=io.StringIO())


def test_the_loader_creates_pages_translations_documents_and_threads(home_pages, demo_users):
    created = load(home_pages, demo_users)
    assert created == 5  # rapid-response in uz, ru, en; media-plan in uz, en
    assert PlaybookIndexPage.objects.filter(slug="playbooks").count() == 3
    assert ConsultationBoardPage.objects.count() == 3

    rapid = PlaybookPage.objects.filter(translation_key=playbook_translation_key("rapid-response"))
    assert {page.locale.language_code: page.slug for page in rapid} == {
        "uz": "tezkor-javob",
        "ru": "bystryj-otvet",
        "en": "rapid-response",
    }
    assert all(page.live for page in rapid)
    uz = rapid.get(locale__language_code="uz")
    assert uz.url == "/playbooks/tezkor-javob/"
    assert uz.guidance[0].value["text"] == "1. Xabarni qayd eting"

    versions = TemplateVersion.objects.select_related("document", "template")
    assert versions.count() == 5
    kinds = {}
    for version in versions:
        with version.document.file.open("rb") as handle:
            kinds[version.template.title] = sniff_kind(handle)
        assert version.label == "1.0" and version.author == demo_users["trainer"]
    assert kinds["Tezkor javob rejasi"] == "docx"
    assert kinds["Oylik yoritish rejasi"] == "xlsx"
    assert kinds["Monthly coverage plan"] == "odt"

    thread = Thread.objects.get()
    assert thread.playbook == uz and thread.author == demo_users["learner"]
    assert thread.accepted_answer.author == demo_users["trainer"]
    assert "<strong>qisqa tasdiq</strong>" in thread.posts.get(kind="question").body_html


def test_a_second_run_changes_nothing(home_pages, demo_users):
    load(home_pages, demo_users)
    counts = (
        PlaybookPage.objects.count(),
        get_document_model().objects.count(),
        TemplateVersion.objects.count(),
        Thread.objects.count(),
        Post.objects.count(),
    )
    assert load(home_pages, demo_users) == 0
    assert counts == (
        PlaybookPage.objects.count(),
        get_document_model().objects.count(),
        TemplateVersion.objects.count(),
        Thread.objects.count(),
        Post.objects.count(),
    )


def test_seed_demo_creates_the_library_in_every_language(db):
    call_command("seed_demo", password="Demo-pass-2026", stdout=io.StringIO())
    call_command("seed_demo", password="Demo-pass-2026", stdout=io.StringIO())
    assert sorted(PlaybookIndexPage.objects.values_list("locale__language_code", flat=True)) == [
        "en",
        "ru",
        "uz",
    ]
    assert ConsultationBoardPage.objects.count() == 3
