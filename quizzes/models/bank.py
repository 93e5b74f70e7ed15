"""The question bank: categories and questions (translated per locale, with drafts)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.fields import StreamField
from wagtail.images import get_image_model_string
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import DraftStateMixin, RevisionMixin, TranslatableMixin
from wagtail.search import index

from quizzes.formats.types import VERDICT_CODES, QuestionType

QUESTION_TYPE_LABELS = {
    QuestionType.SINGLE_CHOICE: _("Single choice"),
    QuestionType.MULTIPLE_CHOICE: _("Multiple choice (partial credit)"),
    QuestionType.TRUE_FALSE: _("True / false"),
    QuestionType.SHORT_ANSWER: _("Short answer"),
    QuestionType.NUMERIC: _("Numeric"),
    QuestionType.MATCHING: _("Matching"),
    QuestionType.ESSAY: _("Essay (marked by hand)"),
    QuestionType.CLAIM_VERDICT: _("Claim verdict"),
}
QUESTION_TYPE_CHOICES = [(qtype.value, label) for qtype, label in QUESTION_TYPE_LABELS.items()]

# Types whose answers are choices the learner picks from (ids reach the browser, never fractions).
CHOICE_TYPES = {
    QuestionType.SINGLE_CHOICE,
    QuestionType.MULTIPLE_CHOICE,
    QuestionType.CLAIM_VERDICT,
}

MESSAGE_NEEDS_ONE_RIGHT = _("A single-choice question needs exactly one answer worth 100%.")
MESSAGE_NEEDS_CHOICES = _("Add at least two choices.")
MESSAGE_NEEDS_POSITIVE = _("At least one choice must earn credit.")
MESSAGE_NEEDS_ACCEPTED = _("Add at least one accepted answer worth 100%.")
MESSAGE_NEEDS_NUMERIC = _("Add a numeric answer (a value with a tolerance, or a range) worth 100%.")
MESSAGE_NEEDS_PAIRS = _("Add at least two pairs.")
MESSAGE_NEEDS_TRUTH = _("Say whether the statement is true or false.")
MESSAGE_NEEDS_ALT = _("Describe the image (alt text): learners who cannot see it need it.")
MESSAGE_NEEDS_MEDIA_DESCRIPTION = _(
    "Give the clip a transcript or description: learners who cannot hear or see it need it."
)
MESSAGE_CATEGORY_CYCLE = _("A category cannot sit inside itself or one of its subcategories.")
MESSAGE_VERDICT_CHOICES = _(
    "A claim-verdict question has exactly the five verdicts as choices, one of them worth 100%."
)


class QuestionCategory(models.Model):
    """A bank of questions on one topic, possibly inside another (GIFT “$CATEGORY: a/b/c”);
    random quiz slots draw from it, and from its subcategories when the slot says so."""

    key = models.SlugField(
        _("key"),
        max_length=100,
        unique=True,
        help_text=_("Lower-case letters, digits and hyphens; the same in every language."),
    )
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("inside the category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("key"),
        FieldPanel("parent"),
        FieldPanel("description"),
    ]

    class Meta:
        verbose_name = _("question category")
        verbose_name_plural = _("question categories")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="questioncategory_not_own_parent"
            ),
        ]

    def __str__(self):
        return self.path() if self.parent_id else self.name

    def ancestors(self) -> list["QuestionCategory"]:
        """From the top category down to this one's parent."""
        chain, seen, node = [], {self.pk}, self.parent
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.parent
        return chain[::-1]

    def path(self) -> str:
        """“top/sub/this”: the names from the top category down (GIFT's $CATEGORY path)."""
        return "/".join(category.name for category in [*self.ancestors(), self])

    def clean(self):
        super().clean()
        if (
            self.parent_id
            and self.pk
            and (
                self.parent_id == self.pk
                or self.pk in {category.pk for category in self.parent.ancestors()}
            )
        ):
            raise ValidationError({"parent": MESSAGE_CATEGORY_CYCLE})

    @property
    def label(self) -> str:
        return category_label(key=self.key, name=self.name)


def question_excerpt(text: str, length: int = 120) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


# The context under which catalogues name question categories by key: a learner reads
# "Faktlarni tekshirish" (or "Проверка фактов"), never the key "fact-checking".
CATEGORY_CONTEXT = "question category"


def category_label(*, key: str, name: str) -> str:
    """The category's name in the reader's language: the catalogue's entry for its key (context
    ``CATEGORY_CONTEXT``), else the name the trainer gave it."""
    translated = pgettext(CATEGORY_CONTEXT, key) if key else key
    return translated if translated != key else name


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=1000)
    fraction = blocks.DecimalBlock(
        label=_("Share of the points (%)"),
        min_value=-100,
        max_value=100,
        default=0,
        help_text=_("100 for right, 0 for wrong, 50 for half credit, negative for a penalty."),
    )
    feedback = blocks.CharBlock(label=_("Feedback"), required=False, max_length=1000)
    image = ImageChooserBlock(label=_("Image"), required=False)
    image_alt = blocks.CharBlock(
        label=_("Image description (alt text)"),
        required=False,
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it. Required with an image."),
    )

    class Meta:
        icon = "list-ul"
        label = _("Choice or accepted answer")

    def clean(self, value):
        value = super().clean(value)
        if value.get("image") and not (value.get("image_alt") or "").strip():
            raise blocks.StructBlockValidationError(
                block_errors={"image_alt": ValidationError(MESSAGE_NEEDS_ALT)}
            )
        return value


class NumericAnswerBlock(blocks.StructBlock):
    value = blocks.DecimalBlock(label=_("Value"), required=False)
    tolerance = blocks.DecimalBlock(label=_("Tolerance (±)"), required=False, min_value=0)
    minimum = blocks.DecimalBlock(label=_("Or from"), required=False)
    maximum = blocks.DecimalBlock(label=_("to"), required=False)
    fraction = blocks.DecimalBlock(
        label=_("Share of the points (%)"), min_value=0, max_value=100, default=100
    )
    feedback = blocks.CharBlock(label=_("Feedback"), required=False, max_length=1000)

    class Meta:
        icon = "order"
        label = _("Numeric answer")

    def clean(self, value):
        value = super().clean(value)
        has_value = value.get("value") is not None
        has_range = value.get("minimum") is not None and value.get("maximum") is not None
        if has_value == has_range:
            raise blocks.StructBlockValidationError(
                block_errors={"value": ValidationError(_("Give a value or a range, not both."))}
            )
        if has_range and value["minimum"] > value["maximum"]:
            raise blocks.StructBlockValidationError(
                block_errors={"maximum": ValidationError(_("The range ends before it starts."))}
            )
        return value


class PairBlock(blocks.StructBlock):
    prompt = blocks.CharBlock(label=_("Prompt"), max_length=500)
    answer = blocks.CharBlock(label=_("Matching answer"), max_length=500)

    class Meta:
        icon = "arrows-up-down"
        label = _("Pair")


class AnswersBlock(blocks.StreamBlock):
    choice = ChoiceBlock()
    numeric = NumericAnswerBlock()
    pair = PairBlock()
    hint = blocks.CharBlock(
        label=_("Hint (interactive quizzes: one more try per hint)"), max_length=1000, icon="help"
    )


class QuestionTag(TaggedItemBase):
    """A tag on a question (“complaints”, “hard”): random quiz slots may draw by tag."""

    content_object = ParentalKey(
        "quizzes.Question", on_delete=models.CASCADE, related_name="tagged_items"
    )


class Question(TranslatableMixin, DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel):
    """One question in one language. Its translations share ``translation_key``."""

    category = models.ForeignKey(
        QuestionCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="questions",
    )
    tags = ClusterTaggableManager(
        through=QuestionTag,
        blank=True,
        verbose_name=_("tags"),
        help_text=_("Random quiz slots can draw questions by tag."),
    )
    name = models.CharField(
        _("name"),
        max_length=100,
        blank=True,
        help_text=_("A short title; the GIFT “::name::”, the same in every language."),
    )
    qtype = models.CharField(_("type"), max_length=20, choices=QUESTION_TYPE_CHOICES)
    text = models.TextField(_("question"))
    claim_source = models.CharField(
        _("source of the claim"),
        max_length=500,
        blank=True,
        help_text=_("Claim verdict: who made the claim, where and when."),
    )
    correct = models.BooleanField(
        _("the statement is true"), null=True, blank=True, help_text=_("True / false questions.")
    )
    true_feedback = models.CharField(_("feedback on “true”"), max_length=1000, blank=True)
    false_feedback = models.CharField(_("feedback on “false”"), max_length=1000, blank=True)
    answers = StreamField(AnswersBlock(), blank=True, verbose_name=_("answers"))
    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("image description (alt text)"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it. Required with an image."),
    )
    media = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("audio or video clip"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("An MP3, M4A, OGG, MP4 or WebM file from the documents library."),
    )
    media_description = models.TextField(
        _("transcript or description of the clip"),
        blank=True,
        help_text=_("Required with a clip."),
    )
    general_feedback = models.TextField(
        _("explanation"), blank=True, help_text=_("Shown with the feedback, whatever the answer.")
    )
    feedback_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("image with the explanation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    feedback_image_alt = models.CharField(
        _("its description (alt text)"), max_length=250, blank=True
    )
    rubric = models.TextField(
        _("marking rubric"), blank=True, help_text=_("Essay: a note for whoever marks it.")
    )
    default_points = models.DecimalField(
        _("default points"), max_digits=6, decimal_places=2, default=Decimal(1)
    )
    penalty = models.DecimalField(
        _("penalty for each wrong try"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.333"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("Interactive quizzes: share of the points lost per wrong try (Moodle)."),
    )

    panels = [
        FieldPanel("category"),
        FieldPanel("tags"),
        FieldPanel("name"),
        FieldPanel("qtype"),
        FieldPanel("text"),
        FieldPanel("claim_source"),
        MultiFieldPanel(
            [
                FieldPanel("image"),
                FieldPanel("image_alt"),
                FieldPanel("media"),
                FieldPanel("media_description"),
            ],
            heading=_("Image, audio or video"),
        ),
        MultiFieldPanel(
            [FieldPanel("correct"), FieldPanel("true_feedback"), FieldPanel("false_feedback")],
            heading=_("True / false"),
        ),
        FieldPanel("answers"),
        FieldPanel("general_feedback"),
        MultiFieldPanel(
            [FieldPanel("feedback_image"), FieldPanel("feedback_image_alt")],
            heading=_("Image with the explanation"),
        ),
        FieldPanel("rubric"),
        MultiFieldPanel([FieldPanel("default_points"), FieldPanel("penalty")], heading=_("Points")),
    ]
    search_fields = [
        index.SearchField("text"),
        index.SearchField("name"),
        index.FilterField("locale"),
        index.FilterField("category"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["category", "name", "pk"]

    def __str__(self):
        return self.name or self.text[:80]

    def text_excerpt(self) -> str:
        """The question's words for lists: a trainer tells questions apart by them, not by key."""
        return question_excerpt(self.text)

    def get_qtype_label(self):
        return QUESTION_TYPE_LABELS.get(QuestionType(self.qtype), self.qtype)

    # The type-specific data as plain values ---------------------------------------------------

    def blocks_of(self, kind):
        return [block for block in self.answers if block.block_type == kind]

    def clean(self):
        super().clean()
        media_errors = {}
        if self.image_id and not self.image_alt.strip():
            media_errors["image_alt"] = MESSAGE_NEEDS_ALT
        if self.feedback_image_id and not self.feedback_image_alt.strip():
            media_errors["feedback_image_alt"] = MESSAGE_NEEDS_ALT
        if self.media_id and not self.media_description.strip():
            media_errors["media_description"] = MESSAGE_NEEDS_MEDIA_DESCRIPTION
        if media_errors:
            raise ValidationError(media_errors)
        if not self.qtype:
            return
        qtype = QuestionType(self.qtype)
        choices = [block.value for block in self.blocks_of("choice")]
        fractions = [Decimal(choice["fraction"] or 0) for choice in choices]
        error = None
        if qtype == QuestionType.SINGLE_CHOICE:
            if len(choices) < 2:
                error = MESSAGE_NEEDS_CHOICES
            elif sum(1 for fraction in fractions if fraction == 100) != 1:
                error = MESSAGE_NEEDS_ONE_RIGHT
        elif qtype == QuestionType.MULTIPLE_CHOICE:
            if len(choices) < 2:
                error = MESSAGE_NEEDS_CHOICES
            elif not any(fraction > 0 for fraction in fractions):
                error = MESSAGE_NEEDS_POSITIVE
        elif qtype == QuestionType.CLAIM_VERDICT:
            texts = sorted(choice["text"] for choice in choices)
            if texts != sorted(VERDICT_CODES) or fractions.count(Decimal(100)) != 1:
                error = MESSAGE_VERDICT_CHOICES
        elif qtype == QuestionType.SHORT_ANSWER:
            if not any(fraction == 100 for fraction in fractions):
                error = MESSAGE_NEEDS_ACCEPTED
        elif qtype == QuestionType.NUMERIC:
            numeric = [block.value for block in self.blocks_of("numeric")]
            if not any(Decimal(entry["fraction"] or 0) == 100 for entry in numeric):
                error = MESSAGE_NEEDS_NUMERIC
        elif qtype == QuestionType.MATCHING:
            if len(self.blocks_of("pair")) < 2:
                error = MESSAGE_NEEDS_PAIRS
        elif qtype == QuestionType.TRUE_FALSE and self.correct is None:
            raise ValidationError({"correct": MESSAGE_NEEDS_TRUTH})
        if error:
            raise ValidationError({"answers": error})


def category_descendant_ids(category_ids) -> set[int]:
    """These categories and every category below them (one query: the table is small)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in QuestionCategory.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found, queue = set(), list(category_ids)
    while queue:
        pk = queue.pop()
        if pk in found:
            continue
        found.add(pk)
        queue.extend(children.get(pk, []))
    return found
