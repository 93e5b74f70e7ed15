"""Reads that a version's page needs for its template (the reader's acknowledgement, due date
and short check). Imports no page class, so the page module can use it (docs/architecture.md)."""

import datetime

from django.utils import timezone
from wagtail.models import Locale

from quizzes.models import Attempt

from .models.acknowledgements import Acknowledgement, AcknowledgementRequirement


def version_is_in_effect(version, today: datetime.date | None = None) -> bool:
    """The version a reader can acknowledge: live, in effect, and no newer one in effect."""
    today = today or timezone.localdate()
    if not version.live or version.effective_on > today:
        return False
    return not (
        type(version)
        .objects.live()
        .sibling_of(version, inclusive=False)
        .filter(effective_on__lte=today, number__gt=version.number)
        .exists()
    )


def acknowledgement_get(*, user, version) -> Acknowledgement | None:
    """The reader's acknowledgement of this version, in any of its languages."""
    if not user.is_authenticated:
        return None
    return Acknowledgement.objects.filter(
        user=user,
        code_key=version.get_parent().translation_key,
        version_number=version.number,
    ).first()


def open_requirement_get(*, user, version) -> AcknowledgementRequirement | None:
    """The reader's open requirement that acknowledging this version meets."""
    if not user.is_authenticated:
        return None
    return (
        AcknowledgementRequirement.objects.filter(
            user=user,
            current=True,
            acknowledged_at__isnull=True,
            code__translation_key=version.get_parent().translation_key,
            version__number__lte=version.number,
        )
        .order_by("due_on")
        .first()
    )


def passed_check_get(*, user, version) -> Attempt | None:
    """The reader's latest passed attempt at the version's short check (in any language of the
    quiz), or None."""
    if version.check_quiz_id is None or not user.is_authenticated:
        return None
    return (
        Attempt.objects.filter(
            user=user, quiz__translation_key=version.check_quiz.translation_key, passed=True
        )
        .order_by("-finished_at")
        .first()
    )


def version_reading_get(*, user, version) -> dict:
    """Everything the version's page shows about the reader."""
    acknowledgement = acknowledgement_get(user=user, version=version)
    return {
        "acknowledgement": acknowledgement,
        "in_effect": version_is_in_effect(version),
        "requirement": None
        if acknowledgement
        else open_requirement_get(user=user, version=version),
        "check_passed": passed_check_get(user=user, version=version) is not None,
        "check_quiz": check_quiz_for_reader(version),
    }


def check_quiz_for_reader(version):
    """The short check in the reader's language when it is translated, else as chosen."""
    quiz = version.check_quiz
    if quiz is None:
        return None
    return quiz.get_translation_or_none(Locale.get_active()) or quiz
