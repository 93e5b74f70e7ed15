"""Lesson blocks: what a learner sees, what an editor may save, and the ClaimReview markup.

The shared blocks of the palette (heading, text, callout, case study, checklist, accordion,
table) are ``core.blocks``, tested in ``tests/core/test_blocks.py``.
"""

import datetime
import json
import re
from types import SimpleNamespace
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template import engines
from django.template.loader import get_template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from wagtail.blocks import StreamValue
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents import get_document_model
from wagtail.embeds.exceptions import EmbedNotFoundException
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from courses.blocks import (
    ALT_TEXT_REQUIRED,
    CAPTIONS_FILE_TYPE,
    VIDEO_FILE_TYPE,
    VIDEO_NO_SOURCE,
    VIDEO_ONE_SOURCE,
    LessonStreamBlock,
)
from courses.templatetags.lesson_blocks import claim_review_json_ld
from tests.blocks import errors_of, renderer

BLOCK_KEYS = [
    "heading",
    "rich_text",
    "image",
    "video",
    "callout",
    "case_study",
    "fact_check",
    "checklist",
    "accordion",
    "table",
]
# key -> template: the shared blocks' templates are core's, the lesson's own blocks' are courses'.
BLOCK_TEMPLATES = {
    "heading": "core/blocks/section_heading.html",
    "rich_text": "core/blocks/rich_text.html",
    "image": "courses/blocks/image.html",
    "video": "courses/blocks/video.html",
    "callout": "core/blocks/callout.html",
    "case_study": "core/blocks/case_study.html",
    "fact_check": "courses/blocks/fact_check.html",
    "checklist": "core/blocks/checklist.html",
    "accordion": "core/blocks/accordion.html",
    "table": "core/blocks/table.html",
}
FACT_CHECK_ID = "5d1e4c7a-0b6f-4a53-9a1e-2f3c4d5e6f70"
OTHER_FACT_CHECK_ID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"

stream_block = LessonStreamBlock()


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def child(key):
    return stream_block.child_blocks[key]


render = renderer(stream_block)


def fact_check_data(**overrides):
    data = {
        "claim": "Water will be cut off in the whole district for a week from Monday.",
        "claimant": "An anonymous Telegram channel",
        "claimant_kind": "organization",
        "claim_date": "2025-03-14",
        "appearance_url": "https://example.org/posts/1024",
        "evidence": [
            {
                "text": "The utility's notice lists six hours of repairs on two streets.",
                "source_title": "District water utility",
                "source_url": "https://example.org/notice",
            }
        ],
        "verdict": "false",
        "explanation": "<p>The works last six hours, not a week.</p>",
    }
    data.update(overrides)
    return data


def lesson_body(*items):
    return stream_block.to_python(
        [{"type": key, "value": value, "id": block_id} for key, value, block_id in items]
    )


# Every block is complete --------------------------------------------------------------------------


def test_the_palette_has_exactly_the_agreed_keys():
    assert list(stream_block.child_blocks) == [*BLOCK_KEYS, "quiz"]  # quiz: quizzes/blocks.py


@pytest.mark.parametrize("key", BLOCK_KEYS)
def test_every_block_has_icon_label_template_description_and_preview(key):
    block = child(key)
    assert block.meta.icon not in ("", "placeholder")
    assert str(block.label)
    assert block.meta.template == BLOCK_TEMPLATES[key]
    get_template(block.meta.template)
    assert str(block.get_description())
    assert hasattr(block.meta, "preview_value")
    assert block.is_previewable


@pytest.mark.parametrize("key", BLOCK_KEYS)
def test_block_picker_preview_renders_in_the_admin(key, client, make_user, picture):
    client.force_login(make_user("editor", is_staff=True, is_superuser=True))
    response = client.get(
        reverse("wagtailadmin_block_preview"), {"id": child(key).definition_prefix}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/css/lessons.css" in html
    assert f'class="w-block-{key} block-{key}"' in html


# Image --------------------------------------------------------------------------------------------


@pytest.fixture
def picture(db):
    return get_image_model().objects.create(
        title="Office hours post", file=get_test_image_file("office-hours.png", size=(1600, 900))
    )


def test_image_renders_a_responsive_figure_with_alt_text_and_caption(picture):
    html = render(
        "image",
        {
            "image": picture.pk,
            "alt_text": "A post announcing new office hours",
            "decorative": False,
            "caption": "Answer the next question before it is asked.",
        },
    )
    assert '<figure class="lesson-figure">' in html
    assert 'alt="A post announcing new office hours"' in html
    assert "srcset=" in html
    assert "480w" in html and "1200w" in html
    assert 'loading="lazy"' in html
    # Light pages: AVIF and WebP where the browser takes them, JPEG otherwise; the size is known
    # before the image arrives, so the text does not jump.
    assert re.search(r'<source [^>]*type="image/avif"', html)
    assert re.search(r'<source [^>]*type="image/webp"', html)
    assert re.search(r'<img [^>]*width="\d+"', html) and re.search(r'<img [^>]*height="\d+"', html)
    assert ".avif 480w" in html and ".webp 1200w" in html
    assert (
        '<figcaption class="lesson-figure__caption">Answer the next question before it is asked.'
        "</figcaption>" in html
    )


def test_decorative_image_has_empty_alt(picture):
    html = render("image", {"image": picture.pk, "alt_text": "", "decorative": True, "caption": ""})
    assert 'alt=""' in html
    assert "figcaption" not in html


def test_image_needs_alt_text_unless_decorative(picture):
    block = child("image")
    with pytest.raises(StructBlockValidationError) as excinfo:
        block.clean(block.to_python({"image": picture.pk, "alt_text": "  ", "decorative": False}))
    assert errors_of(excinfo) == {"alt_text": [str(ALT_TEXT_REQUIRED)]}

    cleaned = block.clean(
        block.to_python({"image": picture.pk, "alt_text": "left over", "decorative": True})
    )
    assert cleaned["alt_text"] == ""


def test_image_preview_uses_the_newest_library_image(picture):
    html = render("image")
    assert "<img" in html
    assert "A ministry&#x27;s Telegram post" in html


# Video --------------------------------------------------------------------------------------------


@pytest.fixture
def make_document(db):
    def make(name, content=b"data"):
        return get_document_model().objects.create(title=name, file=ContentFile(content, name=name))

    return make


def video_data(**overrides):
    data = {
        "title": "Answering a flood rumour",
        "embed": "",
        "file": None,
        "captions": None,
        "transcript": "<p>At 9:40 we saw the post.</p>",
    }
    data.update(overrides)
    return data


def fake_embed(url, max_width=None, max_height=None):
    return Embed(
        url=url,
        html='<iframe title="Answering a flood rumour" src="https://www.youtube.com/embed/x"></iframe>',
        type="video",
        width=640,
        height=360,
    )


def test_uploaded_video_plays_natively_with_captions_and_transcript(make_document):
    video = make_document("rumour.mp4")
    captions = make_document("rumour.vtt", b"WEBVTT\n")
    html = render("video", video_data(file=video.pk, captions=captions.pk))
    assert '<video class="lesson-video__player" controls preload="metadata">' in html
    assert f'src="{video.url}" type="video/mp4"' in html
    assert f'<track kind="captions" src="{captions.url}" srclang="en"' in html
    assert "<summary>Transcript</summary>" in html
    assert "At 9:40 we saw the post." in html
    assert "<figcaption" in html and "Answering a flood rumour" in html


def test_embedded_video_uses_the_providers_player():
    with mock.patch("wagtail.embeds.embeds.get_embed", side_effect=fake_embed):
        html = render("video", video_data(embed="https://www.youtube.com/watch?v=x"))
    assert '<iframe title="Answering a flood rumour"' in html
    assert "<video" not in html
    assert "<summary>Transcript</summary>" in html


def test_video_that_cannot_be_embedded_links_to_its_page():
    with mock.patch("wagtail.embeds.embeds.get_embed", side_effect=EmbedNotFoundException("gone")):
        html = render("video", video_data(embed="https://video.example.org/42"))
    assert '<a href="https://video.example.org/42">Watch the video on its website</a>' in html


def test_video_needs_exactly_one_source(make_document):
    block = child("video")
    with pytest.raises(StructBlockValidationError) as excinfo:
        block.clean(block.to_python(video_data()))
    assert errors_of(excinfo) == {"embed": [str(VIDEO_NO_SOURCE)]}

    video = make_document("rumour.webm")
    with (
        mock.patch("wagtail.embeds.embeds.get_embed", side_effect=fake_embed),
        pytest.raises(StructBlockValidationError) as excinfo,
    ):
        block.clean(
            block.to_python(video_data(embed="https://www.youtube.com/watch?v=x", file=video.pk))
        )
    assert errors_of(excinfo) == {"file": [str(VIDEO_ONE_SOURCE)]}

    assert block.clean(block.to_python(video_data(file=video.pk)))["file"] == video


def test_video_file_and_captions_must_have_the_right_types(make_document):
    block = child("video")
    slides = make_document("slides.pdf")
    captions = make_document("captions.txt")
    with pytest.raises(StructBlockValidationError) as excinfo:
        block.clean(block.to_python(video_data(file=slides.pk, captions=captions.pk)))
    assert errors_of(excinfo) == {
        "file": [str(VIDEO_FILE_TYPE)],
        "captions": [str(CAPTIONS_FILE_TYPE)],
    }


# Fact check ---------------------------------------------------------------------------------------


def render_fact_check(query=""):
    request = RequestFactory().get(f"/lessons/water/{query}")
    return render("fact_check", fact_check_data(), request=request, id=FACT_CHECK_ID)


def test_fact_check_asks_for_a_verdict_with_a_plain_form():
    html = render_fact_check()
    assert f'id="fact-check-{FACT_CHECK_ID}"' in html
    assert (
        f'<form class="fact-check__form" method="get" action="#fact-check-{FACT_CHECK_ID}">' in html
    )
    for value in ("true", "mostly_true", "misleading", "false", "unverifiable"):
        assert f'name="verdict-{FACT_CHECK_ID}" id="verdict-{FACT_CHECK_ID}-{value}"' in html
    assert '<button type="submit">Check my answer</button>' in html
    assert "Water will be cut off" in html
    assert '<a href="https://example.org/notice">District water utility</a>' in html
    assert "six hours, not a week" not in html


def test_right_verdict_shows_correct_and_the_explanation():
    html = render_fact_check(f"?verdict-{FACT_CHECK_ID}=false")
    assert "Correct! You chose “False”." in html
    assert "fact-check__result--correct" in html
    assert "The works last six hours, not a week." in html
    assert "<form" not in html


def test_wrong_verdict_shows_the_correct_one_and_a_way_back():
    html = render_fact_check(f"?step=2&verdict-{FACT_CHECK_ID}=mostly_true")
    assert "Not quite. You chose “Mostly true”." in html
    assert '<strong class="verdict verdict--false">False</strong>' in html
    assert "The works last six hours, not a week." in html
    assert f'href="/lessons/water/?step=2#fact-check-{FACT_CHECK_ID}">Try again</a>' in html


def test_unknown_verdict_or_another_blocks_answer_shows_the_form_again():
    assert "<form" in render_fact_check(f"?verdict-{FACT_CHECK_ID}=pants_on_fire")
    html = render_fact_check(f"?verdict-{OTHER_FACT_CHECK_ID}=true")
    assert "<form" in html
    # The other fact check's answer survives answering this one.
    assert f'<input type="hidden" name="verdict-{OTHER_FACT_CHECK_ID}" value="true">' in html


def test_fact_check_verdict_must_be_on_the_scale():
    block = child("fact_check")
    with pytest.raises(ValidationError):
        block.clean(block.to_python(fact_check_data(verdict="pants_on_fire")))
    assert block.clean(block.to_python(fact_check_data()))["verdict"] == "false"


def test_fact_check_preview_renders_without_a_stream_id():
    html = render("fact_check", request=RequestFactory().get("/"))
    assert 'id="fact-check-preview"' in html
    assert "An anonymous Telegram channel" in html


# The lesson body ----------------------------------------------------------------------------------


def render_body(body, query=""):
    template = engines["django"].from_string("{% load content_blocks %}{% lesson_body body %}")
    return template.render({"body": body}, request=RequestFactory().get(f"/lessons/water/{query}"))


def test_lesson_body_renders_blocks_with_their_ids_and_the_request():
    body = lesson_body(
        ("heading", {"text": "Rumours", "level": "h2"}, "h-1"),
        ("fact_check", fact_check_data(), FACT_CHECK_ID),
    )
    html = render_body(body, f"?verdict-{FACT_CHECK_ID}=false")
    assert '<div class="lesson-block lesson-block--heading">' in html
    assert f'<section class="fact-check" id="fact-check-{FACT_CHECK_ID}"' in html
    assert "Correct! You chose “False”." in html


def test_lesson_body_of_an_empty_stream_is_empty():
    assert render_body(StreamValue(stream_block, [])) == ""


# ClaimReview --------------------------------------------------------------------------------------


def stand_in_page(body):
    return SimpleNamespace(
        body=body,
        full_url="https://muloqot.uz/en/courses/rumours/water/",
        first_published_at=datetime.datetime(2025, 4, 2, 9, 30, tzinfo=datetime.UTC),
        last_published_at=None,
    )


def json_ld_of(html):
    opening = '<script type="application/ld+json">'
    assert html.startswith(opening) and html.endswith("</script>")
    return json.loads(html[len(opening) : -len("</script>")])


def test_claim_review_json_ld_lists_every_fact_check():
    body = lesson_body(
        ("rich_text", "<p>Intro</p>", "t-1"),
        (
            "fact_check",
            fact_check_data(claim="Dam opened </script><b>now</b> & more"),
            FACT_CHECK_ID,
        ),
        (
            "fact_check",
            fact_check_data(
                claim="The minister resigned.",
                claimant="Aziza K.",
                claimant_kind="person",
                claim_date=None,
                appearance_url="",
                verdict="unverifiable",
            ),
            OTHER_FACT_CHECK_ID,
        ),
    )
    html = str(claim_review_json_ld(stand_in_page(body)))
    assert "</script><b>" not in html
    assert "\\u003C/script\\u003E" in html
    assert "\\u0026 more" in html

    first, second = json_ld_of(html)
    assert first["@context"] == "https://schema.org"
    assert first["@type"] == "ClaimReview"
    assert (
        first["url"] == f"https://muloqot.uz/en/courses/rumours/water/#fact-check-{FACT_CHECK_ID}"
    )
    assert first["claimReviewed"] == "Dam opened </script><b>now</b> & more"
    assert first["datePublished"] == "2025-04-02"
    assert first["author"] == {"@type": "Organization", "name": "Muloqot"}
    assert first["itemReviewed"] == {
        "@type": "Claim",
        "author": {"@type": "Organization", "name": "An anonymous Telegram channel"},
        "datePublished": "2025-03-14",
        "appearance": [{"@type": "CreativeWork", "url": "https://example.org/posts/1024"}],
    }
    assert first["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "False",
        "ratingValue": 1,
        "bestRating": 5,
        "worstRating": 1,
    }

    assert second["url"].endswith(f"#fact-check-{OTHER_FACT_CHECK_ID}")
    assert second["claimReviewed"] == "The minister resigned."
    assert second["itemReviewed"] == {
        "@type": "Claim",
        "author": {"@type": "Person", "name": "Aziza K."},
    }
    assert second["reviewRating"] == {"@type": "Rating", "alternateName": "Unverifiable"}


@pytest.mark.parametrize(
    ("verdict", "rating", "name"),
    [("true", 5, "True"), ("mostly_true", 4, "Mostly true"), ("misleading", 3, "Misleading")],
)
def test_claim_review_rating_follows_the_scale(verdict, rating, name):
    body = lesson_body(("fact_check", fact_check_data(verdict=verdict), FACT_CHECK_ID))
    (review,) = json_ld_of(str(claim_review_json_ld(stand_in_page(body))))
    assert review["reviewRating"]["ratingValue"] == rating
    assert review["reviewRating"]["alternateName"] == name


def test_draft_fact_check_without_a_verdict_renders_but_is_not_published_as_a_review():
    draft = fact_check_data(verdict="", explanation="")
    html = render("fact_check", draft, request=RequestFactory().get("/?verdict-x=true"), id="x")
    assert "Not quite. You chose “True”." in html
    body = lesson_body(("fact_check", draft, FACT_CHECK_ID))
    assert claim_review_json_ld(stand_in_page(body)) == ""


def test_no_fact_checks_no_markup():
    body = lesson_body(("heading", {"text": "Rumours", "level": "h2"}, "h-1"))
    assert claim_review_json_ld(stand_in_page(body)) == ""
