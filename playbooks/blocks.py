"""The blocks a playbook's step-by-step guidance is written with.

They are the shared content blocks of ``core.blocks`` that suit guidance (a lesson adds its
image, video, fact check and quiz blocks to the same ones): the same templates, so a playbook
reads like a lesson. The keys are stored in every playbook's JSON: never rename one without a
``MigrateStreamData`` migration.
"""

from wagtail import blocks

from core.blocks import (
    AccordionBlock,
    CalloutBlock,
    CaseStudyBlock,
    ChecklistBlock,
    HeadingBlock,
    LessonRichTextBlock,
    LessonTableBlock,
)


class PlaybookStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    rich_text = LessonRichTextBlock()
    callout = CalloutBlock()
    checklist = ChecklistBlock()
    accordion = AccordionBlock()
    table = LessonTableBlock()
    case_study = CaseStudyBlock()
