"""What the demo loaders (``<app>/demo.py``) share: reading the files in ``demo/`` and the
translation keys that let a second run find what the first run created.

A demo object's ``translation_key`` is derived from its key in the files (``uuid5``), so the
three languages of one course are tied together and a second run looks them up instead of
creating them again. No model needs a field for it.
"""

import uuid
from pathlib import Path

import yaml
from django.conf import settings
from django.core.management.base import CommandError

DEMO_NAMESPACE = uuid.UUID("6f0c2d52-3c1e-4d0a-9a55-8e1f5f1d7a10")


class DemoContentError(CommandError):
    """A demo file that cannot be loaded; the message names the file."""


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
