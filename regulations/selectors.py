"""Reads of acknowledgement: the status computed in the query (never stored, so that a due date
that passed last night makes a row overdue this morning), the learner's lists, and the passed
short check."""

import datetime

from django.db.models import Case, CharField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from .models import Acknowledgement, AcknowledgementRequirement, CodePage

ACKNOWLEDGED, OVERDUE, PENDING = "acknowledged", "overdue", "pending"
STATUS_LABELS = {
    ACKNOWLEDGED: _("Acknowledged"),
    OVERDUE: _("Overdue"),
    PENDING: _("To acknowledge"),
}


def status_q(status: str, today: datetime.date) -> Q:
    if status == ACKNOWLEDGED:
        return Q(acknowledged_at__isnull=False)
    if status == OVERDUE:
        return Q(acknowledged_at__isnull=True, due_on__lt=today)
    if status == PENDING:
        return Q(acknowledged_at__isnull=True, due_on__gte=today)
    raise ValueError(status)


def status_expression(today: datetime.date) -> Case:
    return Case(
        When(status_q(ACKNOWLEDGED, today), then=Value(ACKNOWLEDGED)),
        When(status_q(OVERDUE, today), then=Value(OVERDUE)),
        default=Value(PENDING),
        output_field=CharField(),
    )


def requirement_list_for_user(*, user, today: datetime.date | None = None, open_only=False):
    """The learner's current requirements, overdue first, then by due date: one query."""
    today = today or timezone.localdate()
    rows = AcknowledgementRequirement.objects.filter(user=user, current=True)
    if open_only:
        rows = rows.filter(acknowledged_at__isnull=True)
    rows = list(
        rows.select_related("code", "version")
        .annotate(status=status_expression(today))
        .order_by("acknowledged_at", "due_on", "code__title")
    )
    for row in rows:
        row.status_label = STATUS_LABELS[row.status]
    return rows


def acknowledgement_list_for_user(*, user) -> list[Acknowledgement]:
    """Everything the learner acknowledged, newest first (earlier versions included), each with
    `code_title` in the reader's language where the code has one: two queries, whatever the
    number of acknowledgements."""
    acknowledgements = list(Acknowledgement.objects.filter(user=user).select_related("version"))
    keys = {acknowledgement.code_key for acknowledgement in acknowledgements}
    titles: dict = {}
    if keys:
        active = Locale.get_active()
        for key, locale_id, title in CodePage.objects.filter(translation_key__in=keys).values_list(
            "translation_key", "locale_id", "title"
        ):
            if key not in titles or locale_id == active.pk:
                titles[key] = title
    for acknowledgement in acknowledgements:
        acknowledgement.code_title = titles.get(acknowledgement.code_key, "")
    return acknowledgements
