"""E-mail reminders about required courses: to learners before the due date and once overdue,
to coordinators once a week. `manage.py send_reminders` and the send_reminders task both call
reminders_send().

Each reminder is claimed first by inserting its ReminderSent row (unique per kind, person,
required course and due date, or per coordinator and week) and committed before the e-mail
goes out: a second run, or a run on another machine at the same moment, finds the row and skips
it. If sending fails, the claim is removed so that the next run tries again.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, Max, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail import hooks

from accounts.models import Employment, User
from core.dates import week_start

from .assignments.selectors import status_q
from .assignments.services import required_courses_refresh_recent
from .compliance import ComplianceFilters, compliance_totals
from .models import ReminderSent, RequiredCourse, RequiredCourseStatus, TrainingAssignment
from .team import team_attention_rows

logger = logging.getLogger(__name__)


def days_before() -> int:
    return getattr(settings, "MULOQOT_REMINDER_DAYS_BEFORE", 7)


@dataclass
class ReminderCounts:
    due_soon: int = 0
    overdue: int = 0
    digests: int = 0
    manager_digests: int = 0
    renewal: int = 0
    lapsed: int = 0
    failed: int = 0
    refreshed: dict = field(default_factory=dict)
    # What the REMINDER_SOURCE_HOOK functions reported, by the name they gave.
    others: dict = field(default_factory=dict)


# Apps above courses with dated requirements of their own (regulations: codes to acknowledge)
# register ``fn(today) -> (name, counts dict)`` with ``@hooks.register(REMINDER_SOURCE_HOOK)``;
# the daily run (reminders_send) calls each after the courses' own reminders. The function
# claims each reminder once as these do and sends with reminder_email_send.
REMINDER_SOURCE_HOOK = "register_reminder_source"


def _claim(*, kind: str, user_id: int, about_date, required_course_id=None) -> ReminderSent | None:
    try:
        with transaction.atomic():
            return ReminderSent.objects.create(
                kind=kind,
                user_id=user_id,
                required_course_id=required_course_id,
                about_date=about_date,
            )
    except IntegrityError:
        return None  # sent already, or being sent by another run right now


def reminder_email_send(*, user: User, template: str, context_for) -> bool:
    """Render `<template>_subject.txt` and `<template>_message.txt` in the recipient's language
    (links too: /ru/... for Russian) and send; False (logged) when sending failed. Apps that
    register a REMINDER_SOURCE_HOOK send their reminders through it."""
    if not user.email:
        return True  # nobody to write to; the caller's claim records that we tried
    try:
        with translation.override(user.preferred_language):
            context = context_for()
            subject = render_to_string(f"{template}_subject.txt", context).strip()
            body = render_to_string(f"{template}_message.txt", context)
        send_mail(subject, body, None, [user.email])
    except Exception:
        logger.exception("Reminder %s to user %s failed", template, user.pk)
        return False
    return True


def _send(claim: ReminderSent, user: User, template: str, context_for) -> bool:
    if reminder_email_send(
        user=user, template=f"courses/email/{template}", context_for=context_for
    ):
        return True
    claim.delete()
    return False


def _base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def _not_reminded(kind: str):
    return ~Exists(
        ReminderSent.objects.filter(
            kind=kind, required_course=OuterRef("pk"), about_date=OuterRef("due_on")
        )
    )


def _learner_reminders(kind: str, rows, today, counts: ReminderCounts) -> None:
    for row in rows.select_related("user", "course").order_by("pk").iterator(chunk_size=500):
        claim = _claim(
            kind=kind, user_id=row.user_id, about_date=row.due_on, required_course_id=row.pk
        )
        if claim is None:
            continue

        def context_for(row=row):
            _site_id, _root, course_path = row.course.get_url_parts() or (None, "", "")
            return {
                "user": row.user,
                "course_title": row.course.title,
                "course_url": _base_url() + course_path,
                "due_on": row.due_on,
                "days_left": (row.due_on - today).days,
                "dashboard_url": _base_url() + reverse("dashboard"),
            }

        if _send(claim, row.user, f"reminder_{kind}", context_for):
            setattr(counts, kind, getattr(counts, kind) + 1)
        else:
            counts.failed += 1


def _digests(today, counts: ReminderCounts) -> None:
    monday = week_start(today)
    coordinators = (
        User.objects.filter(
            is_active=True,
            employments__in=Employment.objects.current().filter(is_coordinator=True),
        )
        .exclude(
            Exists(
                ReminderSent.objects.filter(
                    kind=ReminderSent.Kind.DIGEST,
                    user=OuterRef("pk"),
                    about_date=monday,
                    required_course__isnull=True,
                )
            )
        )
        .distinct()
        .order_by("pk")
    )
    report_url = _base_url() + reverse("courses_compliance")
    for user in coordinators:
        totals = compliance_totals(user=user, filters=ComplianceFilters(), today=today)
        if not totals.assigned:
            continue  # nothing assigned in their subtree: no digest
        claim = _claim(kind=ReminderSent.Kind.DIGEST, user_id=user.pk, about_date=monday)
        if claim is None:
            continue
        context = {"user": user, "totals": totals, "week": monday, "report_url": report_url}
        if _send(claim, user, "digest", lambda context=context: context):
            counts.digests += 1
        else:
            counts.failed += 1


# Renewal of completions that expire: (kind, days before expiry from which it applies); the
# window's opening comes from the assignment. Only the latest stage reached is sent, so a
# learner assigned three days before expiry gets the three-day notice, not all of them.
RENEWAL_STAGES = ((ReminderSent.Kind.RENEWAL_3, 3), (ReminderSent.Kind.RENEWAL_14, 14))
# A lapse is announced on the day and for a week after (a missed run catches up).
LAPSE_NOTICE_DAYS = 7


def renewal_stage(row: RequiredCourse, today: datetime.date) -> str | None:
    """Which renewal notice applies to a completed row today, if any."""
    days_left = (row.expires_on - today).days
    if days_left <= 0:
        return ReminderSent.Kind.LAPSED if days_left > -LAPSE_NOTICE_DAYS else None
    for kind, days in RENEWAL_STAGES:
        if days_left <= days:
            return kind
    if days_left <= row.assignment.renewal_window_days:
        return ReminderSent.Kind.RENEWAL_OPEN
    return None


def _renewal_notices(active, today, counts: ReminderCounts) -> None:
    """Notices about completions that expire: the renewal window opens, 14 and 3 days left,
    and the day it lapsed. Each once per completion (about its expiry date)."""
    widest = TrainingAssignment.objects.aggregate(days=Max("renewal_window_days"))["days"] or 0
    rows = (
        active.filter(
            completed_at__isnull=False,
            expires_on__isnull=False,
            expires_on__gt=today - datetime.timedelta(days=LAPSE_NOTICE_DAYS),
            expires_on__lte=today + datetime.timedelta(days=widest),
        )
        .select_related("user", "course", "assignment")
        .order_by("pk")
    )
    for chunk in _batches(rows.iterator(chunk_size=500), 500):
        _renewal_chunk(chunk, today, counts)


def _batches(iterable, size):
    batch = []
    for item in iterable:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _renewal_chunk(rows, today, counts: ReminderCounts) -> None:
    due = [(row, renewal_stage(row, today)) for row in rows]
    due = [(row, kind) for row, kind in due if kind is not None]
    if not due:
        return
    sent = set(
        ReminderSent.objects.filter(
            required_course_id__in=[row.pk for row, _kind in due]
        ).values_list("required_course_id", "kind", "about_date")
    )
    for row, kind in due:
        if (row.pk, kind, row.expires_on) in sent:
            continue
        claim = _claim(
            kind=kind, user_id=row.user_id, about_date=row.expires_on, required_course_id=row.pk
        )
        if claim is None:
            continue

        def context_for(row=row, kind=kind):
            _site_id, _root, course_path = row.course.get_url_parts() or (None, "", "")
            return {
                "user": row.user,
                "kind": kind,
                "course_title": row.course.title,
                "course_url": _base_url() + course_path,
                "expires_on": row.expires_on,
                "days_left": (row.expires_on - today).days,
                "dashboard_url": _base_url() + reverse("dashboard"),
            }

        template = "lapsed" if kind == ReminderSent.Kind.LAPSED else "renewal"
        if _send(claim, row.user, template, context_for):
            if kind == ReminderSent.Kind.LAPSED:
                counts.lapsed += 1
            else:
                counts.renewal += 1
        else:
            counts.failed += 1


def _manager_digests(today, counts: ReminderCounts) -> None:
    """Once a week, every line manager whose people have training overdue or due within two
    weeks gets one e-mail listing it (each claimed once per manager and week)."""
    monday = week_start(today)
    managers = (
        User.objects.filter(is_active=True, managed_employments__in=Employment.objects.current())
        .exclude(
            Exists(
                ReminderSent.objects.filter(
                    kind=ReminderSent.Kind.MANAGER_DIGEST,
                    user=OuterRef("pk"),
                    about_date=monday,
                    required_course__isnull=True,
                )
            )
        )
        .distinct()
        .order_by("pk")
    )
    for manager in managers:
        rows = list(team_attention_rows(manager=manager, today=today))
        if not rows:
            continue
        claim = _claim(kind=ReminderSent.Kind.MANAGER_DIGEST, user_id=manager.pk, about_date=monday)
        if claim is None:
            continue

        def context_for(manager=manager, rows=rows):
            return {
                "user": manager,
                "rows": rows,
                "team_url": _base_url() + reverse("courses:team"),
            }

        if _send(claim, manager, "manager_digest", context_for):
            counts.manager_digests += 1
        else:
            counts.failed += 1


def reminders_send(*, today: datetime.date | None = None) -> ReminderCounts:
    """Bring required courses up to date, then send what is due today (each reminder once)."""
    today = today or timezone.localdate()
    counts = ReminderCounts()
    counts.refreshed = required_courses_refresh_recent(today=today)
    active = RequiredCourse.objects.filter(user__is_active=True)
    due_soon = active.filter(
        status_q(RequiredCourseStatus.NOT_STARTED, today)
        | status_q(RequiredCourseStatus.IN_PROGRESS, today),
        due_on__lte=today + datetime.timedelta(days=days_before()),
    ).filter(_not_reminded(ReminderSent.Kind.DUE_SOON))
    # A completion that lapses today gets the lapse notice instead (_renewal_notices).
    due_soon = due_soon.exclude(completed_at__isnull=False, due_on=F("expires_on"))
    _learner_reminders(ReminderSent.Kind.DUE_SOON, due_soon, today, counts)
    overdue = active.filter(status_q(RequiredCourseStatus.OVERDUE, today)).filter(
        _not_reminded(ReminderSent.Kind.OVERDUE)
    )
    _learner_reminders(ReminderSent.Kind.OVERDUE, overdue, today, counts)
    _renewal_notices(active, today, counts)
    _digests(today, counts)
    _manager_digests(today, counts)
    for source in hooks.get_hooks(REMINDER_SOURCE_HOOK):
        name, reported = source(today)
        counts.others[name] = reported
        counts.failed += reported.get("failed", 0)
    return counts
