"""Scenarios (authored content, snippets) and learner state: attempts, the choices made and the
reviews of free-text replies."""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import TranslatableMixin

from .blocks import SituationStreamBlock
from .graph import graph_problems
from .snapshots import situations_snapshot

MESSAGE_LIVE_WITH_PROBLEMS = _("Fix the graph before publishing the scenario: %(problems)s")
PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class Scenario(TranslatableMixin, models.Model):
    title = models.CharField(_("title"), max_length=200)
    key = models.SlugField(
        _("key"),
        max_length=100,
        blank=True,
        help_text=_(
            "Stable identifier used by demo files and exports; the same in every language."
        ),
    )
    summary = models.TextField(_("summary"), blank=True)
    channel_name = models.CharField(
        _("official account"),
        max_length=120,
        help_text=_("The body's channel or page the learner acts as."),
    )
    clock_start = models.TimeField(_("clock at the start"), default=datetime.time(9, 0))
    spread_start = models.PositiveSmallIntegerField(
        _("spread at the start (%)"), default=10, validators=PERCENT
    )
    trust_start = models.PositiveSmallIntegerField(
        _("trust at the start (%)"), default=60, validators=PERCENT
    )
    situations = StreamField(SituationStreamBlock(), verbose_name=_("situations"), blank=True)
    live = models.BooleanField(
        _("published"),
        default=False,
        help_text=_(
            "Learners see published scenarios only; a published graph must have no problems."
        ),
    )
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)

    panels = [
        FieldPanel("title"),
        FieldPanel("key"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("channel_name"),
                FieldRowPanel(
                    [
                        FieldPanel("clock_start"),
                        FieldPanel("spread_start"),
                        FieldPanel("trust_start"),
                    ]
                ),
            ],
            heading=_("Feed"),
        ),
        FieldPanel("situations"),
        FieldPanel("live"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(spread_start__lte=100, trust_start__lte=100),
                name="scenario_indicators_in_range",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Every save is a new version; attempts keep the version (and a copy) they started on.
        self.version = (self.version or 0) + 1
        super().save(*args, **kwargs)

    def graph_nodes(self) -> list[dict]:
        return situations_snapshot(self.situations, with_links=False)

    def graph_problems(self):
        return graph_problems(self.graph_nodes())

    def clean(self):
        super().clean()
        if self.live:
            problems = self.graph_problems()
            if problems:
                raise ValidationError(
                    MESSAGE_LIVE_WITH_PROBLEMS
                    % {"problems": " ".join(problem.message for problem in problems)},
                    code="graph",
                )


class ScenarioAttempt(models.Model):
    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        FINISHED = "finished", _("Finished")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    scenario = models.ForeignKey(
        Scenario, verbose_name=_("scenario"), on_delete=models.CASCADE, related_name="attempts"
    )
    # The scenario's translation_key: one open attempt and the statistics span its languages.
    scenario_key = models.UUIDField(editable=False, db_index=True)
    version = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(help_text="The scenario as played (server side only).")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="scenario_attempts",
    )
    lesson_id = models.PositiveIntegerField(null=True, blank=True)
    preview = models.BooleanField(default=False)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.IN_PROGRESS
    )
    current_key = models.CharField(max_length=60)
    minutes = models.PositiveIntegerField(default=0)
    spread = models.PositiveSmallIntegerField(default=0)
    trust = models.PositiveSmallIntegerField(default=0)
    scores = models.JSONField(default=dict, blank=True)
    percent = models.PositiveSmallIntegerField(_("score (%)"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("scenario attempt")
        verbose_name_plural = _("scenario attempts")
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["scenario_key", "user", "preview"],
                condition=models.Q(state="in_progress"),
                name="scenarioattempt_one_open",
            ),
            models.CheckConstraint(
                condition=models.Q(state="in_progress") | models.Q(finished_at__isnull=False),
                name="scenarioattempt_finished_has_time",
            ),
            models.CheckConstraint(
                condition=models.Q(spread__lte=100, trust__lte=100)
                & (models.Q(percent__isnull=True) | models.Q(percent__lte=100)),
                name="scenarioattempt_percentages",
            ),
        ]

    def __str__(self):
        return f"{self.snapshot.get('title', '')} · {self.user}"

    @property
    def is_finished(self) -> bool:
        return self.state == self.State.FINISHED


class AttemptStep(models.Model):
    """One choice made: at most one per situation of an attempt, so a repeated POST of the same
    choice cannot record it twice."""

    attempt = models.ForeignKey(ScenarioAttempt, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField()
    node_key = models.CharField(max_length=60)
    choice_index = models.PositiveSmallIntegerField()
    action = models.CharField(max_length=20)
    reply_text = models.TextField(_("reply"), blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "position"], name="attemptstep_position"),
            models.UniqueConstraint(
                fields=["attempt", "node_key"], name="attemptstep_once_per_node"
            ),
        ]

    def __str__(self):
        return f"{self.attempt} · {self.node_key}"


class ReplyReview(models.Model):
    """A trainer's or a peer's marks for a free-text reply, on the rubric's three criteria."""

    step = models.ForeignKey(AttemptStep, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    by_trainer = models.BooleanField(default=False)
    tone = models.PositiveSmallIntegerField(_("tone"), validators=[MaxValueValidator(3)])
    accuracy = models.PositiveSmallIntegerField(_("accuracy"), validators=[MaxValueValidator(3)])
    legality = models.PositiveSmallIntegerField(_("legality"), validators=[MaxValueValidator(3)])
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["step", "reviewer"], name="replyreview_once"),
            models.CheckConstraint(
                condition=models.Q(tone__lte=3, accuracy__lte=3, legality__lte=3),
                name="replyreview_rubric_range",
            ),
        ]

    def __str__(self):
        return f"{self.step} · {self.reviewer}"
