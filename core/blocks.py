"""StreamField blocks shared by every page type.

The content blocks (heading, text, callout, case study, checklist, accordion, table) are the
common palette of long-form content: ``courses`` composes them into ``LessonStreamBlock`` and
``playbooks`` into ``PlaybookStreamBlock``, both with the same templates
(``core/templates/core/blocks/``) and styles (``static/css/lessons.css``). Their keys are stored in
every page's JSON: never rename one without a ``MigrateStreamData`` migration. Values that
templates need but editors do not type (an anchor, a callout's label) live on ``StructValue``
subclasses so that the templates stay free of logic.

``LessonRichTextBlock`` and ``LessonTableBlock`` keep the names they were first stored under;
older migrations import them from ``courses.blocks``, which re-exports them.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock

# Validation messages, shared with the tests.
LEGAL_REFERENCE_ONLY = _("Only a “Legal reference” callout has a reference and an address.")

LESSON_RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "blockquote"]
INLINE_RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


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
        template = "core/blocks/section_heading.html"
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
        template = "core/blocks/rich_text.html"
        description = _("Paragraphs with bold, italic, links, lists, subheadings and quotes.")
        preview_value = (
            "<p>A press service answers for the whole organisation. Before you publish, ask "
            "three questions: <b>is it accurate</b>, <b>is it ours to say</b>, and "
            "<b>would we stand by it tomorrow</b>?</p>"
            "<ul><li>Check figures against the original document.</li>"
            "<li>Name the department that is responsible.</li>"
            "<li>Say when the next update will come.</li></ul>"
        )


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
        template = "core/blocks/callout.html"
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
        template = "core/blocks/case_study.html"
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


# Checklist ---------------------------------------------------------------------------------------


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    entries = blocks.ListBlock(
        blocks.CharBlock(label=_("Item"), max_length=250), label=_("Items"), min_num=1
    )

    class Meta:
        icon = "tasks"
        label = _("Checklist")
        template = "core/blocks/checklist.html"
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
        template = "core/blocks/accordion.html"
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
        template = "core/blocks/table.html"
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


# Home page body ----------------------------------------------------------------------------------


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    link_page = blocks.PageChooserBlock(label=_("Page"), required=False)
    link_url = blocks.URLBlock(label=_("Or an address"), required=False)
    link_text = blocks.CharBlock(label=_("Button text"), max_length=60)

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "core/blocks/call_to_action.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=120,
        form_classname="title",
        template="core/blocks/heading.html",
    )
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=["bold", "italic", "link", "ol", "ul"]
    )
    call_to_action = CallToActionBlock()
