"""Template tags for a lesson's fact checks (``{% load lesson_blocks %}``).

In the lesson page template::

    {% load content_blocks lesson_blocks %}
    {% block extra_head %}
      <link rel="stylesheet" href="{% static 'css/lessons.css' %}">
      {% claim_review_json_ld page %}
    {% endblock %}
    ...
    {% lesson_body page.body %}

``lesson_body`` (``core/templatetags/content_blocks.py``) renders every block of the stream with
the page's context plus ``id``, the block's id. Fact checks use the id for their anchor
(``#fact-check-<id>``) and for the name of their answer (``?verdict-<id>=false``).

``fact_check_answer`` and ``query_params_except`` are used by ``courses/blocks/fact_check.html``:
a learner answers a fact check with a plain GET form, so it works without JavaScript, and the
page shows the outcome when the query string holds an answer for that block. Comparing the
answer with the verdict is ``FactCheckValue.answer_for`` in ``courses/blocks.py``.
"""

import dataclasses
import json

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from courses.blocks import FactCheckAnswer

register = template.Library()

# As in django.utils.html.json_script: the JSON cannot close the <script> element or open a
# comment, whatever an editor typed into a claim.
JSON_SCRIPT_ESCAPES = {
    ord("<"): "\\u003C",
    ord(">"): "\\u003E",
    ord("&"): "\\u0026",
    ord("\u2028"): "\\u2028",
    ord("\u2029"): "\\u2029",
}


@dataclasses.dataclass(frozen=True)
class FactCheckOutcome(FactCheckAnswer):
    """An answer plus the address that shows the question again."""

    retry_url: str = ""


def _query_without(request, name) -> list[tuple[str, str]]:
    if request is None:
        return []
    return [(key, value) for key, values in request.GET.lists() if key != name for value in values]


@register.simple_tag
def query_params_except(request, name):
    """The current query string's (name, value) pairs except ``name``, for hidden inputs."""
    return _query_without(request, name)


@register.simple_tag
def fact_check_answer(value, request, block_id):
    """The learner's answer to this fact check from ``?verdict-<block_id>=``, or None.

    None also when the value is missing or is not one of the verdicts, so the form shows again.
    """
    if request is None:
        return None
    name = f"verdict-{block_id}"
    answer = value.answer_for(request.GET.get(name))
    if answer is None:
        return None
    kept = urlencode(_query_without(request, name))
    retry_url = f"{request.path}{'?' + kept if kept else ''}#fact-check-{block_id}"
    return FactCheckOutcome(**dataclasses.asdict(answer), retry_url=retry_url)


def claim_reviews(page) -> list[dict]:
    """ClaimReview objects for the fact checks in ``page.body``, in page order."""
    published = page.first_published_at or getattr(page, "last_published_at", None)
    if published is None:
        date_published = None
    elif timezone.is_aware(published):
        date_published = timezone.localdate(published)
    else:
        date_published = published.date()
    page_url = page.full_url or ""
    reviews = (
        child.value.claim_review(
            url=f"{page_url}#fact-check-{child.id}", date_published=date_published
        )
        for child in page.body
        if child.block_type == "fact_check"
    )
    return [review for review in reviews if review is not None]


@register.simple_tag
def claim_review_json_ld(page):
    """One ``<script type="application/ld+json">`` with the page's ClaimReviews, or nothing."""
    reviews = claim_reviews(page)
    if not reviews:
        return ""
    data = json.dumps(reviews, ensure_ascii=False, indent=None).translate(JSON_SCRIPT_ESCAPES)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(data),  # noqa: S308 - JSON with <, > and & escaped above
    )
