"""The blocks a lesson is written with, composed into ``LessonStreamBlock``.

The lesson palette is the shared content blocks of ``core.blocks`` (heading, text, callout, case
study, checklist, accordion, table) plus the lesson's own: image, video, fact check and the quiz
of ``quizzes.blocks``. The keys of ``LessonStreamBlock`` are stored in every lesson's JSON: never
rename one without a ``MigrateStreamData`` migration. Values that templates need but editors do
not type (a video's MIME type, a verdict's label, the ClaimReview markup of a fact check) live on
``StructValue`` subclasses so that the templates stay free of logic.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

# LessonRichTextBlock and LessonTableBlock are also imported from here by courses/migrations/0001
# and 0005 and playbooks/migrations/0001 (``courses.blocks.X``): keep them importable.
from core.blocks import (
    INLINE_RICH_TEXT_FEATURES,
    AccordionBlock,
    CalloutBlock,
    CaseStudyBlock,
    ChecklistBlock,
    HeadingBlock,
    LessonRichTextBlock,
    LessonTableBlock,
)
from core.verdicts import Verdict
from quizzes.blocks import QuizBlock

# Validation messages, shared with the tests.
ALT_TEXT_REQUIRED = _("Describe the image, or tick “Decorative only” if it carries no information.")
VIDEO_ONE_SOURCE = _("Give either a video address or a video file, not both.")
VIDEO_NO_SOURCE = _("Give a video address or choose a video file.")
VIDEO_FILE_TYPE = _("The video file must be an MP4 or WebM file.")
CAPTIONS_FILE_TYPE = _("Captions must be a WebVTT (.vtt) file.")
CAPTIONS_NEED_FILE = _("Captions can only be added to an uploaded video file.")

VIDEO_MIME_TYPES = {"mp4": "video/mp4", "webm": "video/webm"}


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
