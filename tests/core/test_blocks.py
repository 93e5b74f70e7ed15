"""The shared content blocks of ``core.blocks``: what a reader sees and what an editor may save.

Lessons and playbooks both compose these blocks; ``tests/courses/test_blocks.py`` covers the
lesson's own blocks (image, video, fact check) and the lesson palette as a whole.
"""

import pytest
from django.template import engines
from django.template.loader import get_template, render_to_string
from django.test import RequestFactory
from django.utils import translation
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from core.blocks import (
    LEGAL_REFERENCE_ONLY,
    AccordionBlock,
    CalloutBlock,
    CaseStudyBlock,
    ChecklistBlock,
    HeadingBlock,
    LessonRichTextBlock,
    LessonTableBlock,
)
from tests.blocks import errors_of, renderer

# key -> template; "heading" is not heading.html, which is the home page's plain heading.
BLOCK_TEMPLATES = {
    "heading": "core/blocks/section_heading.html",
    "rich_text": "core/blocks/rich_text.html",
    "callout": "core/blocks/callout.html",
    "case_study": "core/blocks/case_study.html",
    "checklist": "core/blocks/checklist.html",
    "accordion": "core/blocks/accordion.html",
    "table": "core/blocks/table.html",
}


class ContentStreamBlock(blocks.StreamBlock):
    """The shared blocks under the keys lessons and playbooks store them with."""

    heading = HeadingBlock()
    rich_text = LessonRichTextBlock()
    callout = CalloutBlock()
    case_study = CaseStudyBlock()
    checklist = ChecklistBlock()
    accordion = AccordionBlock()
    table = LessonTableBlock()


stream_block = ContentStreamBlock()


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def child(key):
    return stream_block.child_blocks[key]


render = renderer(stream_block)


def body(*items):
    return stream_block.to_python(
        [{"type": key, "value": value, "id": block_id} for key, value, block_id in items]
    )


# Every block is complete --------------------------------------------------------------------------


@pytest.mark.parametrize("key", BLOCK_TEMPLATES)
def test_every_block_has_icon_label_template_description_and_preview(key):
    block = child(key)
    assert block.meta.icon not in ("", "placeholder")
    assert str(block.label)
    assert block.meta.template == BLOCK_TEMPLATES[key]
    get_template(block.meta.template)
    assert str(block.get_description())
    assert hasattr(block.meta, "preview_value")
    assert block.is_previewable


@pytest.mark.django_db
def test_block_preview_page_loads_the_site_and_lesson_styles():
    block = child("callout")
    value = block.get_preview_value()
    html = render_to_string(
        "wagtailcore/shared/block_preview.html",
        {
            "request": RequestFactory().get("/"),
            "block_def": block,
            "bound_block": block.bind(value),
            "page_title": "Preview",
        },
    )
    assert "/static/css/site.css" in html
    assert "/static/css/lessons.css" in html
    assert "Legal reference" in html


# Heading, text ------------------------------------------------------------------------------------


def test_heading_renders_its_level_with_an_anchor_from_the_text():
    html = render("heading", {"text": "Ответ гражданину", "level": "h3"})
    assert html.strip() == '<h3 class="lesson-heading" id="ответ-гражданину">Ответ гражданину</h3>'


def test_heading_preview_is_a_section_heading():
    assert render("heading").strip().startswith('<h2 class="lesson-heading" id="replying-to')


def test_rich_text_keeps_lists_and_emphasis():
    html = render("rich_text")
    assert "<b>is it accurate</b>" in html
    assert "<li>Name the department that is responsible.</li>" in html
    assert set(child("rich_text").features) == {
        "bold",
        "italic",
        "link",
        "ol",
        "ul",
        "h3",
        "blockquote",
    }


# Callout, case study ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        ("tip", "Tip"),
        ("warning", "Warning"),
        ("rule", "Rule"),
        ("legal_reference", "Legal reference"),
    ],
)
def test_callout_names_its_kind_in_words(kind, label):
    html = render(
        "callout",
        {
            "kind": kind,
            "title": "",
            "body": "<p>Reply within one day.</p>",
            "reference": "",
            "url": "",
        },
    )
    assert f'<div class="callout callout--{kind}" role="note">' in html
    assert f'<p class="callout__kind">{label}</p>' in html
    assert "Reply within one day." in html


def test_legal_reference_links_to_the_document():
    html = render("callout")
    assert '<a href="https://cis-legislation.com/document.fwx?rgn=117262">' in html
    assert "PP-4366 of 27 June 2019" in html


def test_only_legal_references_carry_a_reference():
    block = child("callout")
    value = block.to_python(
        {"kind": "tip", "title": "", "body": "<p>x</p>", "reference": "ZRU-788", "url": ""}
    )
    with pytest.raises(StructBlockValidationError) as excinfo:
        block.clean(value)
    assert errors_of(excinfo) == {"reference": [str(LEGAL_REFERENCE_ONLY)]}

    only_address = block.to_python(
        {"kind": "tip", "title": "", "body": "<p>x</p>", "reference": "", "url": "https://lex.uz"}
    )
    with pytest.raises(StructBlockValidationError) as excinfo:
        block.clean(only_address)
    assert errors_of(excinfo) == {"url": [str(LEGAL_REFERENCE_ONLY)]}


def test_case_study_hides_the_discussion_until_asked():
    html = render("case_study")
    assert '<p class="case-study__label">Case study</p>' in html
    assert "What should the press service publish tonight" in html
    details = html[html.index('<details class="case-study__discussion">') :]
    assert "<summary>Show the discussion</summary>" in details
    assert "Acknowledge the report quickly" in details


# Checklist, accordion, table ----------------------------------------------------------------------


def test_checklist_items_are_tickable_checkboxes():
    html = render("checklist", id="abc")
    assert '<p class="checklist__title" id="checklist-abc-title">Before you publish' in html
    assert html.count('type="checkbox"') == 4
    assert '<input type="checkbox" id="checklist-abc-1">' in html
    assert '<label for="checklist-abc-1">The figures match the original document.</label>' in html


def test_accordion_panels_are_disclosures():
    html = render("accordion")
    assert html.count('<details class="accordion__panel" name="accordion-preview">') == 2
    assert "<summary>May I reply to comments from my personal account?</summary>" in html


def test_table_has_a_caption_and_scoped_headers():
    html = render("table")
    assert "<caption>Response times on the official pages</caption>" in html
    assert '<th scope="col"' in html and ">Acknowledge</th>" in html
    assert '<th scope="row"' in html and ">Question in the comments</th>" in html
    assert 'role="region" tabindex="0" aria-label="Response times on the official pages"' in html


# A body of shared blocks --------------------------------------------------------------------------


def render_body(value):
    template = engines["django"].from_string("{% load content_blocks %}{% lesson_body body %}")
    return template.render({"body": value}, request=RequestFactory().get("/playbooks/rapid/"))


def test_a_body_of_shared_blocks_renders_each_block_with_its_stream_id():
    html = render_body(
        body(
            ("callout", child("callout").meta.preview_value, "c-1"),
            ("checklist", {"title": "Before you post", "entries": ["Check the figures."]}, "k-1"),
            ("accordion", child("accordion").meta.preview_value, "a-1"),
        )
    )
    assert '<div class="lesson-block lesson-block--callout">' in html
    assert '<div class="callout callout--legal_reference" role="note">' in html
    assert '<div class="lesson-block lesson-block--checklist">' in html
    assert '<input type="checkbox" id="checklist-k-1-1">' in html
    assert '<label for="checklist-k-1-1">Check the figures.</label>' in html
    assert html.count('<details class="accordion__panel" name="accordion-a-1">') == 2
