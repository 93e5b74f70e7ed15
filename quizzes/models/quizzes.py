"""Quizzes: settings, review options and slots (fixed questions or random draws)."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin, TranslatableMixin
from wagtail.search import index


class Behaviour(models.TextChoices):
    DEFERRED = "deferred", _("Deferred feedback (feedback after submitting)")
    IMMEDIATE = "immediate", _("Immediate feedback (check each question once)")
    INTERACTIVE = "interactive", _("Interactive with several tries and hints")


class GradingMethod(models.TextChoices):
    HIGHEST = "highest", _("Highest grade")
    LAST = "last", _("Last attempt")
    FIRST = "first", _("First attempt")
    AVERAGE = "average", _("Average grade")


# Review options (Moodle's matrix): what the learner may see, and when.
class ReviewItem(models.TextChoices):
    ATTEMPT = "attempt", _("The attempt (own answers)")
    CORRECTNESS = "correctness", _("Whether correct")
    POINTS = "points", _("Points")
    FEEDBACK = "feedback", _("Feedback and explanation")
    RIGHT_ANSWER = "right_answer", _("Right answer")


class ReviewTime(models.TextChoices):
    DURING = "during", _("During the attempt (immediate and interactive)")
    IMMEDIATELY = "immediately", _("Right after the attempt (2 minutes)")
    OPEN = "open", _("Later, while the quiz is open")
    CLOSED = "closed", _("After the quiz closes")


REVIEW_CHOICES = [
    (f"{time}:{item}", f"{time_label} — {item_label}")
    for time, time_label in ReviewTime.choices
    for item, item_label in ReviewItem.choices
]
REVIEW_DEFAULT = [key for key, _label in REVIEW_CHOICES]


def review_default():
    return list(REVIEW_DEFAULT)


class QuizForm(WagtailAdminModelForm):
    review_options = forms.MultipleChoiceField(
        label=_("Review options"),
        choices=REVIEW_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What the learner may see of a finished or checked question, and when."),
    )


class Quiz(TranslatableMixin, DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel):
    title = models.CharField(_("title"), max_length=200)
    key = models.SlugField(
        _("key"),
        max_length=100,
        blank=True,
        help_text=_(
            "Stable identifier used by demo files and exports; the same in every language."
        ),
    )
    description = models.TextField(_("description"), blank=True)
    pass_mark = models.DecimalField(
        _("pass mark (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(70),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    pass_text = models.TextField(_("message when passed"), blank=True)
    fail_text = models.TextField(_("message when failed"), blank=True)
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"),
        default=0,
        help_text=_("0 means unlimited; 1 means a single attempt."),
    )
    grading = models.CharField(
        _("grading across attempts"),
        max_length=10,
        choices=GradingMethod.choices,
        default=GradingMethod.HIGHEST,
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"), null=True, blank=True
    )
    open_at = models.DateTimeField(_("opens"), null=True, blank=True)
    close_at = models.DateTimeField(_("closes"), null=True, blank=True)
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_choices = models.BooleanField(_("shuffle choices"), default=True)
    questions_per_page = models.PositiveSmallIntegerField(
        _("questions per page"), default=5, help_text=_("0 puts every question on one page.")
    )
    max_questions = models.PositiveSmallIntegerField(
        _("maximum questions per attempt"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use every question the slots give."),
    )
    behaviour = models.CharField(
        _("question behaviour"),
        max_length=12,
        choices=Behaviour.choices,
        default=Behaviour.DEFERRED,
    )
    review_options = models.JSONField(_("review options"), default=review_default, blank=True)
    allow_anonymous = models.BooleanField(
        _("visitors without an account may take it"),
        default=False,
        help_text=_("Their attempt lasts as long as their browser session; nothing is kept."),
    )

    base_form_class = QuizForm
    panels = [
        FieldPanel("title"),
        FieldPanel("key"),
        FieldPanel("description"),
        InlinePanel("slots", heading=_("Questions"), label=_("Slot"), min_num=1),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("attempts_allowed")]),
                FieldPanel("grading"),
                FieldRowPanel([FieldPanel("open_at"), FieldPanel("close_at")]),
                FieldPanel("time_limit_minutes"),
                FieldPanel("allow_anonymous"),
            ],
            heading=_("Grading and timing"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("behaviour"),
                FieldRowPanel([FieldPanel("shuffle_questions"), FieldPanel("shuffle_choices")]),
                FieldRowPanel([FieldPanel("questions_per_page"), FieldPanel("max_questions")]),
                FieldPanel("review_options"),
            ],
            heading=_("Layout and behaviour"),
        ),
        MultiFieldPanel([FieldPanel("pass_text"), FieldPanel("fail_text")], heading=_("Messages")),
    ]
    search_fields = [index.SearchField("title"), index.FilterField("locale")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        permissions = [
            ("view_all_results", _("Can view other users' quiz results")),
            ("mark_attempts", _("Can mark essay answers")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pass_mark__gte=0, pass_mark__lte=100),
                name="quiz_pass_mark_percent",
            ),
            models.UniqueConstraint(
                fields=["key", "locale"],
                condition=~models.Q(key=""),
                name="quiz_key_unique_per_locale",
                violation_error_message=_("Another quiz in this language has this key."),
            ),
            models.CheckConstraint(
                condition=models.Q(open_at__isnull=True)
                | models.Q(close_at__isnull=True)
                | models.Q(close_at__gt=models.F("open_at")),
                name="quiz_closes_after_opening",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.open_at and self.close_at and self.close_at <= self.open_at:
            raise ValidationError({"close_at": _("The quiz must close after it opens.")})

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        if self.open_at and now < self.open_at:
            return False
        return not (self.close_at and now >= self.close_at)

    def is_closed(self, now=None) -> bool:
        now = now or timezone.now()
        return bool(self.close_at and now >= self.close_at)

    def review_allows(self, time: str, item: str) -> bool:
        return f"{time}:{item}" in (self.review_options or [])


class QuizSlot(Orderable):
    quiz = ParentalKey(Quiz, related_name="slots", on_delete=models.CASCADE)
    question = models.ForeignKey(
        "quizzes.Question",
        verbose_name=_("question"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    category = models.ForeignKey(
        "quizzes.QuestionCategory",
        verbose_name=_("or random questions from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    tag = models.CharField(
        _("or random questions tagged"),
        max_length=100,
        blank=True,
        help_text=_("With a category: its questions with this tag; alone: any with this tag."),
    )
    include_subcategories = models.BooleanField(_("also from its subcategories"), default=False)
    random_count = models.PositiveSmallIntegerField(_("how many random questions"), default=1)
    points = models.DecimalField(
        _("points per question"),
        max_digits=6,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal("0.01"))],
    )

    panels = [
        FieldPanel("question"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("random_count")]),
        FieldRowPanel([FieldPanel("tag"), FieldPanel("include_subcategories")]),
        FieldPanel("points"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(question__isnull=False)
                    & models.Q(category__isnull=True)
                    & models.Q(tag="")
                )
                | (
                    models.Q(question__isnull=True)
                    & (models.Q(category__isnull=False) | ~models.Q(tag=""))
                ),
                name="quizslot_question_or_random",
            ),
            models.CheckConstraint(condition=models.Q(points__gt=0), name="quizslot_points"),
        ]

    def clean(self):
        super().clean()
        if bool(self.question_id) == bool(self.category_id or self.tag.strip()):
            raise ValidationError(
                _("Choose either a question or a category or tag to draw random questions from.")
            )
