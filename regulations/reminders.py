"""Reminders to acknowledge a code, sent by courses' daily run (REMINDER_SOURCE_HOOK): before
the due date and once overdue, each claimed once through a unique AcknowledgementReminder row
committed before the e-mail goes out (a failed e-mail removes the claim so the next run tries
again). The run first brings requirements up to date, so that a material version that took
effect today asks everyone again."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse

from courses.reminders import days_before, reminder_email_send

from .models import AcknowledgementReminder, AcknowledgementRequirement
from .selectors import OVERDUE, PENDING, status_q
from .services import acknowledgement_requirements_refresh


def _claim(kind, requirement) -> AcknowledgementReminder | None:
    try:
        with transaction.atomic():
            return AcknowledgementReminder.objects.create(
                kind=kind, requirement=requirement, about_date=requirement.due_on
            )
    except IntegrityError:
        return None


def _not_reminded(kind):
    return ~Exists(
        AcknowledgementReminder.objects.filter(
            kind=kind, requirement=OuterRef("pk"), about_date=OuterRef("due_on")
        )
    )


def _send(kind, rows, today, counts) -> None:
    base = reminder_base_url()
    for row in rows.select_related("user", "code", "version").order_by("pk").iterator(500):
        claim = _claim(kind, row)
        if claim is None:
            continue

        def context_for(row=row):
            return {
                "user": row.user,
                "code_title": row.code.title,
                "version_number": row.version.number,
                "version_url": base + (row.version.get_url_parts() or (None, "", ""))[2],
                "due_on": row.due_on,
                "days_left": (row.due_on - today).days,
                "dashboard_url": base + reverse("dashboard"),
            }

        if reminder_email_send(
            user=row.user, template=f"regulations/email/reminder_{kind}", context_for=context_for
        ):
            counts[kind] += 1
        else:
            claim.delete()
            counts["failed"] += 1


def reminder_base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def acknowledgement_reminders_send(*, today: datetime.date) -> dict:
    counts = {"due_soon": 0, "overdue": 0, "failed": 0}
    counts["refreshed"] = sum(acknowledgement_requirements_refresh(today=today).values())
    active = AcknowledgementRequirement.objects.filter(current=True, user__is_active=True)
    due_soon = active.filter(
        status_q(PENDING, today), due_on__lte=today + datetime.timedelta(days=days_before())
    ).filter(_not_reminded(AcknowledgementReminder.Kind.DUE_SOON))
    _send(AcknowledgementReminder.Kind.DUE_SOON, due_soon, today, counts)
    overdue = active.filter(status_q(OVERDUE, today)).filter(
        _not_reminded(AcknowledgementReminder.Kind.OVERDUE)
    )
    _send(AcknowledgementReminder.Kind.OVERDUE, overdue, today, counts)
    return counts
