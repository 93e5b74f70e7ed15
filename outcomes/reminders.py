"""The retention test's reminder: one e-mail to an account holder once the four weeks are over.

Registered with courses' daily run (``REMINDER_SOURCE_HOOK``, wagtail_hooks.py). Each reminder is
claimed first by a conditional update of ``reminder_sent_at`` (a second run finds it set); if
sending fails the claim is released for the next run.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from courses.reminders import reminder_email_send

from .models import Participation, Phase


def retention_reminders_send(today=None, *, now=None) -> tuple[str, dict]:
    now = now or timezone.now()
    due = (
        Participation.objects.filter(
            simulated=False,
            user__isnull=False,
            retention_due_at__lte=now,
            reminder_sent_at__isnull=True,
        )
        .exclude(sittings__phase=Phase.RETENTION)
        .select_related("user", "measured_course__course")
    )
    sent = failed = 0
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    for participation in due:
        claimed = Participation.objects.filter(
            pk=participation.pk, reminder_sent_at__isnull=True
        ).update(reminder_sent_at=now)
        if not claimed:
            continue

        def context_for(participation=participation):
            with translation.override(participation.user.preferred_language):
                path = reverse("outcomes:retention", args=[participation.token])
            course = participation.measured_course.course
            return {
                "user": participation.user,
                "course_title": getattr(course.localized, "title", course.title),
                "url": base + path,
            }

        if reminder_email_send(
            user=participation.user, template="outcomes/email/retention", context_for=context_for
        ):
            sent += 1
        else:
            Participation.objects.filter(pk=participation.pk).update(reminder_sent_at=None)
            failed += 1
    return "retention_tests", {"sent": sent, "failed": failed}
