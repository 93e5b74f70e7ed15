"""Load the demo certificate templates in ``demo/certificates/`` (format: ``demo/README.md``).

A template is created in Uzbek and translated into the other content languages with
``copy_for_translation``; its ``translation_key`` is derived from the file's key, so a second run
finds it and changes only what differs from the file.
"""

import io
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Locale

from accounts.demo import DEMO_LEARNER
from certificates.models import Certificate, CertificateTemplate
from certificates.selectors import certificate_template_for_course
from certificates.services import certificate_award_set, certificate_issue
from core.demo import (
    DemoContentError,
    DemoRun,
    demo_file_read,
    demo_languages,
    demo_require,
    demo_translation_key,
)
from courses.demo import LEARNER_COMPLETED_COURSE
from courses.models import CoursePage, Enrolment

SHARED_FIELDS = ("orientation", "primary_colour", "accent_colour")
TRANSLATED_FIELDS = ("title", "body", "issuer", "signatory_name", "signatory_title")


def demo_load(run: DemoRun) -> None:
    """``seed_demo``: the templates of demo/certificates/, the certificate each demo course awards
    (its ``certificate_template`` in course.yaml) and the demo learner's certificate."""
    templates = load_certificate_templates(run.directory / "certificates", stdout=run.stdout)
    load_certificate_awards(run.directory / "courses", templates=templates, stdout=run.stdout)
    course = run.loaded.get("courses", {}).get(LEARNER_COMPLETED_COURSE)
    certificate = learner_certificate_load(course) if course is not None else None
    if certificate is not None:
        run.summary.append(
            f"Certificate of learner ({certificate.course_title}): {certificate.code} "
            f"— /certificates/verify/{certificate.code}/"
        )


def load_certificate_awards(
    directory: Path, *, templates: dict[str, CertificateTemplate], stdout=None
) -> None:
    """Each course in ``directory`` awards the template its course.yaml names, in every language
    (the template's translation in the course's language)."""
    if not directory.is_dir():
        return
    for path in sorted(directory.glob("*/course.yaml")):
        spec = demo_file_read(path)
        template_key = spec.get("certificate_template")
        if not template_key:
            continue
        template = templates.get(template_key)
        if template is None:
            # Templates and courses are written by different people: warn, load the course.
            if stdout is not None:
                stdout.write(
                    f"  warning: {path.parent.name}/{path.name}: certificate template "
                    f"“{template_key}” is not in demo/certificates/; the course has none for now\n"
                )
            continue
        translation_key = demo_translation_key("course", demo_require(spec, "key", path))
        for course in CoursePage.objects.filter(translation_key=translation_key):
            translated = template.get_translation_or_none(course.locale) or template
            certificate_award_set(course=course, template=translated)


def learner_certificate_load(course: CoursePage) -> Certificate | None:
    """The demo learner's certificate of the course they completed (courses/demo.py)."""
    if certificate_template_for_course(course) is None:
        return None
    enrolment = Enrolment.objects.filter(
        user__username=DEMO_LEARNER, course=course, completed_at__isnull=False
    ).first()
    if enrolment is None:
        return None
    call_command("create_signing_key", if_missing=True, stdout=io.StringIO())
    return certificate_issue(enrolment=enrolment)


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
