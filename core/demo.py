"""What the demo loaders (``<app>/demo.py``) share: how ``seed_demo`` finds and runs them, reading
the files in ``demo/``, and the translation keys that let a second run find what the first run
created.

Every app of ours may have a ``demo.py`` with a ``demo_load(run: DemoRun)`` function; ``seed_demo``
runs them in the order of ``INSTALLED_APPS`` (lowest app first, docs/architecture.md), so each
loader finds in ``run.loaded`` what the apps below it made (the home page, the organisations, the
quizzes, the courses) and never imports an app above it.

A demo object's ``translation_key`` is derived from its key in the files (``uuid5``), so the
three languages of one course are tied together and a second run looks them up instead of
creating them again. No model needs a field for it.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

import yaml
from django.apps import apps
from django.conf import settings
from django.core.management.base import CommandError
from wagtail.models import Locale, Site

DEMO_NAMESPACE = uuid.UUID("6f0c2d52-3c1e-4d0a-9a55-8e1f5f1d7a10")
DEFAULT_PASSWORD = "muloqot-demo"  # noqa: S105 - a documented demo password, never production

HOME_PAGES = {
    "uz": (
        "Muloqot",
        "Davlat organlari va fuqarolar oʻrtasida ijtimoiy tarmoqlardagi muloqot boʻyicha "
        "oʻquv platformasi: davlat xizmatchilari uchun majburiy kurslar, fuqarolar uchun "
        "faktlarni tekshirish darslari.",
    ),
    "ru": (
        "Muloqot",
        "Учебная платформа по диалогу государственных органов с гражданами в социальных сетях: "
        "обязательные курсы для госслужащих и уроки проверки фактов для граждан.",
    ),
    "en": (
        "Muloqot",
        "The training platform for dialogue between state bodies and citizens on social "
        "networks: required courses for civil servants and fact-checking lessons for citizens.",
    ),
}


class DemoContentError(CommandError):
    """A demo file that cannot be loaded; the message names the file."""


@dataclass
class DemoRun:
    """One ``seed_demo`` run, handed to every app's ``demo_load`` in turn."""

    directory: Path
    password: str
    stdout: object = None
    # What a loader made for the loaders above it, by name (e.g. "home", "courses").
    loaded: dict = field(default_factory=dict)
    # Lines printed once every loader has run (logins, the learner's certificate code).
    summary: list[str] = field(default_factory=list)

    def say(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(message + "\n")


def demo_loaders() -> list[tuple[str, Callable[[DemoRun], None]]]:
    """``(app label, demo_load)`` of each of our apps that has a ``demo.py``, in INSTALLED_APPS
    order. Only the project's own apps (folders at its top) are asked, never third-party ones."""
    loaders = []
    base_dir = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        if Path(config.path).resolve().parent != base_dir:
            continue
        if find_spec(f"{config.name}.demo") is None:
            continue
        load = getattr(import_module(f"{config.name}.demo"), "demo_load", None)
        if load is not None:
            loaders.append((config.label, load))
    return loaders


def demo_translation_key(kind: str, key: str) -> uuid.UUID:
    """The translation key of the demo object ``kind`` (e.g. ``course``) with this key."""
    return uuid.uuid5(DEMO_NAMESPACE, f"{kind}:{key}")


def demo_languages() -> list[str]:
    """Content languages, the source language (Uzbek) first."""
    codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    codes.remove(settings.LANGUAGE_CODE)
    return [settings.LANGUAGE_CODE, *codes]


def demo_file_read(path: Path) -> dict:
    """The YAML mapping in ``path``; a missing, malformed or non-mapping file names itself."""
    try:
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except FileNotFoundError as error:
        raise DemoContentError(f"{path}: file not found") from error
    except yaml.YAMLError as error:
        raise DemoContentError(f"{path}: not valid YAML: {error}") from error
    if not isinstance(data, dict):
        raise DemoContentError(f"{path}: expected a mapping at the top level")
    return data


def demo_require(data: dict, name: str, path: Path):
    """``data[name]``, or an error naming the file and the missing entry."""
    if data.get(name) in (None, ""):
        raise DemoContentError(f"{path}: “{name}” is missing")
    return data[name]


def demo_load(run: DemoRun) -> None:
    """The home page in every content language (translations of the site's root page)."""
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    uz_title, uz_intro = HOME_PAGES[settings.LANGUAGE_CODE]
    if not home.intro:
        home.title, home.intro = uz_title, uz_intro
        home.save_revision().publish()
    for language_code, (title, intro) in HOME_PAGES.items():
        locale, _ = Locale.objects.get_or_create(language_code=language_code)
        if home.get_translation_or_none(locale) is None:
            translation = home.copy_for_translation(locale, copy_parents=True)
            translation.title, translation.intro = title, intro
            translation.save_revision().publish()
    run.loaded["home"] = home
