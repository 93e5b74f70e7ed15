"""Quiz overrides: other settings for one learner or for an organisation's people (extra time,
extra attempts, other open and close dates), each with its reason (Moodle's user and group
overrides). Resolved in ``quizzes.overrides``."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

MESSAGE_ONE_WHO = _("Choose either a learner or an organisation.")
MESSAGE_SOMETHING = _("Change at least one setting: time limit, attempts, opening or closing.")
MESSAGE_CLOSE_AFTER_OPEN = _("The quiz must close after it opens.")


class QuizOverrideForm(WagtailAdminModelForm):
    """The learner is typed by username: a list of every learner would not fit on a page."""

    user = forms.ModelChoiceField(
        label=_("Learner (username)"),
        queryset=None,
        to_field_name="username",
        required=False,
        widget=forms.TextInput,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = get_user_model().objects.all()


class QuizOverride(models.Model):
    quiz = models.ForeignKey(
        "quizzes.Quiz",
        verbose_name=_("quiz"),
        on_delete=models.CASCADE,
        related_name="overrides",
        help_text=_("Applies to every language of the quiz."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="quiz_overrides",
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("or everyone in this organisation (and its units)"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"), null=True, blank=True
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"), null=True, blank=True, help_text=_("0 means unlimited.")
    )
    open_at = models.DateTimeField(_("opens"), null=True, blank=True)
    close_at = models.DateTimeField(_("closes"), null=True, blank=True)
    reason = models.CharField(
        _("reason"),
        max_length=500,
        help_text=_("Why, for the record (for example a documented need for extra time)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    base_form_class = QuizOverrideForm
    panels = [
        FieldPanel("quiz"),
        FieldRowPanel([FieldPanel("user"), FieldPanel("organization")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("time_limit_minutes"), FieldPanel("attempts_allowed")]),
                FieldRowPanel([FieldPanel("open_at"), FieldPanel("close_at")]),
            ],
            heading=_("Settings for them"),
        ),
        FieldPanel("reason"),
    ]

    class Meta:
        verbose_name = _("quiz override")
        verbose_name_plural = _("quiz overrides")
        ordering = ["quiz", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False, organization__isnull=True)
                | models.Q(user__isnull=True, organization__isnull=False),
                name="quizoverride_user_or_organization",
                violation_error_message=MESSAGE_ONE_WHO,
            ),
            models.CheckConstraint(
                condition=models.Q(time_limit_minutes__isnull=False)
                | models.Q(attempts_allowed__isnull=False)
                | models.Q(open_at__isnull=False)
                | models.Q(close_at__isnull=False),
                name="quizoverride_changes_something",
                violation_error_message=MESSAGE_SOMETHING,
            ),
            models.CheckConstraint(
                condition=models.Q(open_at__isnull=True)
                | models.Q(close_at__isnull=True)
                | models.Q(close_at__gt=models.F("open_at")),
                name="quizoverride_closes_after_opening",
                violation_error_message=MESSAGE_CLOSE_AFTER_OPEN,
            ),
            models.CheckConstraint(condition=~models.Q(reason=""), name="quizoverride_has_reason"),
        ]

    def __str__(self):
        return f"{self.quiz} · {self.user or self.organization}"

    def clean(self):
        super().clean()
        if bool(self.user_id) == bool(self.organization_id):
            raise ValidationError(MESSAGE_ONE_WHO)
        if all(
            value is None
            for value in (
                self.time_limit_minutes,
                self.attempts_allowed,
                self.open_at,
                self.close_at,
            )
        ):
            raise ValidationError(MESSAGE_SOMETHING)
        if self.open_at and self.close_at and self.close_at <= self.open_at:
            raise ValidationError({"close_at": MESSAGE_CLOSE_AFTER_OPEN})
