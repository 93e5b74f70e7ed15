"""Load the demo certificate templates in ``demo/certificates/`` (format: ``demo/README.md``).

A template is created in Uzbek and translated into the other content languages with
``copy_for_translation``; its ``translation_key`` is derived from the file's key, so a second run
finds it and changes only what differs from the file.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import Locale

from certificates.models import CertificateTemplate
from core.demo import (
    DemoContentError,
    demo_file_read,
    demo_languages,
    demo_require,
    demo_translation_key,
)

SHARED_FIELDS = ("orientation", "primary_colour", "accent_colour")
TRANSLATED_FIELDS = ("title", "body", "issuer", "signatory_name", "signatory_title")


def load_certificate_templates(directory: Path, *, stdout=None) -> dict[str, CertificateTemplate]:
    """Create or update every template in ``directory``; the Uzbek template by its key."""
    templates = {}
    if not directory.is_dir():
        return templates
    for path in sorted(directory.glob("*.yaml")):
        with transaction.atomic():
            key, template = _template_load(path, stdout=stdout)
        templates[key] = template
    return templates


def _template_load(path: Path, *, stdout) -> tuple[str, CertificateTemplate]:
    spec = demo_file_read(path)
    key = demo_require(spec, "key", path)
    translations = demo_require(spec, "translations", path)
    shared = {name: spec[name] for name in SHARED_FIELDS if spec.get(name) is not None}
    translation_key = demo_translation_key("certificate-template", key)
    languages = demo_languages()
    source = None
    for language in languages:
        texts = translations.get(language)
        if not isinstance(texts, dict):
            raise DemoContentError(f"{path}: translations.{language} is missing")
        fields = {**shared, **{name: demo_require(texts, name, path) for name in TRANSLATED_FIELDS}}
        locale = Locale.objects.get(language_code=language)
        template = CertificateTemplate.objects.filter(
            translation_key=translation_key, locale=locale
        ).first()
        created = template is None
        if created:
            template = (
                CertificateTemplate(translation_key=translation_key, locale=locale)
                if source is None
                else source.copy_for_translation(locale)
            )
        changed = created
        for name, value in fields.items():
            if getattr(template, name) != value:
                setattr(template, name, value)
                changed = True
        if changed:
            try:
                template.full_clean()
            except ValidationError as error:
                raise DemoContentError(f"{path} ({language}): {error.messages}") from error
            template.save()
            template.save_revision()
            if stdout is not None:
                verb = "created" if created else "updated"
                stdout.write(f"  {verb} certificate template “{template.title}” ({language})\n")
        source = source or template
    return key, source
