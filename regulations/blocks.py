"""A code of conduct is written as numbered sections of plain sentences. Plain text (not rich
text) on purpose: the readable diff between two versions compares sentences, and a sentence is
what a civil servant is asked to follow. The key ``section`` is stored in every version's JSON:
never rename it without a ``MigrateStreamData`` migration."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class CodeSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=200)
    text = blocks.TextBlock(
        label=_("rules"),
        help_text=_("Plain sentences; an empty line starts a new paragraph."),
    )

    class Meta:
        icon = "list-ol"
        label = _("Section")
        template = "regulations/blocks/section.html"
        preview_value = {
            "heading": "Official and personal accounts",
            "text": "An official account speaks for the body. A personal account speaks only for "
            "its owner.",
        }


class CodeBodyBlock(blocks.StreamBlock):
    section = CodeSectionBlock()
