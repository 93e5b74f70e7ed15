"""Question files (Moodle GIFT, Aiken) into the question bank and back.

Imports are all or nothing: every question is built and validated first, and if any has a
problem nothing is written and every problem is reported with its line number.
"""

import hashlib
import html
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from quizzes.formats import aiken, gift
from quizzes.formats.types import (
    ParsedAnswer,
    ParsedNumericAnswer,
    ParsedPair,
    ParsedQuestion,
    ParseError,
    QuestionType,
)
from quizzes.models import Question, QuestionCategory
from quizzes.models.bank import category_descendant_ids

FORMATS = {"gift": gift, "aiken": aiken}
HUNDRED = Decimal(100)

MESSAGE_NO_CATEGORY = _("The question has no category: add “$CATEGORY: name” or choose one.")
MESSAGE_UNKNOWN_FORMAT = _("Unknown format “%(format)s”: use gift or aiken.")
MESSAGE_EMPTY_FILE = _("The file holds no questions.")
MESSAGE_NOT_EXPORTED = _("Not in this file (the format cannot carry media):")
MESSAGE_IMAGE_LEFT_OUT = _("image “%(alt)s”")
MESSAGE_CLIP_LEFT_OUT = _("clip “%(title)s”")
MESSAGE_CHOICE_IMAGE_LEFT_OUT = _("image of the choice “%(choice)s” (“%(alt)s”)")
MESSAGE_FEEDBACK_IMAGE_LEFT_OUT = _("image with the explanation “%(alt)s”")


class ImportFailed(Exception):
    def __init__(self, errors: list[tuple[int, str]]):
        self.errors = errors
        super().__init__("; ".join(f"line {line}: {message}" for line, message in errors))


CATEGORY_NAME_MAX = QuestionCategory._meta.get_field("name").max_length
MESSAGE_CATEGORY_TOO_LONG = _("The category name is longer than %(max)s characters.")


def category_key(path: str) -> str:
    """The key of the category at ``path``: its slug, or for a path too long for the key its
    first 91 characters and a digest of the whole (every level of a deep path keeps its own)."""
    slug = slugify(path.replace("/", " ").strip())
    if len(slug) <= 100:
        return slug
    return f"{slug[:91]}-{hashlib.sha256(path.encode()).hexdigest()[:8]}"


def _percent(fraction: Decimal) -> Decimal:
    return (Decimal(fraction) * HUNDRED).normalize()


def _answers_of(parsed: ParsedQuestion) -> list:
    blocks = []
    if parsed.qtype in (
        QuestionType.SINGLE_CHOICE,
        QuestionType.MULTIPLE_CHOICE,
        QuestionType.SHORT_ANSWER,
        QuestionType.CLAIM_VERDICT,
    ):
        for answer in parsed.answers:
            blocks.append(
                (
                    "choice",
                    {
                        "text": answer.text,
                        "fraction": _percent(answer.fraction),
                        "feedback": answer.feedback,
                    },
                )
            )
    elif parsed.qtype == QuestionType.NUMERIC:
        for entry in parsed.numeric_answers:
            blocks.append(
                (
                    "numeric",
                    {
                        "value": entry.value,
                        "tolerance": entry.tolerance if entry.value is not None else None,
                        "minimum": entry.minimum,
                        "maximum": entry.maximum,
                        "fraction": _percent(entry.fraction),
                        "feedback": entry.feedback,
                    },
                )
            )
    elif parsed.qtype == QuestionType.MATCHING:
        for pair in parsed.pairs:
            blocks.append(("pair", {"prompt": pair.prompt, "answer": pair.answer}))
    return blocks


_BREAKS = re.compile(r"<\s*(br\s*/?|/p|/div|/li|/h[1-6])\s*>", re.IGNORECASE)


def html_to_text(value: str) -> str:
    """Moodle exports question texts as "[html]<p>…</p>"; questions here are plain text, so keep
    the words and the paragraph breaks, never the markup."""
    text = strip_tags(_BREAKS.sub("\n", value))
    lines = [" ".join(line.split()) for line in html.unescape(text).splitlines()]
    return "\n".join(line for line in lines if line)


def _plain(parsed: ParsedQuestion) -> ParsedQuestion:
    if parsed.text_format != "html":
        return parsed
    parsed.text = html_to_text(parsed.text)
    parsed.general_feedback = html_to_text(parsed.general_feedback)
    for answer in parsed.answers:
        answer.text, answer.feedback = html_to_text(answer.text), html_to_text(answer.feedback)
    parsed.text_format = "moodle"
    return parsed


def _fill(question: Question, parsed: ParsedQuestion) -> Question:
    parsed = _plain(parsed)
    question.qtype = parsed.qtype.value
    question.text = parsed.text
    question.name = parsed.name[:100]
    question.general_feedback = parsed.general_feedback
    question.claim_source = parsed.claim_source[:500]
    question.correct = parsed.correct if parsed.qtype == QuestionType.TRUE_FALSE else None
    question.true_feedback = parsed.true_feedback[:1000]
    question.false_feedback = parsed.false_feedback[:1000]
    question.answers = _answers_of(parsed)
    return question


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "message_dict"):
        return [f"{message}" for messages in error.message_dict.values() for message in messages]
    return list(error.messages)


def questions_import(
    *, text: str, format: str = "gift", category_key: str = "", locale=None, update_existing=False
) -> list[Question]:
    """Import every question of a GIFT or Aiken file, or none (ImportFailed lists the problems).

    ``category_key`` is the category for questions the file gives none. With ``update_existing``
    a named question that already exists in the category and language is updated in place (the
    demo loader runs twice without duplicates); otherwise every question is added.
    """
    module = FORMATS.get(format)
    if module is None:
        raise ImportFailed([(0, str(MESSAGE_UNKNOWN_FORMAT % {"format": format}))])
    locale = locale or Locale.get_default()
    try:
        parsed_questions = module.parse(text, default_category=category_key)
    except ParseError as error:
        raise ImportFailed([(line, str(message)) for line, message in error.errors]) from error
    if not parsed_questions:
        raise ImportFailed([(1, str(MESSAGE_EMPTY_FILE))])
    errors: list[tuple[int, str]] = []
    categories: dict[str, QuestionCategory] = {
        category.key: category for category in QuestionCategory.objects.all()
    }
    planned: list[tuple[Question, str, str]] = []
    for parsed in parsed_questions:
        path = parsed.category or category_key
        if path and path == category_key and path in categories:
            path = categories[path].path()  # the chosen category, wherever it sits
        key = category_key_of(path)
        if key not in categories:
            existing = _category_by_path(path)
            if existing is not None:
                categories[key] = existing
        if not key:
            errors.append((parsed.line, str(MESSAGE_NO_CATEGORY)))
            continue
        name = path.split("/")[-1].strip() or key
        if key not in categories and len(name) > CATEGORY_NAME_MAX:
            # SQLite would store it; PostgreSQL refuses it in the middle of the import.
            errors.append((parsed.line, MESSAGE_CATEGORY_TOO_LONG % {"max": CATEGORY_NAME_MAX}))
            continue
        category = categories.get(key) or QuestionCategory(key=key, name=name)
        question = None
        if update_existing and parsed.name and category.pk:
            question = Question.objects.filter(
                category=category, locale=locale, name=parsed.name[:100]
            ).first()
            if question is not None and _same(parsed_from(question), parsed):
                continue  # unchanged: no new revision
        if question is None:
            question = Question(locale=locale)
            if update_existing and parsed.name and category.pk:
                # The same name in another language is the same question (translation_key).
                sibling = Question.objects.filter(category=category, name=parsed.name[:100]).first()
                if sibling is not None:
                    question.translation_key = sibling.translation_key
        question = _fill(question, parsed)
        question.category = category
        try:
            question.full_clean(exclude=["category", "translation_key"])
        except ValidationError as error:
            errors.extend((parsed.line, message) for message in _messages(error))
        planned.append((question, key, path))
    if errors:
        raise ImportFailed(errors)
    saved = []
    with transaction.atomic():
        for question, key, path in planned:
            category = categories.get(key)
            if category is None:
                category = _category_path_create(path, categories)
            question.category = category
            question.save()
            question.save_revision(log_action=True).publish()
            saved.append(question)
    return saved


def _same(left: ParsedQuestion, right: ParsedQuestion) -> bool:
    fields = (
        "qtype",
        "text",
        "name",
        "general_feedback",
        "answers",
        "correct",
        "true_feedback",
        "false_feedback",
        "numeric_answers",
        "pairs",
        "claim_source",
    )
    return all(getattr(left, name) == getattr(right, name) for name in fields)


def category_key_of(path: str) -> str:
    return category_key(path) if path else ""


def _segments(path: str) -> list[str]:
    return [segment.strip() for segment in path.split("/") if segment.strip()]


def _category_by_path(path: str) -> QuestionCategory | None:
    """The category at this path of names (top/sub/this), however its keys were chosen."""
    parent = None
    for name in _segments(path):
        parent = QuestionCategory.objects.filter(parent=parent, name=name).first()
        if parent is None:
            return None
    return parent


def _category_path_create(path: str, categories: dict) -> QuestionCategory:
    """The category at ``path``, made with every missing category above it: “a/b/c” gives a,
    a/b inside it and a/b/c inside that (keys from the path, as before nesting existed)."""
    parent = None
    segments = _segments(path) or [path]
    for depth in range(1, len(segments) + 1):
        prefix = "/".join(segments[:depth])
        key = category_key_of(prefix)
        category = categories.get(key) or _category_by_path(prefix)
        if category is None:
            category, _created = QuestionCategory.objects.get_or_create(
                key=key, defaults={"name": segments[depth - 1] or key, "parent": parent}
            )
        categories[key] = category
        parent = category
    return parent


# Export --------------------------------------------------------------------------------------


def parsed_from(question: Question) -> ParsedQuestion:
    qtype = QuestionType(question.qtype)
    parsed = ParsedQuestion(
        qtype=qtype,
        text=question.text,
        name=question.name,
        category=question.category.path(),
        general_feedback=question.general_feedback,
        claim_source=question.claim_source,
    )
    for block in question.answers:
        value = block.value
        if block.block_type == "choice":
            parsed.answers.append(
                ParsedAnswer(
                    text=value["text"],
                    fraction=(Decimal(value["fraction"] or 0) / HUNDRED).normalize(),
                    feedback=value.get("feedback") or "",
                )
            )
        elif block.block_type == "numeric":
            parsed.numeric_answers.append(
                ParsedNumericAnswer(
                    value=value.get("value"),
                    tolerance=value.get("tolerance") or Decimal(0),
                    minimum=value.get("minimum"),
                    maximum=value.get("maximum"),
                    fraction=(Decimal(value["fraction"] or 0) / HUNDRED).normalize(),
                    feedback=value.get("feedback") or "",
                )
            )
        elif block.block_type == "pair":
            parsed.pairs.append(ParsedPair(prompt=value["prompt"], answer=value["answer"]))
    if qtype == QuestionType.TRUE_FALSE:
        parsed.correct = bool(question.correct)
        parsed.true_feedback = question.true_feedback
        parsed.false_feedback = question.false_feedback
    return parsed


def media_left_out(question: Question) -> list[str]:
    """What GIFT and Aiken cannot carry of this question: its images and clip, by description."""
    items = []
    if question.image_id:
        items.append(MESSAGE_IMAGE_LEFT_OUT % {"alt": question.image_alt})
    if question.media_id:
        items.append(MESSAGE_CLIP_LEFT_OUT % {"title": question.media.title})
    for block in question.answers:
        if block.block_type == "choice" and block.value.get("image"):
            items.append(
                MESSAGE_CHOICE_IMAGE_LEFT_OUT
                % {"choice": block.value["text"], "alt": block.value.get("image_alt") or ""}
            )
    if question.feedback_image_id:
        items.append(MESSAGE_FEEDBACK_IMAGE_LEFT_OUT % {"alt": question.feedback_image_alt})
    return [str(item) for item in items]


def export_notes(*, category_key: str, locale=None) -> list[str]:
    """One line per question whose media an exported file leaves out, naming what."""
    return [
        f"{question.name or question.text_excerpt()}: {'; '.join(items)}"
        for question in _questions_for_export(category_key=category_key, locale=locale)
        if (items := media_left_out(question))
    ]


def questions_export(*, category_key: str, format: str = "gift", locale=None) -> str:
    """The category's questions and its subcategories' (in one language, the default one unless
    given) as a file; each question carries its category's path (“$CATEGORY: a/b/c”). GIFT files
    start with comment lines naming the images and clips they cannot carry (``export_notes``;
    Aiken has no comments: the admin and the command say it instead)."""
    module = FORMATS.get(format)
    if module is None:
        raise ValueError(MESSAGE_UNKNOWN_FORMAT % {"format": format})
    questions = _questions_for_export(category_key=category_key, locale=locale)
    text = module.dump([parsed_from(question) for question in questions])
    notes = export_notes(category_key=category_key, locale=locale) if format == "gift" else []
    if notes:
        header = [f"// {MESSAGE_NOT_EXPORTED}"] + [f"//   {note}" for note in notes]
        text = "\n".join(line.replace("\n", " ") for line in header) + "\n\n" + text
    return text


def _questions_for_export(*, category_key: str, locale=None) -> list[Question]:
    locale = locale or Locale.get_default()
    top = QuestionCategory.objects.filter(key=category_key).first()
    ids = category_descendant_ids([top.pk]) if top is not None else set()
    questions = Question.objects.filter(category_id__in=ids, locale=locale).select_related(
        "category"
    )
    paths = {
        category.pk: category.path() for category in QuestionCategory.objects.filter(pk__in=ids)
    }
    return sorted(questions, key=lambda question: (paths[question.category_id], question.pk))
