"""The frozen copy of a question that an attempt keeps: editing a question never changes past
grades. Fractions are stored as strings of shares of 1 ("1", "0.5", "-0.25")."""

from decimal import Decimal

from quizzes.formats.types import QuestionType

HUNDRED = Decimal(100)


def _share(percent) -> str:
    return str((Decimal(percent or 0) / HUNDRED).normalize())


def _number(value) -> str | None:
    return None if value is None else str(value)


RENDITION = "max-960x720"
VIDEO_EXTENSIONS = {"mp4", "webm", "ogv", "mov", "m4v"}


def image_snapshot(image, alt: str) -> dict | None:
    """An image as shown (a rendition's address and size) with its description."""
    if image is None:
        return None
    rendition = image.get_rendition(RENDITION)
    return {
        "url": rendition.url,
        "width": rendition.width,
        "height": rendition.height,
        "alt": alt,
        "title": image.title,
    }


def media_snapshot(document, description: str) -> dict | None:
    """An audio or video clip from the documents library, with its transcript or description."""
    if document is None:
        return None
    extension = document.file_extension.lower()
    return {
        "url": document.url,
        "kind": "video" if extension in VIDEO_EXTENSIONS else "audio",
        "description": description,
        "title": document.title,
    }


def question_snapshot(question) -> dict:
    """Everything grading and review need, independent of later edits to ``question``."""
    qtype = QuestionType(question.qtype)
    choices, numeric, pairs, hints = [], [], [], []
    for block in question.answers:
        value = block.value
        if block.block_type == "choice":
            choice = {
                "id": str(block.id),
                "text": value["text"],
                "fraction": _share(value["fraction"]),
                "feedback": value.get("feedback") or "",
            }
            if value.get("image"):
                choice["image"] = image_snapshot(value["image"], value.get("image_alt") or "")
            choices.append(choice)
        elif block.block_type == "numeric":
            numeric.append(
                {
                    "value": _number(value.get("value")),
                    "tolerance": _number(value.get("tolerance") or 0),
                    "minimum": _number(value.get("minimum")),
                    "maximum": _number(value.get("maximum")),
                    "fraction": _share(value["fraction"]),
                    "feedback": value.get("feedback") or "",
                }
            )
        elif block.block_type == "pair":
            pairs.append(
                {"id": str(block.id), "prompt": value["prompt"], "answer": value["answer"]}
            )
        elif block.block_type == "hint":
            hints.append(str(value))
    if qtype == QuestionType.TRUE_FALSE:
        choices = [
            {
                "id": "true",
                "text": "true",
                "fraction": "1" if question.correct else "0",
                "feedback": question.true_feedback,
            },
            {
                "id": "false",
                "text": "false",
                "fraction": "0" if question.correct else "1",
                "feedback": question.false_feedback,
            },
        ]
    return {
        "question_id": question.pk,
        "name": question.name,
        "qtype": qtype.value,
        "text": question.text,
        "claim_source": question.claim_source,
        "general_feedback": question.general_feedback,
        "rubric": question.rubric,
        "penalty": str(question.penalty),
        "choices": choices,
        "numeric": numeric,
        "pairs": pairs,
        "hints": hints,
        "image": image_snapshot(question.image, question.image_alt),
        "media": media_snapshot(question.media, question.media_description),
        "feedback_image": image_snapshot(question.feedback_image, question.feedback_image_alt),
    }
