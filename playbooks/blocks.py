"""The blocks a playbook's step-by-step guidance is written with.

They are the lesson blocks of ``courses.blocks`` that suit guidance (no quiz, fact check or
video): the same templates, so a playbook reads like a lesson. The keys are stored in every
playbook's JSON: never rename one without a ``MigrateStreamData`` migration.
"""

from wagtail import blocks

from courses.blocks import (
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
