"""``seed_demo``: /codes/ in every language and the model code on social networks from
``demo/regulations/<key>.<lang>.yaml`` (two versions; the second adds one material rule),
assigned to the demo region, the demo learner having acknowledged version 1 only (so the
dashboard asks for version 2). Idempotent: pages are found again by their translation keys.
"""

import datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from accounts.demo import DEMO_COORDINATOR, DEMO_LEARNER
from accounts.models import User
from core.demo import DemoRun, demo_file_read, demo_require, demo_translation_key

from .models import Acknowledgement, CodeAssignment, CodeIndexPage, CodePage, CodeVersionPage
from .services import acknowledgement_requirements_refresh, code_assignment_create

CODES = ("social-networks",)
ASSIGNED_TO = "tashkent-region"
DAYS_TO_ACKNOWLEDGE = 30
INDEXES = {
    "uz": (
        "Odob-axloq kodekslari",
        "Davlat xizmatchilarining ijtimoiy tarmoqlardagi faoliyati qoidalari: amaldagi versiya, "
        "oldingi versiyalar va ular orasidagi oʻzgarishlar.",
    ),
    "ru": (
        "Кодексы поведения",
        "Правила поведения государственных служащих в социальных сетях: действующая версия, "
        "прежние версии и изменения между ними.",
    ),
    "en": (
        "Codes of conduct",
        "Rules for civil servants on social networks: the version in effect, earlier versions "
        "and what changed between them.",
    ),
}


def _translated(page: Page, language_code: str, fill) -> Page:
    """The page's translation in the language, made (and filled) once."""
    locale = Locale.objects.get(language_code=language_code)
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale)
        fill(translation)
        translation.save_revision().publish()
    return translation.specific


def index_load(home: Page) -> CodeIndexPage:
    index = CodeIndexPage.objects.child_of(home).first()
    if index is None:
        title, intro = INDEXES[settings.LANGUAGE_CODE]
        index = home.add_child(instance=CodeIndexPage(title=title, slug="codes", intro=intro))
        index.save_revision().publish()
    for language_code, (title, intro) in INDEXES.items():

        def fill(page, title=title, intro=intro):
            page.title, page.intro = title, intro

        _translated(index, language_code, fill)
    return index


def _sections(version: dict, path: Path) -> list:
    return [
        ("section", {"heading": section["heading"], "text": section["text"]})
        for section in demo_require(version, "sections", path)
    ]


def code_load(directory: Path, key: str, index: CodeIndexPage) -> CodePage:
    """The code and its versions in the source language, then their translations."""
    source_path = directory / f"{key}.{settings.LANGUAGE_CODE}.yaml"
    source = demo_file_read(source_path)
    code_key = demo_translation_key("code", key)
    code = CodePage.objects.filter(
        translation_key=code_key, locale__language_code=settings.LANGUAGE_CODE
    ).first()
    if code is None:
        code = index.add_child(
            instance=CodePage(
                title=demo_require(source, "title", source_path),
                slug=key,
                summary=source.get("summary", ""),
                is_model=True,
                translation_key=code_key,
            )
        )
        code.save_revision().publish()
    today = timezone.localdate()
    versions = []
    for data in demo_require(source, "versions", source_path):
        number = data["number"]
        version_key = demo_translation_key("code-version", f"{key}:{number}")
        version = CodeVersionPage.objects.filter(
            translation_key=version_key, locale=code.locale
        ).first()
        if version is None:
            version = code.add_child(
                instance=CodeVersionPage(
                    title=f"{code.title} — {number}",
                    slug=f"v{number}",
                    number=number,
                    effective_on=today - datetime.timedelta(days=data["effective_days_ago"]),
                    change_kind=data["kind"],
                    change_note=data.get("change_note", ""),
                    body=_sections(data, source_path),
                    translation_key=version_key,
                )
            )
            version.save_revision().publish()
        versions.append(version)
    for language_code in INDEXES:
        if language_code == settings.LANGUAGE_CODE:
            continue
        path = directory / f"{key}.{language_code}.yaml"
        data = demo_file_read(path)

        def fill_code(page, data=data, path=path):
            page.title = demo_require(data, "title", path)
            page.summary = data.get("summary", "")

        _translated(code, language_code, fill_code)
        by_number = {v["number"]: v for v in demo_require(data, "versions", path)}
        for version in versions:
            text = by_number[version.number]

            def fill_version(page, text=text, title=data["title"], path=path):
                page.title = f"{title} — {page.number}"
                page.change_note = text.get("change_note", "")
                page.body = _sections(text, path)

            _translated(version, language_code, fill_version)
    return code


def learner_acknowledgement_load(code: CodePage) -> None:
    """The demo learner acknowledged version 1 when it took effect, and nothing since."""
    learner = User.objects.get(username=DEMO_LEARNER)
    first = CodeVersionPage.objects.child_of(code).get(number=1)
    acknowledged_at = timezone.make_aware(
        datetime.datetime.combine(
            first.effective_on + datetime.timedelta(days=3), datetime.time(10)
        )
    )
    Acknowledgement.objects.get_or_create(
        user=learner,
        code_key=code.translation_key,
        version_number=1,
        defaults={"version": first, "acknowledged_at": acknowledged_at},
    )


@transaction.atomic
def demo_load(run: DemoRun) -> None:
    index = index_load(run.loaded["home"])
    directory = Path(settings.BASE_DIR) / "demo" / "regulations"
    organization = run.loaded["organizations"][ASSIGNED_TO]
    for key in CODES:
        code = code_load(directory, key, index)
        learner_acknowledgement_load(code)
        if not CodeAssignment.objects.filter(code=code, organization=organization).exists():
            code_assignment_create(
                code=code,
                organization=organization,
                days_to_acknowledge=DAYS_TO_ACKNOWLEDGE,
                created_by=User.objects.get(username=DEMO_COORDINATOR),
            )
            run.say(f"Assigned “{code.title}” to {organization.name}")
        # Now rather than after the commit, so the dashboards show it at once.
        acknowledgement_requirements_refresh(code_ids=[code.pk])
    run.loaded["codes"] = index
