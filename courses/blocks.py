"""The blocks a lesson is written with, composed into ``LessonStreamBlock``.

The keys of ``LessonStreamBlock`` are stored in every lesson's JSON: never rename one without a
``MigrateStreamData`` migration. Values that templates need but editors do not type (an anchor,
a verdict's label, the ClaimReview markup of a fact check) live on ``StructValue`` subclasses
so that the templates stay free of logic.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

from core.verdicts import Verdict
from quizzes.blocks import QuizBlock

# Validation messages, shared with the tests.
ALT_TEXT_REQUIRED = _("Describe the image, or tick “Decorative only” if it carries no information.")
VIDEO_ONE_SOURCE = _("Give either a video address or a video file, not both.")
VIDEO_NO_SOURCE = _("Give a video address or choose a video file.")
VIDEO_FILE_TYPE = _("The video file must be an MP4 or WebM file.")
CAPTIONS_FILE_TYPE = _("Captions must be a WebVTT (.vtt) file.")
CAPTIONS_NEED_FILE = _("Captions can only be added to an uploaded video file.")
LEGAL_REFERENCE_ONLY = _("Only a “Legal reference” callout has a reference and an address.")

VIDEO_MIME_TYPES = {"mp4": "video/mp4", "webm": "video/webm"}

LESSON_RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "blockquote"]
INLINE_RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


# Fact-check verdicts -----------------------------------------------------------------------------


# schema.org Rating values on a 1 (false) to 5 (true) scale; "Unverifiable" is outside the scale
# and is published with its alternateName only.
VERDICT_RATING_VALUES = {
    Verdict.TRUE: 5,
    Verdict.MOSTLY_TRUE: 4,
    Verdict.MISLEADING: 3,
    Verdict.FALSE: 1,
    Verdict.UNVERIFIABLE: None,
}
RATING_BEST = 5
RATING_WORST = 1
CLAIM_REVIEW_AUTHOR = {"@type": "Organization", "name": "Muloqot"}


@dataclass(frozen=True)
class FactCheckAnswer:
    """A learner's verdict on one fact check, compared with the editors' verdict."""

    chosen: str
    chosen_label: str
    correct: str
    correct_label: str

    @property
    def is_correct(self) -> bool:
        return self.chosen == self.correct


# Heading -----------------------------------------------------------------------------------------


class HeadingValue(blocks.StructValue):
    @property
    def anchor(self) -> str:
        """A fragment for links to this heading, e.g. ``replying-to-citizens``."""
        return slugify(self.get("text") or "", allow_unicode=True)

    @property
    def tag(self) -> str:
        """``h2`` or ``h3`` (``h2`` for a draft saved without a level)."""
        return "h3" if self.get("level") == "h3" else "h2"


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading")), ("h3", _("Subheading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "courses/blocks/heading.html"
        value_class = HeadingValue
        description = _("A section heading or subheading that readers can link to.")
        preview_value = {"text": "Replying to citizens in the comments", "level": "h2"}


# Rich text ---------------------------------------------------------------------------------------


class LessonRichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", LESSON_RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "courses/blocks/rich_text.html"
        description = _("Paragraphs with bold, italic, links, lists, subheadings and quotes.")
        preview_value = (
            "<p>A press service answers for the whole organisation. Before you publish, ask "
            "three questions: <b>is it accurate</b>, <b>is it ours to say</b>, and "
            "<b>would we stand by it tomorrow</b>?</p>"
            "<ul><li>Check figures against the original document.</li>"
            "<li>Name the department that is responsible.</li>"
            "<li>Say when the next update will come.</li></ul>"
        )


# Image -------------------------------------------------------------------------------------------


class LessonImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        max_length=250,
        help_text=_(
            "Describes the image for blind readers who use a screen reader: what does it show "
            "that matters for the lesson? Do not start with “Image of”."
        ),
    )
    decorative = blocks.BooleanBlock(
        label=_("Decorative only"),
        required=False,
        help_text=_("Tick only if the image adds nothing to the text; screen readers skip it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "courses/blocks/image.html"
        description = _("A picture with a caption and a description for screen readers.")
        preview_value = {
            "alt_text": (
                "A ministry's Telegram post announcing new office hours, with a reply from a "
                "citizen asking about Saturday appointments."
            ),
            "decorative": False,
            "caption": "An announcement that answers the obvious next question saves replies.",
        }

    def clean(self, value):
        value = super().clean(value)
        if value["decorative"]:
            value["alt_text"] = ""
        elif not (value["alt_text"] or "").strip():
            raise StructBlockValidationError(
                block_errors={"alt_text": ValidationError(ALT_TEXT_REQUIRED)}
            )
        return value

    def get_preview_value(self):
        value = super().get_preview_value()
        if value.get("image") is None:
            value["image"] = get_image_model().objects.order_by("-created_at").first()
        return value


# Video -------------------------------------------------------------------------------------------


class VideoValue(blocks.StructValue):
    @property
    def file_mime_type(self) -> str:
        video = self.get("file")
        return VIDEO_MIME_TYPES.get(video.file_extension.lower(), "") if video else ""


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    embed = EmbedBlock(
        label=_("Video address"),
        required=False,
        help_text=_("A link to the video on YouTube or another service. Leave empty for a file."),
    )
    file = DocumentChooserBlock(
        label=_("Video file"),
        required=False,
        help_text=_("An MP4 or WebM file from the documents library, instead of an address."),
    )
    captions = DocumentChooserBlock(
        label=_("Captions"),
        required=False,
        help_text=_("A WebVTT (.vtt) caption file for the uploaded video."),
    )
    transcript = blocks.RichTextBlock(
        label=_("Transcript"),
        features=INLINE_RICH_TEXT_FEATURES,
        help_text=_("Everything that is said and shown, for readers who cannot watch or hear."),
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "courses/blocks/video.html"
        value_class = VideoValue
        description = _("A video from an address or a file, with captions and a transcript.")
        preview_value = {
            "title": "How a district press service answered a flood rumour",
            "transcript": (
                "<p><b>Press secretary:</b> At 9:40 we saw a post claiming the dam had been "
                "opened. By 10:15 we had published the hydrologists' readings and a short video "
                "from the site.</p>"
                "<p><b>Narrator:</b> Notice that the reply names its sources and the time of "
                "the next update.</p>"
            ),
        }

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if value["embed"] and value["file"]:
            errors["file"] = ValidationError(VIDEO_ONE_SOURCE)
        elif not value["embed"] and not value["file"]:
            errors["embed"] = ValidationError(VIDEO_NO_SOURCE)
        elif value["file"] and value["file"].file_extension.lower() not in VIDEO_MIME_TYPES:
            errors["file"] = ValidationError(VIDEO_FILE_TYPE)
        if value["captions"]:
            if value["captions"].file_extension.lower() != "vtt":
                errors["captions"] = ValidationError(CAPTIONS_FILE_TYPE)
            elif not value["file"]:
                errors["captions"] = ValidationError(CAPTIONS_NEED_FILE)
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_preview_value(self):
        value = super().get_preview_value()
        if not value.get("embed") and value.get("file") is None:
            value["file"] = (
                get_document_model()
                .objects.filter(file__iregex=r"\.(mp4|webm)$")
                .order_by("-created_at")
                .first()
            )
        return value


# Callout -----------------------------------------------------------------------------------------


class CalloutKind(models.TextChoices):
    TIP = "tip", _("Tip")
    WARNING = "warning", _("Warning")
    RULE = "rule", _("Rule")
    LEGAL_REFERENCE = "legal_reference", _("Legal reference")


class CalloutValue(blocks.StructValue):
    @property
    def kind_label(self) -> str:
        kind = self.get("kind")
        return CalloutKind(kind).label if kind in CalloutKind.values else ""


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(label=_("Kind"), choices=CalloutKind.choices, default=CalloutKind.TIP)
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    body = blocks.RichTextBlock(label=_("Text"), features=INLINE_RICH_TEXT_FEATURES)
    reference = blocks.CharBlock(
        label=_("Reference"),
        required=False,
        max_length=200,
        help_text=_("For legal references: the document, e.g. “Law No. ZRU-788, article 5”."),
    )
    url = blocks.URLBlock(
        label=_("Address"),
        required=False,
        help_text=_("For legal references: a link to the official text, e.g. on lex.uz."),
    )

    class Meta:
        icon = "info-circle"
        label = _("Callout")
        template = "courses/blocks/callout.html"
        value_class = CalloutValue
        description = _("A labelled box for a tip, a warning, a rule or a legal reference.")
        preview_value = {
            "kind": "legal_reference",
            "title": "Press services must inform the public promptly",
            "body": (
                "<p>Press services keep the public regularly, fully and promptly informed "
                "through the media, social networks and official websites.</p>"
            ),
            "reference": "Presidential resolution PP-4366 of 27 June 2019, paragraph 3",
            "url": "https://cis-legislation.com/document.fwx?rgn=117262",
        }

    def clean(self, value):
        value = super().clean(value)
        if value["kind"] != CalloutKind.LEGAL_REFERENCE:
            # The message goes on each field that is filled in, so the editor sees which.
            errors = {
                name: ValidationError(LEGAL_REFERENCE_ONLY)
                for name in ("reference", "url")
                if value[name]
            }
            if errors:
                raise StructBlockValidationError(block_errors=errors)
        return value


# Case study --------------------------------------------------------------------------------------


class CaseStudyBlock(blocks.StructBlock):
    situation = blocks.RichTextBlock(label=_("Situation"), features=INLINE_RICH_TEXT_FEATURES)
    question = blocks.TextBlock(label=_("Question to the learner"))
    discussion = blocks.RichTextBlock(
        label=_("Discussion"),
        features=INLINE_RICH_TEXT_FEATURES,
        help_text=_("Shown when the learner opens it, after thinking about the question."),
    )

    class Meta:
        icon = "comment"
        label = _("Case study")
        template = "courses/blocks/case_study.html"
        description = _("A real situation, a question, and a discussion revealed on demand.")
        preview_value = {
            "situation": (
                "<p>Late on Friday a citizen comments under the hokimiyat's post that a school "
                "canteen served spoiled food. The post gathers 200 reactions in an hour. The "
                "duty officer of the press service does not yet know whether it is true.</p>"
            ),
            "question": "What should the press service publish tonight, and what should wait?",
            "discussion": (
                "<p>Acknowledge the report quickly, say who is checking it and when you will "
                "report back. Do not confirm or deny details you have not verified, and move "
                "personal data out of the public thread.</p>"
            ),
        }


# Fact check --------------------------------------------------------------------------------------


class FactCheckValue(blocks.StructValue):
    @property
    def verdict_label(self) -> str:
        verdict = self.get("verdict")
        return Verdict(verdict).label if verdict in Verdict.values else ""

    @property
    def verdict_choices(self):
        return Verdict.choices

    def answer_for(self, chosen) -> FactCheckAnswer | None:
        """The learner's answer ``chosen`` compared with the verdict; None if not a verdict."""
        if chosen not in Verdict.values:
            return None
        return FactCheckAnswer(
            chosen=chosen,
            chosen_label=Verdict(chosen).label,
            correct=self.get("verdict"),
            correct_label=self.verdict_label,
        )

    def claim_review(self, *, url: str, date_published: datetime.date | None) -> dict | None:
        """This fact check as a schema.org ClaimReview (a JSON-ready dict).

        None for a draft saved without a claim or a verdict: there is nothing to publish yet.
        """
        if not self.get("claim") or self.get("verdict") not in Verdict.values:
            return None
        claim = {
            "@type": "Claim",
            "author": {
                "@type": "Organization"
                if self.get("claimant_kind") == "organization"
                else "Person",
                "name": self.get("claimant"),
            },
        }
        if self.get("claim_date"):
            claim["datePublished"] = self["claim_date"].isoformat()
        if self.get("appearance_url"):
            claim["appearance"] = [{"@type": "CreativeWork", "url": self["appearance_url"]}]

        rating = {"@type": "Rating", "alternateName": str(self.verdict_label)}
        rating_value = VERDICT_RATING_VALUES[Verdict(self.get("verdict"))]
        if rating_value is not None:
            rating.update(
                ratingValue=rating_value, bestRating=RATING_BEST, worstRating=RATING_WORST
            )

        review = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": url,
            "claimReviewed": self.get("claim"),
            "author": CLAIM_REVIEW_AUTHOR,
            "itemReviewed": claim,
            "reviewRating": rating,
        }
        if date_published:
            review["datePublished"] = date_published.isoformat()
        return review


class EvidenceBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("What the source shows"))
    source_title = blocks.CharBlock(label=_("Source"), max_length=200)
    source_url = blocks.URLBlock(label=_("Source address"), required=False)

    class Meta:
        icon = "link"
        label = _("Evidence")


class FactCheckBlock(blocks.StructBlock):
    claim = blocks.TextBlock(label=_("Claim"), help_text=_("The claim, quoted as it appeared."))
    claimant = blocks.CharBlock(
        label=_("Who made the claim"),
        max_length=200,
        help_text=_("A person, an organisation or an account, e.g. “An anonymous channel”."),
    )
    claimant_kind = blocks.ChoiceBlock(
        label=_("The claimant is"),
        choices=[("person", _("A person")), ("organization", _("An organisation"))],
        default="person",
    )
    claim_date = blocks.DateBlock(label=_("Date of the claim"), required=False)
    appearance_url = blocks.URLBlock(
        label=_("Where the claim appeared"),
        required=False,
        help_text=_("The address of the post or article that made the claim."),
    )
    evidence = blocks.ListBlock(EvidenceBlock(), label=_("Evidence"), min_num=1)
    verdict = blocks.ChoiceBlock(label=_("Verdict"), choices=Verdict.choices)
    explanation = blocks.RichTextBlock(
        label=_("Explanation"),
        features=INLINE_RICH_TEXT_FEATURES,
        help_text=_("Why this verdict: shown after the learner answers."),
    )

    class Meta:
        icon = "glasses"
        label = _("Fact check")
        template = "courses/blocks/fact_check.html"
        value_class = FactCheckValue
        description = _(
            "A claim and its evidence; the learner gives a verdict, then sees the explanation. "
            "Published as ClaimReview markup."
        )
        preview_value = {
            "claim": "Water will be cut off in the whole district for a week from Monday.",
            "claimant": "An anonymous Telegram channel",
            "claimant_kind": "organization",
            "claim_date": datetime.date(2025, 3, 14),
            "evidence": [
                {
                    "text": (
                        "The water utility's notice lists repairs on two streets on Monday, "
                        "from 9:00 to 15:00."
                    ),
                    "source_title": "District water utility, notice of planned works",
                },
                {
                    "text": "The hokimiyat's press service confirmed the same hours by phone.",
                    "source_title": "Call with the hokimiyat press service",
                },
            ],
            "verdict": "false",
            "explanation": (
                "<p>The works are real but last six hours on two streets, not a week in the "
                "whole district. The post turned a planned repair into a crisis.</p>"
            ),
        }


# Checklist ---------------------------------------------------------------------------------------


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    entries = blocks.ListBlock(
        blocks.CharBlock(label=_("Item"), max_length=250), label=_("Items"), min_num=1
    )

    class Meta:
        icon = "tasks"
        label = _("Checklist")
        template = "courses/blocks/checklist.html"
        description = _("Steps the learner can tick off while working (ticks are not saved).")
        preview_value = {
            "title": "Before you publish on the official page",
            "entries": [
                "The figures match the original document.",
                "The post names the responsible department.",
                "No citizen's personal data is visible.",
                "The head of the press service has approved it.",
            ],
        }


# Accordion ---------------------------------------------------------------------------------------


class AccordionPanelBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Question or title"), max_length=200)
    body = blocks.RichTextBlock(label=_("Answer"), features=INLINE_RICH_TEXT_FEATURES)

    class Meta:
        icon = "expand-right"
        label = _("Panel")


class AccordionBlock(blocks.StructBlock):
    panels = blocks.ListBlock(AccordionPanelBlock(), label=_("Panels"), min_num=1)

    class Meta:
        icon = "collapse-down"
        label = _("Accordion")
        template = "courses/blocks/accordion.html"
        description = _("Questions or sections that open one at a time, e.g. a short FAQ.")
        preview_value = {
            "panels": [
                {
                    "title": "May I reply to comments from my personal account?",
                    "body": (
                        "<p>Reply from the official account. A personal reply can be read as "
                        "the organisation's position.</p>"
                    ),
                },
                {
                    "title": "How fast must we answer a negative post?",
                    "body": (
                        "<p>Acknowledge it the same day and say when a full answer will follow.</p>"
                    ),
                },
            ]
        }


# Table -------------------------------------------------------------------------------------------

TABLE_OPTIONS = {"rowHeaders": True, "colHeaders": True, "startRows": 4, "startCols": 3}


class LessonTableBlock(TableBlock):
    """Wagtail's table with a caption and a choice of header row and/or header column."""

    def __init__(self, required=True, help_text=None, table_options=None, **kwargs):
        super().__init__(
            required=required,
            help_text=help_text,
            table_options=table_options or dict(TABLE_OPTIONS),
            **kwargs,
        )

    class Meta:
        icon = "table"
        label = _("Table")
        template = "courses/blocks/table.html"
        description = _("A table with a caption and header cells, for comparisons and deadlines.")
        preview_value = {
            "table_caption": "Response times on the official pages",
            "table_header_choice": "both",
            "first_row_is_table_header": True,
            "first_col_is_header": True,
            "data": [
                ["Message", "Acknowledge", "Full answer"],
                ["Question in the comments", "Same working day", "Within 3 days"],
                ["Complaint in a direct message", "Same working day", "As a formal appeal"],
                ["False claim about the organisation", "Within 1 day", "With evidence"],
            ],
        }


# The lesson palette ------------------------------------------------------------------------------


class LessonStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    rich_text = LessonRichTextBlock()
    image = LessonImageBlock()
    video = VideoBlock()
    callout = CalloutBlock()
    case_study = CaseStudyBlock()
    fact_check = FactCheckBlock()
    checklist = ChecklistBlock()
    accordion = AccordionBlock()
    table = LessonTableBlock()
    quiz = QuizBlock()
