"""Previews: an author or methodologist tries a quiz (draft or live) as a learner would.

A preview is an ``Attempt`` with ``is_preview``: it is saved, checked, timed and graded like any
attempt so that its author sees what a learner would see, but ``Attempt.objects`` leaves it out,
so it never reaches results, grades, statistics, the marking page, completion or the attempt
limit, and ``quiz_passed`` is never sent for it. Each author has one preview per quiz: starting a
new one deletes the old. Previews older than a day are deleted whenever anybody starts a preview
and by ``manage.py submit_overdue_attempts``.
"""

import random
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quizzes.access import can_edit_quizzes
from quizzes.attempts import attempt_create, attempt_expire_if_due
from quizzes.models import Attempt

PREVIEW_LIFETIME = timedelta(days=1)
MESSAGE_PREVIEW_ONLY_EDITORS = _("Only people who may edit quizzes can preview them.")


def previews_delete_stale(*, now=None) -> int:
    """Delete the previews started more than a day ago; returns how many."""
    now = now or timezone.now()
    _total, by_model = Attempt.all_objects.filter(
        is_preview=True, started_at__lt=now - PREVIEW_LIFETIME
    ).delete()
    return by_model.get(Attempt._meta.label, 0)


def preview_get_open(*, quiz, user) -> Attempt | None:
    return (
        Attempt.all_objects.filter(
            is_preview=True, quiz=quiz, user=user, state=Attempt.State.IN_PROGRESS
        )
        .select_related("quiz")
        .first()
    )


def preview_start(*, quiz, user, fresh=False, now=None, rng=None) -> Attempt:
    """The author's preview of this quiz: the open one resumed, or (``fresh``, or none open) a
    new one, the author's earlier previews of the quiz deleted. Open dates, the attempt limit
    and publication do not apply; unpublished questions are drawn as saved."""
    if not can_edit_quizzes(user):
        raise PermissionDenied(MESSAGE_PREVIEW_ONLY_EDITORS)
    now = now or timezone.now()
    previews_delete_stale(now=now)
    existing = preview_get_open(quiz=quiz, user=user)
    if existing is not None and not fresh and not attempt_expire_if_due(attempt=existing, now=now):
        return existing
    with transaction.atomic():
        earlier = Attempt.all_objects.filter(is_preview=True, quiz_key=quiz.translation_key)
        earlier.filter(user=user).delete()
        try:
            return attempt_create(
                quiz=quiz,
                owner={"user": user, "session_key": ""},
                number=1,
                now=now,
                rng=rng or random.SystemRandom(),
                preview=True,
            )
        except IntegrityError:
            # A double click started it a moment ago.
            existing = preview_get_open(quiz=quiz, user=user)
            if existing is None:
                raise
            return existing
