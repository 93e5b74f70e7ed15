"""Completions done elsewhere (a classroom session, another system), recorded by a coordinator
or a trainer with the date, an evidence file and a note. Rows are never edited: a correction is
a new row that names the one it corrects, with the reason (the audit trail)."""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _private_storage():
    """Evidence is personal: never under MEDIA_ROOT, never public (STORAGES["private"])."""
    return storages["private"]


class ManualCompletion(models.Model):
    class Source(models.TextChoices):
        CLASSROOM = "classroom", _("Classroom session")
        OTHER_SYSTEM = "other_system", _("Another system")
        OTHER = "other", _("Other")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="manual_completions",
        verbose_name=_("learner"),
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("course")
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    source = models.CharField(
        _("where"), max_length=16, choices=Source.choices, default=Source.CLASSROOM
    )
    completed_on = models.DateField(_("completed on"))
    evidence = models.FileField(
        _("evidence"), upload_to="training-evidence/%Y/%m/", storage=_private_storage
    )
    note = models.TextField(_("note"), blank=True)
    corrects = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correction",
        verbose_name=_("corrects"),
    )
    correction_reason = models.TextField(_("reason for the correction"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("completion recorded by hand")
        verbose_name_plural = _("completions recorded by hand")
        ordering = ["-recorded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(corrects__isnull=True) | ~models.Q(correction_reason=""),
                name="courses_manual_correction_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.course} ({self.completed_on})"
