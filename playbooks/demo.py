"""Load the demo playbooks from ``demo/playbooks/<NN>-<key>/<lang>.yaml`` (format in
demo/README.md), idempotently.

The uz file creates the page; the ru and en files become its translations (Wagtail's
``copy_for_translation``). The languages of one playbook are tied by a translation key derived
from the playbook's ``key``, which is also how a second run finds what the first created. Template
files are generated at load time (no binaries in git) and become Wagtail documents with their
first version. Threads are seeded only when the playbook has none with that title.
"""

import uuid
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Locale, Page

from accounts.demo import DEMO_USERNAMES
from accounts.models import User
from core.demo import DemoRun
from courses.models import CoursePage

from .documents import build_template
from .files import template_version_add
from .markdown import markdown_to_html
from .models import (
    Category,
    ConsultationBoardPage,
    PlaybookIndexPage,
    PlaybookPage,
    Post,
    PostKind,
    Subscription,
    TemplateFile,
    Thread,
)

KEY_NAMESPACE = uuid.UUID("6f1c1a3e-4f0b-4a8e-9d47-6b1f0b0c7a11")

INDEXES = {
    "uz": (
        "Qoʻllanmalar",
        "Axborot xizmati vazifalari boʻyicha hujjat namunalari va bosqichma-bosqich "
        "koʻrsatmalar, hamkasblar bilan maslahatlashuv.",
    ),
    "ru": (
        "Методички",
        "Образцы документов и пошаговые инструкции по задачам информационной службы, "
        "консультации с коллегами.",
    ),
    "en": (
        "Playbooks",
        "Document templates and step-by-step guidance for the duties of an information "
        "service, and consultations with colleagues.",
    ),
}
BOARDS = {
    "uz": ("Umumiy maslahatlar", "Bitta qoʻllanmaga tegishli boʻlmagan savollar."),
    "ru": ("Общие консультации", "Вопросы, которые не относятся к одной методичке."),
    "en": ("General consultations", "Questions that belong to no single playbook."),
}
BOARD_SLUG = "maslahatlar"


def playbook_translation_key(key: str) -> uuid.UUID:
    return uuid.uuid5(KEY_NAMESPACE, f"playbook:{key}")


def _say(stdout, message: str) -> None:
    if stdout is not None:
        stdout.write(message)


def _publish(page: Page) -> None:
    page.save_revision().publish()


@transaction.atomic
def ensure_playbook_index(home_pages: dict) -> dict[str, PlaybookIndexPage]:
    """/playbooks/ (and its general board) in every language whose home page is given.

    ``home_pages`` maps language codes to home pages; the default language's index is created
    first and the others are its translations.
    """
    default = settings.LANGUAGE_CODE
    home = home_pages[default]
    index = PlaybookIndexPage.objects.child_of(home).first()
    if index is None:
        title, intro = INDEXES[default]
        index = home.add_child(
            instance=PlaybookIndexPage(title=title, slug="playbooks", intro=intro)
        )
        _publish(index)
    board = ConsultationBoardPage.objects.child_of(index).first()
    if board is None:
        title, intro = BOARDS[default]
        board = index.add_child(
            instance=ConsultationBoardPage(title=title, slug=BOARD_SLUG, intro=intro)
        )
        _publish(board)
    indexes = {default: index}
    for language_code in home_pages:
        if language_code == default:
            continue
        locale = Locale.objects.get(language_code=language_code)
        translation = index.get_translation_or_none(locale)
        if translation is None:
            translation = index.copy_for_translation(locale)
            translation.title, translation.intro = INDEXES.get(language_code, INDEXES["en"])
            _publish(translation)
        if board.get_translation_or_none(locale) is None:
            board_translation = board.copy_for_translation(locale)
            board_translation.title, board_translation.intro = BOARDS.get(
                language_code, BOARDS["en"]
            )
            _publish(board_translation)
        indexes[language_code] = translation.specific
    return indexes


def _read(path: Path) -> dict:
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping")
    for name in ("key", "category", "title", "slug", "purpose", "when_to_use"):
        if not data.get(name):
            raise ValueError(f"{path}: '{name}' is required")
    if data["category"] not in Category.values:
        raise ValueError(f"{path}: unknown category {data['category']!r}")
    return data


def _related(data: dict, courses_by_key: dict | None) -> list[CoursePage]:
    courses = []
    for key in data.get("related_courses") or []:
        course = (courses_by_key or {}).get(key)
        if course is None:
            # Without the courses loader's map: a course whose slug is the key, in any language.
            course = CoursePage.objects.filter(slug=key).first()
        if course is not None:
            courses.append(course)
    return courses


def _fill(page: PlaybookPage, data: dict, courses: list[CoursePage]) -> None:
    page.title = data["title"]
    page.slug = data["slug"]
    page.category = data["category"]
    page.purpose = data["purpose"]
    page.when_to_use = data["when_to_use"]
    page.guidance = [(block["type"], block["value"]) for block in data.get("guidance") or []]
    if courses:
        page.related_courses = [
            course.get_translation_or_none(page.locale) or course for course in courses
        ]


def _template(page: PlaybookPage, spec: dict | None, author) -> None:
    if not spec:
        return
    template = TemplateFile.objects.filter(playbook=page, title=spec["title"]).first()
    if template is None:
        template = TemplateFile.objects.create(playbook=page, title=spec["title"])
    if template.versions.exists():
        return
    template_version_add(
        template=template,
        content=build_template(spec),
        filename=spec["filename"],
        label=str(spec.get("version_label") or "1.0"),
        change_note=spec.get("change_note") or "—",
        author=author,
        published_by=author,
    )


def _threads(page: PlaybookPage, threads: list[dict], users: dict, language: str) -> None:
    for spec in threads or []:
        author = users.get(spec["author"])
        if author is None or Thread.objects.filter(playbook=page, title=spec["title"]).exists():
            continue
        thread = Thread.objects.create(
            playbook=page, title=spec["title"], author=author, language=language
        )
        Post.objects.create(
            thread=thread,
            kind=PostKind.QUESTION,
            author=author,
            body=spec["body"],
            body_html=markdown_to_html(spec["body"]),
        )
        Subscription.objects.get_or_create(thread=thread, user=author)
        for reply in spec.get("replies") or []:
            replier = users.get(reply["author"])
            if replier is None:
                continue
            answer = Post.objects.create(
                thread=thread,
                kind=PostKind.ANSWER,
                author=replier,
                body=reply["body"],
                body_html=markdown_to_html(reply["body"]),
            )
            if reply.get("accepted"):
                thread.accepted_answer = answer
                thread.save(update_fields=["accepted_answer"])


@transaction.atomic
def _load_one(folder: Path, indexes, courses_by_key, users, stdout) -> int:
    files = {path.stem: path for path in folder.glob("*.yaml")}
    default = settings.LANGUAGE_CODE
    if default not in files:
        raise ValueError(f"{folder}: {default}.yaml is required")
    source_data = _read(files[default])
    key = source_data["key"]
    translation_key = playbook_translation_key(key)
    courses = _related(source_data, courses_by_key)
    trainer = users.get("trainer")
    created = 0
    source = PlaybookPage.objects.filter(
        translation_key=translation_key, locale__language_code=default
    ).first()
    if source is None:
        source = PlaybookPage(translation_key=translation_key, locale=indexes[default].locale)
        _fill(source, source_data, courses)
        indexes[default].add_child(instance=source)
        _publish(source)
        created += 1
    _template(source, source_data.get("template"), trainer)
    _threads(source, source_data.get("threads"), users, default)
    for language_code, path in sorted(files.items()):
        if language_code == default or language_code not in indexes:
            continue
        data = _read(path)
        if data["key"] != key:
            raise ValueError(f"{path}: key {data['key']!r} differs from {key!r}")
        locale = indexes[language_code].locale
        page = source.get_translation_or_none(locale)
        if page is None:
            page = source.copy_for_translation(locale).specific
            _fill(page, data, courses)
            page.slug = slugify(data["slug"]) or page.slug
            page.save()
            _publish(page)
            created += 1
        _template(page, data.get("template"), trainer)
        _threads(page, data.get("threads"), users, language_code)
    _say(stdout, f"  playbook {key}: {len(files)} language(s)")
    return created


def load_playbooks(
    directory: Path,
    *,
    index_pages: dict[str, PlaybookIndexPage] | None = None,
    courses_by_key: dict | None = None,
    users: dict | None = None,
    stdout=None,
) -> int:
    """Load every ``<NN>-<key>/`` folder under ``directory``; the number of pages created."""
    if index_pages is None:
        index_pages = {
            index.locale.language_code: index
            for index in PlaybookIndexPage.objects.select_related("locale")
        }
    users = users or {}
    created = 0
    for folder in sorted(path for path in Path(directory).iterdir() if path.is_dir()):
        created += _load_one(folder, index_pages, courses_by_key, users, stdout)
    return created


def seed_demo_playbooks(*, home, usernames=(), courses_by_key=None, stdout=None) -> None:
    """What ``seed_demo`` calls: the library in every language, then demo/playbooks/ if present."""
    home_pages = {
        translation.locale.language_code: translation
        for translation in home.get_translations(inclusive=True).select_related("locale")
    }
    indexes = ensure_playbook_index(home_pages)
    directory = Path(settings.BASE_DIR) / "demo" / "playbooks"
    if directory.is_dir():
        users = {user.username: user for user in User.objects.filter(username__in=usernames)}
        created = load_playbooks(
            directory,
            index_pages=indexes,
            courses_by_key=courses_by_key,
            users=users,
            stdout=stdout,
        )
        _say(stdout, f"Playbooks: {created} page(s) created")


def demo_load(run: DemoRun) -> None:
    """``seed_demo``: the playbooks library, linked to the demo courses."""
    seed_demo_playbooks(
        home=run.loaded["home"],
        usernames=DEMO_USERNAMES,
        courses_by_key=run.loaded.get("courses"),
        stdout=run.stdout,
    )
