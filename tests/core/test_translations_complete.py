"""Walk the demo site in every language and fail on interface text left untranslated.

The demo content is loaded once for the module; then, per language (uz, uz in Cyrillic, ru, en),
every live page of that language and every app address without parameters is requested as an
anonymous visitor and as the demo learner. A page fails when:

- it answers 5xx;
- (uz, ru) a piece of visible text - a text node, or an aria-label/title/alt/placeholder - is the
  English msgid of one of our catalogues (every */locale/<lang>/LC_MESSAGES/django.po in the
  project, the app-level ones of every helper included) whose translation differs from it, or a
  message of Django or django-allauth that is still English in that language;
- (uz in Cyrillic) any visible text still holds Latin letters, other than addresses, e-mail
  addresses, Roman numerals and elements marked translate="no"; or is an English msgid passed
  through the transliteration.

For ru and en, the Uzbek pages without a translation are walked too, at their /ru/ and /en/
addresses, where they are served with the interface in that language.
The catalogues and URL names are read at run time, so apps merged later are walked too.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, get_resolver, reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Page

from accounts.models import User
from core import scripts
from core.cyrillic_catalogues import third_party_catalogues
from core.models import HomePage
from core.reports import pages_missing_translation
from core.translit import KEPT_NAMES_RE, to_latin
from courses.models import CourseIndexPage, CoursePage
from quizzes.models import QuestionCategory
from quizzes.models.bank import CATEGORY_CONTEXT

ROOT = Path(settings.BASE_DIR)
SKIPPED_DIRECTORIES = {".venv", "node_modules", ".git", "var", "staticfiles"}
# Addresses not worth walking: the admin (not translated into Uzbek by Wagtail), actions.
SKIPPED_PREFIXES = ("/admin/", "/documents/", "/i18n/", "/healthz", "/static/", "/media/")
SKIPPED_URL_NAMES = {"account_logout", "set_language", "healthz"}
VISIBLE_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")
UNTOUCHED_ELEMENTS = {"script", "style", "code", "pre", "textarea", "template"}
VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
PLACEHOLDER_RE = re.compile(
    r"%\([^)\s]+\)[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgG]|%[sdif]|\{[^{}\s]*\}|\{\{[^}]*\}\}"
)
TAG_RE = re.compile(r"<[^<>]+>")
LATIN_LETTER_RE = re.compile(r"[A-Za-z\u02bb\u02bc]")
# Left in Latin by core.translit on purpose.
ALLOWED_LATIN_RE = re.compile(
    r"(?:https?://|ftp://|www\.)\S+"
    r"|[\w.%+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:uz|ru|com|org|net|info|io|gov|edu|int)\b\S*"
    r"|\b[MDCLXVI]+\b"
    r"|" + KEPT_NAMES_RE
)


def project_catalogues(language: str) -> list[Path]:
    found = []
    for path in ROOT.rglob(f"locale/{language}/LC_MESSAGES/django.po"):
        if SKIPPED_DIRECTORIES.isdisjoint(path.relative_to(ROOT).parts):
            found.append(path)
    return sorted(found)


def _plain(text: str) -> str:
    return " ".join(TAG_RE.sub(" ", text).split())


class Catalogue:
    """The English msgids whose translation into `language` differs from them."""

    def __init__(self, language: str):
        self.exact: set[str] = set()
        patterns: list[str] = []
        prefixes: list[str] = []
        for path in project_catalogues(language):
            for entry in polib.pofile(str(path)):
                if entry.obsolete or not entry.translated():
                    continue
                translated = entry.msgstr or entry.msgstr_plural.get(0, "")
                for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
                    if translated == msgid or not LATIN_LETTER_RE.search(msgid):
                        continue
                    plain = _plain(msgid)
                    if TAG_RE.search(msgid):
                        # text split over several elements: match its first words
                        first = PLACEHOLDER_RE.split(TAG_RE.split(msgid)[0])[0].strip()
                        if len(first.split()) >= 3:
                            prefixes.append(re.escape(first))
                    elif PLACEHOLDER_RE.search(plain):
                        pieces = PLACEHOLDER_RE.split(plain)
                        if sum(len(piece.strip()) for piece in pieces) >= 4:
                            patterns.append(".+?".join(re.escape(piece) for piece in pieces))
                    else:
                        self.exact.add(plain)
        # Django's and allauth's own strings that are still English in this language (their
        # catalogues miss some; core/third_party_strings.py and the root catalogue fill them in)
        with translation.override(language):
            for path in third_party_catalogues(language):
                for entry in polib.pofile(str(path)):
                    if entry.obsolete or entry.msgid_plural or entry.msgctxt:
                        continue
                    plain = _plain(entry.msgid)
                    if (
                        len(plain.split()) >= 2
                        and not PLACEHOLDER_RE.search(plain)
                        and gettext(entry.msgid) == entry.msgid
                    ):
                        self.exact.add(plain)
        self.pattern = re.compile("(?:" + "|".join(patterns) + ")") if patterns else None
        self.prefix = re.compile("(?:" + "|".join(prefixes) + ")") if prefixes else None
        self.size = len(self.exact) + len(patterns) + len(prefixes)

    def untranslated(self, segment: str) -> bool:
        return (
            segment in self.exact
            or bool(self.pattern and self.pattern.fullmatch(segment))
            or bool(self.prefix and self.prefix.match(segment))
        )


class VisibleText(HTMLParser):
    """Text nodes and visible attributes, outside <script>, <code>, translate="no" and such."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.segments: list[str] = []
        self.stack: list[bool] = []  # per open element: is its content left untouched?

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        hidden = (self.stack and self.stack[-1]) or tag in UNTOUCHED_ELEMENTS
        hidden = hidden or attributes.get("translate") == "no"
        if not hidden:
            for name in VISIBLE_ATTRIBUTES:
                if attributes.get(name):
                    self._add(attributes[name])
            if tag == "input" and attributes.get("type") in ("submit", "button"):
                self._add(attributes.get("value") or "")
        if tag not in VOID_ELEMENTS:
            self.stack.append(bool(hidden))

    def handle_endtag(self, tag):
        if tag not in VOID_ELEMENTS and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self._add(data)

    def _add(self, text: str):
        text = " ".join(text.split())
        if text:
            self.segments.append(text)


def visible_text(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return parser.segments


def _url_names(resolver, namespace: str = ""):
    for name in resolver.reverse_dict:
        if isinstance(name, str):
            yield namespace + name
    for inner_namespace, (_prefix, inner) in resolver.namespace_dict.items():
        yield from _url_names(inner, f"{namespace}{inner_namespace}:")


def app_urls(language: str) -> list[str]:
    """Every address of the language's URL patterns that needs no parameter."""
    urls = set()
    with translation.override(language):
        for name in _url_names(get_resolver()):
            if name in SKIPPED_URL_NAMES or name.startswith(("wagtail", "admin")):
                continue
            try:
                url = reverse(name)
            except NoReverseMatch:
                continue
            if language != settings.LANGUAGE_CODE and not url.startswith(f"/{language}/"):
                continue
            if not url.startswith(SKIPPED_PREFIXES):
                urls.add(url)
    return sorted(urls)


def page_urls(language: str) -> list[str]:
    """The language's live pages, and the Uzbek pages it lacks (served as fallbacks)."""
    pages = Page.objects.live().filter(depth__gt=1, locale__language_code=language).specific()
    urls = {page.get_url() for page in pages}
    if language != settings.LANGUAGE_CODE:
        urls |= {
            f"/{language}{page.get_url()}"
            for page in pages_missing_translation(language).specific()
            if page.get_url()
        }
    return sorted(url for url in urls if url)


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """seed_demo once for the module, rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
        yield
        transaction.set_rollback(True)


def collided_msgids(language: str, catalogues: list[Path] | None = None) -> list[str]:
    """A msgid without context that our catalogues translate differently: whichever catalogue
    Django reads first decides for every use ("In progress" as a dashboard heading and as a
    status). Such a msgid needs a context (pgettext / {% translate ... context ... %})."""
    seen: dict[str, dict[str, set[str]]] = {}
    for path in catalogues or project_catalogues(language):
        for entry in polib.pofile(str(path)):
            if entry.obsolete or entry.msgctxt or not entry.translated():
                continue
            translated = entry.msgstr or entry.msgstr_plural.get(0, "")
            owner = path.parent.parent.parent.parent.name
            seen.setdefault(entry.msgid, {}).setdefault(translated, set()).add(owner)
    return [
        f"msgid {msgid!r} translated differently: "
        + "; ".join(f"{text!r} in {', '.join(sorted(at))}" for text, at in sorted(found.items()))
        for msgid, found in sorted(seen.items())
        if len(found) > 1
    ]


def unkeyed_categories(language: str) -> list[str]:
    """Question categories a learner sees by name without a name in their language: the
    catalogue must hold the category's key under the "question category" context."""
    with translation.override(language):
        return [
            f"question category {category.key!r} has no {language} name"
            f" (msgctxt {CATEGORY_CONTEXT!r}, msgid {category.key!r})"
            for category in QuestionCategory.objects.filter(questions__isnull=False).distinct()
            if category.label == category.name
        ]


def walk(language: str, script: str = scripts.LATIN) -> tuple[int, list[str]]:
    """Request every address as anonymous and as the demo learner; the problems found."""
    catalogue = Catalogue(language) if language in ("uz", "ru") else None
    urls = page_urls(language) + app_urls(language)
    problems: list[str] = []
    if language in ("uz", "ru"):
        problems += collided_msgids(language) + unkeyed_categories(language)
    checked = 0
    anonymous = Client()
    learner = Client()
    learner.force_login(User.objects.get(username="learner"))
    for client in (anonymous, learner):
        if script == scripts.CYRILLIC:
            client.cookies[scripts.COOKIE_NAME] = scripts.CYRILLIC
        who = "learner" if client is learner else "anonymous"
        for url in urls:
            cache.clear()
            response = client.get(url)
            if response.status_code >= 500:
                problems.append(f"{url} ({who}): HTTP {response.status_code}")
                continue
            if response.status_code != 200 or not response.get("Content-Type", "").startswith(
                "text/html"
            ):
                continue
            checked += 1
            for segment in visible_text(response.content.decode()):
                if catalogue is not None and (
                    catalogue.untranslated(segment)
                    # English left in the catalogue comes out transliterated in Cyrillic mode
                    or (script == scripts.CYRILLIC and catalogue.untranslated(to_latin(segment)))
                ):
                    problems.append(f"{url} ({who}): untranslated {segment!r}")
                if script == scripts.CYRILLIC and LATIN_LETTER_RE.search(
                    ALLOWED_LATIN_RE.sub("", segment)
                ):
                    problems.append(f"{url} ({who}): Latin text in Cyrillic mode {segment!r}")
    return checked, sorted(set(problems))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "script"),
    [("uz", scripts.LATIN), ("uz", scripts.CYRILLIC), ("ru", scripts.LATIN), ("en", scripts.LATIN)],
    ids=["uz-latn", "uz-cyrl", "ru", "en"],
)
def test_every_demo_page_is_translated(demo_site, language, script):
    checked, problems = walk(language, script)
    assert checked >= 8, f"only {checked} pages answered 200 in {language}"
    assert not problems, "\n".join(problems)


def test_the_catalogue_finds_untranslated_interface_text():
    uz = Catalogue("uz")
    assert uz.size > 100
    assert uz.untranslated("Sign in")
    assert not uz.untranslated("Kirish")
    segments = visible_text(
        '<p>Kirish</p><button aria-label="Language">x</button><code>Sign in</code>'
        '<span translate="no">Sign up</span><script>var a = "Sign up";</script>'
    )
    assert segments == ["Kirish", "Language", "x"]
    assert [s for s in segments if uz.untranslated(s)] == ["Language"]


@pytest.mark.django_db
def test_the_walk_reports_english_interface_text_on_an_uzbek_page(demo_site):
    home = HomePage.objects.get(depth=2, locale__language_code="uz")
    home.intro = "My learning"  # an English msgid of our catalogue, as if left untranslated
    home.save_revision().publish()
    _checked, problems = walk("uz")
    assert "/ (anonymous): untranslated 'My learning'" in problems
    _checked, problems = walk("uz", scripts.CYRILLIC)
    assert "/ (anonymous): untranslated 'Мй леарнинг'" in problems


@pytest.mark.django_db
def test_uzbek_pages_without_a_translation_are_walked_at_their_fallback_address(demo_site):
    catalogue = CourseIndexPage.objects.get(locale__language_code="uz")
    course = catalogue.add_child(
        instance=CoursePage(title="Faqat oʻzbekcha", slug="faqat", summary=".", audience="public")
    )
    course.save_revision().publish()
    assert "/ru/courses/faqat/" in page_urls("ru")
    assert "/courses/faqat/" in page_urls("uz")
    checked, problems = walk("ru")
    assert not problems


@pytest.mark.django_db
def test_djangos_messages_left_in_english_are_caught_too():
    uz = Catalogue("uz")
    assert uz.untranslated("Password reset unsuccessful")  # contrib.auth has no Uzbek for it
    assert not uz.untranslated("Parolingiz faqat raqamlardan iborat boʻlmasligi kerak.")
    assert not Catalogue("ru").untranslated("Password reset unsuccessful")  # Russian has it


def test_a_msgid_translated_two_ways_is_a_collision(tmp_path):
    assert collided_msgids("uz") == [] and collided_msgids("ru") == []
    other = tmp_path / "other" / "locale" / "uz" / "LC_MESSAGES" / "django.po"
    other.parent.mkdir(parents=True)
    other.write_text('msgid "In progress"\nmsgstr "Oʻqilayotgan kurslar"\n', encoding="utf-8")
    found = collided_msgids("uz", [*project_catalogues("uz"), other])
    assert len(found) == 1 and found[0].startswith("msgid 'In progress' translated differently")


@pytest.mark.django_db
def test_a_question_category_without_a_name_in_the_language_is_reported(demo_site):
    assert unkeyed_categories("uz") == [] and unkeyed_categories("ru") == []
    category = QuestionCategory.objects.filter(questions__isnull=False).first()
    category.key = "brand-new-bank"
    category.save()
    assert unkeyed_categories("ru") == [
        "question category 'brand-new-bank' has no ru name"
        " (msgctxt 'question category', msgid 'brand-new-bank')"
    ]
