"""Who must acknowledge which code, and who did: plain rows (learner state is never page
content), maintained by regulations.services.

* CodeAssignment: a code assigned to an organisation subtree, like a required course (it shares
  courses' SubtreeAssignment fields and its coverage rule).
* AcknowledgementRequirement: one learner's duty to acknowledge one material version by a due
  date. A new material version adds a new row; the rows of earlier versions that were met stay
  (``current`` false), as the record of what the learner acknowledged then.
* Acknowledgement: "I have read version N and will follow it": who, which version, when, after
  which quiz attempt. Never deleted by later versions.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from courses.models import SubtreeAssignment


class CodeAssignment(SubtreeAssignment):
    code = models.ForeignKey(
        "regulations.CodePage",
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("code of conduct"),
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        on_delete=models.CASCADE,
        related_name="code_assignments",
        verbose_name=_("organisation"),
        help_text=_("Everyone in this organisation and in the organisations below it."),
    )
    days_to_acknowledge = models.PositiveSmallIntegerField(
        _("days to acknowledge"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_(
            "Due this many days after a material version takes effect, or after a person joins."
        ),
    )

    class Meta:
        verbose_name = _("code assignment")
        verbose_name_plural = _("code assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["code", "organization"],
                name="regulations_assignment_once_per_code_and_organization",
                violation_error_message=_(
                    "This code is already assigned to this organisation; edit that assignment."
                ),
            ),
        ]
        permissions = [
            ("view_code_compliance", _("Can see who acknowledged the codes of conduct")),
        ]

    def __str__(self):
        return f"{self.code} → {self.organization}"


class AcknowledgementRequirement(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="acknowledgement_requirements",
        verbose_name=_("learner"),
    )
    code = models.ForeignKey(
        "regulations.CodePage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("code of conduct"),
    )
    version = models.ForeignKey(
        "regulations.CodeVersionPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("version"),
    )
    assignment = models.ForeignKey(
        CodeAssignment,
        on_delete=models.CASCADE,
        related_name="requirements",
        verbose_name=_("assignment"),
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    joined_on = models.DateField(_("joined on"))
    due_on = models.DateField(_("due date"))
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    # False once a newer material version replaced this one (kept as the record).
    current = models.BooleanField(_("current"), default=True)

    class Meta:
        verbose_name = _("acknowledgement requirement")
        verbose_name_plural = _("acknowledgement requirements")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "version"], name="regulations_requirement_once_per_version"
            ),
            models.UniqueConstraint(
                fields=["user", "code"],
                condition=models.Q(current=True),
                name="regulations_requirement_one_current_per_code",
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "code"]),
            models.Index(fields=["due_on"]),
        ]

    def __str__(self):
        return f"{self.user} — {self.version}"


class Acknowledgement(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="acknowledgements",
        verbose_name=_("learner"),
    )
    # The page read; the record outlives it (a deleted page leaves the code key and number).
    version = models.ForeignKey(
        "regulations.CodeVersionPage",
        on_delete=models.SET_NULL,
        null=True,
        related_name="acknowledgements",
        verbose_name=_("version"),
    )
    # The code's translation key and the version's number, so that reading the Russian or the
    # Uzbek page of version 3 is the same acknowledgement of version 3.
    code_key = models.UUIDField(pgettext_lazy("code of conduct", "code"), db_index=True)
    version_number = models.PositiveSmallIntegerField(_("version number"))
    acknowledged_at = models.DateTimeField(_("acknowledged at"), default=timezone.now)
    quiz_attempt = models.ForeignKey(
        "quizzes.Attempt",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("short check"),
    )

    class Meta:
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        ordering = ["-acknowledged_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "code_key", "version_number"],
                name="regulations_acknowledgement_once_per_version",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.version} ({self.acknowledged_at:%Y-%m-%d})"


class AcknowledgementReminder(models.Model):
    """A reminder that went out (through courses' reminder machinery); unique, so each goes out
    once even when the daily run runs twice."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    requirement = models.ForeignKey(
        AcknowledgementRequirement,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("requirement"),
    )
    about_date = models.DateField(_("about date"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("acknowledgement reminder")
        verbose_name_plural = _("acknowledgement reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "requirement", "about_date"],
                name="regulations_reminder_once_per_requirement_and_date",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.requirement} ({self.about_date})"
