"""Load the demo courses in ``demo/courses/`` (format: ``demo/README.md``).

Each course is created in Uzbek under the Uzbek catalogue with its lessons in order, then
translated into the other content languages with Wagtail's ``copy_for_translation`` so that the
language switcher ties the pages together. Every page's ``translation_key`` is derived from the
keys in the files, which is how a second run finds the pages: it changes only what differs from
the files and publishes nothing when nothing differs.
"""

import datetime
import json
import re
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from accounts.demo import DEMO_COORDINATOR, DEMO_LEARNER
from accounts.models import User
from core.demo import (
    DemoContentError,
    DemoRun,
    demo_file_read,
    demo_languages,
    demo_require,
    demo_translation_key,
)
from courses.assignments.services import assignment_create, required_courses_refresh
from courses.models import (
    CompletionRule,
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LessonPage,
    TrainingAssignment,
)
from courses.services import lesson_complete
from quizzes.demo import demo_attempt_pass

# Blocks that another app provides; without a resolver they are skipped with a warning.
DEFERRED_BLOCK_TYPES = {"quiz"}
LESSON_NUMBER_PREFIX = re.compile(r"^\d+-")

BlockResolvers = dict[str, Callable[[dict], dict]]

LEARNER_COMPLETED_COURSE = "press-service-work"
ASSIGNED_COURSE = "social-media-ethics"
ASSIGNED_TO = "tashkent-region"
ASSIGNMENT_DUE_DAYS = 30

CATALOGUES = {
    "uz": ("Kurslar", "Davlat xizmatchilari uchun majburiy kurslar va hamma uchun ochiq darslar."),
    "ru": ("Курсы", "Обязательные курсы для госслужащих и открытые уроки для всех."),
    "en": ("Courses", "Required courses for civil servants and lessons open to everyone."),
}


def demo_load(run: DemoRun) -> None:
    """``seed_demo``: the catalogue, the courses of demo/courses/, the ethics course required in
    the Tashkent region, and the demo learner's completed press-service course."""
    catalogues = catalogues_load(run.loaded["home"])
    quizzes = run.loaded.get("quizzes", {})

    def quiz_block(value: dict) -> dict:
        # The block names the Uzbek quiz; it shows the reader's translation itself.
        return {"quiz": quizzes[value["quiz"]].pk, "introduction": value.get("introduction", "")}

    courses = load_courses(
        run.directory / "courses",
        catalogues=catalogues,
        block_resolvers={"quiz": quiz_block},
        stdout=run.stdout,
    )
    run.loaded["courses"] = courses
    organizations = run.loaded["organizations"]
    if ASSIGNED_COURSE in courses:
        assignment_load(courses[ASSIGNED_COURSE], organizations[ASSIGNED_TO], run=run)
    if LEARNER_COMPLETED_COURSE in courses:
        learner_completion_load(courses[LEARNER_COMPLETED_COURSE])


def catalogues_load(home: Page) -> dict[str, CourseIndexPage]:
    """/courses/ in every language (translations of one catalogue page)."""
    catalogue = CourseIndexPage.objects.child_of(home).first()
    if catalogue is None:
        title, intro = CATALOGUES[settings.LANGUAGE_CODE]
        catalogue = home.add_child(
            instance=CourseIndexPage(title=title, slug="courses", intro=intro)
        )
        catalogue.save_revision().publish()
    for language_code, (title, intro) in CATALOGUES.items():
        locale = Locale.objects.get(language_code=language_code)
        if catalogue.get_translation_or_none(locale) is None:
            translation = catalogue.copy_for_translation(locale)
            translation.title, translation.intro = title, intro
            translation.save_revision().publish()
    return {
        page.locale.language_code: page
        for page in catalogue.get_translations(inclusive=True).select_related("locale").specific()
    }


def assignment_load(course: CoursePage, organization, *, run: DemoRun) -> None:
    """The course is required in the organisation (and below it) within 30 days. Created once:
    a second run keeps the first run's due date."""
    if TrainingAssignment.objects.filter(course=course).exists():
        return
    due_on = timezone.localdate() + datetime.timedelta(days=ASSIGNMENT_DUE_DAYS)
    assignment_create(
        course=course,
        organization=organization,
        due_on=due_on,
        created_by=User.objects.get(username=DEMO_COORDINATOR),
    )
    # Now rather than through the worker, so the dashboards show it at once.
    required_courses_refresh(course_ids=[course.pk])
    run.say(f"Assigned “{course.title}” to {organization.name}, due {due_on}")


def learner_completion_load(course: CoursePage) -> Enrolment | None:
    """The demo learner has done every lesson of the course, its quizzes really taken and
    passed; None if a quiz was not passed (the course then stays in progress)."""
    learner = User.objects.get(username=DEMO_LEARNER)
    enrolment = None
    for lesson in course.lessons():
        if lesson.activity_message is not None:
            continue  # completed by the app that added its block (a practice scenario)
        # The signal would complete a quiz lesson after the commit; the completion is wanted now.
        for quiz in lesson.embedded_quizzes():
            if not demo_attempt_pass(quiz=quiz, user=learner, lesson_id=lesson.pk).passed:
                return None
        enrolment = lesson_complete(
            user=learner, lesson=lesson, course=course, by_quiz=lesson.has_quiz
        )
    return enrolment


def load_courses(
    directory: Path,
    *,
    catalogues: dict[str, CourseIndexPage],
    block_resolvers: BlockResolvers | None = None,
    stdout=None,
) -> dict[str, CoursePage]:
    """Create or update every course in ``directory``; the Uzbek course page by course key.

    ``catalogues`` maps a language code to that language's catalogue (translations of one
    page). ``block_resolvers`` maps a block type to a function that turns the value in the file
    into the value the block stores (e.g. a quiz key into a quiz id).
    """
    courses = {}
    if not directory.is_dir():
        return courses
    for course_dir in sorted(path for path in directory.iterdir() if path.is_dir()):
        if not (course_dir / "course.yaml").is_file():
            continue
        loader = _CourseLoader(
            course_dir,
            catalogues=catalogues,
            block_resolvers=block_resolvers or {},
            stdout=stdout,
        )
        with transaction.atomic():
            course = loader.load()
        courses[loader.key] = course
    return courses


def lesson_key(entry: str) -> str:
    """``02-official-accounts`` → ``official-accounts``: reordering keeps a lesson's identity."""
    return LESSON_NUMBER_PREFIX.sub("", entry)


class _CourseLoader:
    def __init__(self, course_dir, *, catalogues, block_resolvers, stdout):
        self.course_dir = course_dir
        self.catalogues = catalogues
        self.block_resolvers = block_resolvers
        self.stdout = stdout
        self.languages = demo_languages()
        self.stream_block = LessonPage._meta.get_field("body").stream_block

    def say(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(message + "\n")

    # Reading and checking the files, before anything is written ---------------------------------

    def read(self) -> None:
        path = self.course_dir / "course.yaml"
        spec = demo_file_read(path)
        self.key = demo_require(spec, "key", path)
        translations = demo_require(spec, "translations", path)
        entries = demo_require(spec, "lessons", path)
        self.course_fields = {}
        self.topics = {}
        shared_topics = spec.get("topics") or []
        for language in self.languages:
            texts = translations.get(language)
            if not isinstance(texts, dict):
                raise DemoContentError(f"{path}: translations.{language} is missing")
            objectives = texts.get("learning_objectives") or []
            # Topics are shown to readers: each language may name them in its own words.
            self.topics[language] = sorted(str(t) for t in texts.get("topics") or shared_topics)
            self.course_fields[language] = {
                "title": demo_require(texts, "title", path),
                "slug": demo_require(texts, "slug", path),
                "summary": demo_require(texts, "summary", path),
                "learning_objectives": [
                    {"type": "objective", "value": str(text)} for text in objectives
                ],
            }
        self.shared_fields = {
            "audience": spec.get("audience", "civil_servants"),
            "estimated_minutes": spec.get("estimated_minutes", 30),
            "validity_months": spec.get("validity_months"),
            "completion_rule": spec.get("completion_rule", CompletionRule.ALL_LESSONS),
            "completion_percent": spec.get("completion_percent", 100),
        }
        self.course_path = path
        self.lessons = [(lesson_key(entry), self.read_lesson(entry)) for entry in entries]

    def read_lesson(self, entry: str) -> dict[str, dict]:
        """The fields of one lesson by language, its body already validated."""
        fields = {}
        for language in self.languages:
            path = self.course_dir / f"{entry}.{language}.yaml"
            data = demo_file_read(path)
            fields[language] = {
                "title": demo_require(data, "title", path),
                "slug": demo_require(data, "slug", path),
                "estimated_minutes": demo_require(data, "estimated_minutes", path),
                "body": self.lesson_body(demo_require(data, "body", path), path),
                "_path": path,
            }
        return fields

    def lesson_body(self, blocks: list, path: Path) -> list[dict]:
        if not isinstance(blocks, list):
            raise DemoContentError(f"{path}: “body” must be a list of blocks")
        raw, numbers = [], []  # the blocks to store, and their numbers in the file
        for number, block in enumerate(blocks, start=1):
            if not isinstance(block, dict) or "type" not in block:
                raise DemoContentError(f"{path}: block {number} has no “type”")
            block_type, value = block["type"], _iso_dates(block.get("value"))
            resolver = self.block_resolvers.get(block_type)
            if resolver is None and block_type in DEFERRED_BLOCK_TYPES:
                self.say(
                    f"  warning: {path.parent.name}/{path.name}: skipped the “{block_type}” "
                    f"block {number} (no resolver for {block_type} blocks yet)"
                )
                continue
            if block_type not in self.stream_block.child_blocks:
                raise DemoContentError(f"{path}: block {number}: unknown block type “{block_type}”")
            if resolver is not None:
                try:
                    value = resolver(value)
                except (LookupError, TypeError, ValueError, ValidationError) as error:
                    raise DemoContentError(
                        f"{path}: block {number} ({block_type}): {error}"
                    ) from error
            raw.append({"type": block_type, "value": value})
            numbers.append(number)
        try:
            cleaned = self.stream_block.clean(self.stream_block.to_python(raw))
        except ValidationError as error:
            raise DemoContentError(f"{path}: {_stream_errors(error, raw, numbers)}") from error
        # Stored with Wagtail's block ids: a list item without one reads back as a legacy value,
        # and the checklist would print "{'type': 'item', 'value': ...}". Comparisons ignore ids.
        return _as_json(self.stream_block.get_prep_value(cleaned))

    # Writing the pages ---------------------------------------------------------------------------

    def load(self) -> CoursePage:
        self.read()
        source_language = self.languages[0]
        course = self.source_page(
            CoursePage,
            demo_translation_key("course", self.key),
            parent=self.catalogues[source_language],
            fields={**self.shared_fields, **self.course_fields[source_language]},
            topics=self.topics[source_language],
            path=self.course_path,
        )
        lessons = []
        for key, fields in self.lessons:
            lesson_fields = dict(fields[source_language])
            path = lesson_fields.pop("_path")
            lessons.append(
                self.source_page(
                    LessonPage,
                    demo_translation_key("lesson", f"{self.key}/{key}"),
                    parent=course,
                    fields=lesson_fields,
                    path=path,
                )
            )
        self.order(course, lessons)
        for language in self.languages[1:]:
            locale = Locale.objects.get(language_code=language)
            translated = self.translation(
                course,
                locale,
                fields={**self.shared_fields, **self.course_fields[language]},
                topics=self.topics[language],
                path=self.course_path,
            )
            translated_lessons = []
            for lesson, (_key, fields) in zip(lessons, self.lessons, strict=True):
                lesson_fields = dict(fields[language])
                path = lesson_fields.pop("_path")
                translated_lessons.append(
                    self.translation(lesson, locale, fields=lesson_fields, path=path)
                )
            self.order(translated, translated_lessons)
        return course

    def source_page(self, model, translation_key, *, parent, fields, path, topics=None):
        locale = parent.locale
        page = model.objects.filter(translation_key=translation_key, locale=locale).first()
        if page is None:
            page = model(translation_key=translation_key, locale=locale, **fields)
            if topics is not None:
                page.topics.set(topics)
            with _file_errors(path):
                parent.add_child(instance=page)
                page.save_revision().publish()
            self.say(f"  created {_kind(page)} “{page.title}” ({locale.language_code})")
            return page
        self.update(page, fields=fields, topics=topics, path=path)
        return page

    def translation(self, source, locale, *, fields, path, topics=None):
        page = source.get_translation_or_none(locale)
        created = page is None
        if created:
            parent = source.get_parent()
            if parent.get_translation_or_none(locale) is None:
                raise DemoContentError(f"{path}: “{parent.title}” has no {locale} translation")
            page = source.copy_for_translation(locale).specific
        self.update(page, fields=fields, topics=topics, path=path, force=created)
        if created:
            self.say(f"  translated {_kind(page)} “{page.title}” ({locale.language_code})")
        return page

    def update(self, page, *, fields, path, topics=None, force=False) -> None:
        """Set the fields that differ from the files; publish if anything did."""
        changed = force or not page.live
        for name, value in fields.items():
            if _field_value(page, name) != _comparable(page, name, value):
                setattr(page, name, value)
                changed = True
        if topics is not None and sorted(page.topics.names()) != topics:
            page.topics.set(topics)
            changed = True
        if changed:
            with _file_errors(path):
                page.save_revision().publish()
            if not force:
                self.say(f"  updated {_kind(page)} “{page.title}” ({page.locale.language_code})")

    def order(self, parent: Page, pages: list[Page]) -> None:
        """Put the demo lessons in the order of ``course.yaml`` (after any others). Lessons another
        app's loader added (a practice lesson) keep their place when the demo
        lessons are already in order."""
        wanted = [page.pk for page in pages]
        demo_lessons = set(wanted)
        current = [
            pk
            for pk in LessonPage.objects.child_of(parent)
            .order_by("path")
            .values_list("pk", flat=True)
            if pk in demo_lessons
        ]
        if current == wanted:
            return
        for page in pages:
            Page.objects.get(pk=page.pk).move(Page.objects.get(pk=parent.pk), pos="last-child")


def _kind(page) -> str:
    return "course" if isinstance(page, CoursePage) else "lesson"


def _field_value(page, name):
    value = getattr(page, name)
    field = page._meta.get_field(name)
    if hasattr(field, "stream_block"):
        # The stored JSON read back through the blocks, as a page view reads it: data stored in
        # an old shape (list items without ids) then differs from the files and is rewritten.
        return _comparable(page, name, list(value.raw_data))
    return value


def _comparable(page, name, value):
    field = page._meta.get_field(name)
    if hasattr(field, "stream_block"):
        block = field.stream_block
        stream = block.to_python(value)
        list(stream)  # read every block: an unread block would hand its raw JSON back unchanged
        return _without_ids(block.get_prep_value(stream))
    return value


def _as_json(value):
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _without_ids(value):
    """Stream data as stored (JSON) without the block ids Wagtail generates, to compare it."""
    return _strip_ids(_as_json(value))


def _strip_ids(value):
    if isinstance(value, list):
        return [_strip_ids(item) for item in value]
    if isinstance(value, dict):
        return {key: _strip_ids(item) for key, item in value.items() if key != "id"}
    return value


def _iso_dates(value):
    """YAML reads 2025-03-14 as a date; blocks store ISO strings."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_iso_dates(item) for item in value]
    if isinstance(value, dict):
        return {key: _iso_dates(item) for key, item in value.items()}
    return value


def _stream_errors(error: ValidationError, raw: list[dict], numbers: list[int]) -> str:
    block_errors = getattr(error, "block_errors", None)
    if not block_errors:
        return "; ".join(error.messages)
    parts = []
    for index, block_error in sorted(block_errors.items()):
        detail = (
            block_error.as_json_data()
            if hasattr(block_error, "as_json_data")
            else "; ".join(block_error.messages)
        )
        parts.append(f"block {numbers[index]} ({raw[index]['type']}): {detail}")
    return "; ".join(parts)


@contextmanager
def _file_errors(path: Path):
    """Turn a validation error while saving into one that names the file."""
    try:
        yield
    except ValidationError as error:
        raise DemoContentError(f"{path}: {'; '.join(error.messages)}") from error
