"""Template tags for StreamField bodies made of ``core.blocks`` (``{% load content_blocks %}``).

A lesson's body and a playbook's guidance are rendered the same way::

    {% block extra_head %}
      <link rel="stylesheet" href="{% static 'css/lessons.css' %}">
    {% endblock %}
    ...
    <div class="lesson__body">{% lesson_body page.body %}</div>

``lesson_body`` renders every block of the stream with the page's context (so ``request`` and
``page`` reach the block templates) plus ``id``, the block's id. Wagtail's
``{% include_block %}`` also passes ``id``, but only when the surrounding context has no ``id`` of
its own; this tag always sets it. Checklists and accordions use the id to name their inputs and
panels, a lesson's fact checks for their anchor and answer.
"""

from django import template
from django.utils.html import format_html_join

register = template.Library()


@register.simple_tag(takes_context=True)
def lesson_body(context, body):
    """Render each block of a StreamField with its id in the context."""
    if not body:
        return ""
    parent_context = context.flatten()
    return format_html_join(
        "\n",
        '<div class="lesson-block lesson-block--{}">{}</div>',
        (
            (child.block_type, child.render(context={**parent_context, "id": child.id}))
            for child in body
        ),
    )
