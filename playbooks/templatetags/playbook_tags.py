"""Template helpers for the playbook and consultation pages (``{% load playbook_tags %}``)."""

from django import template

from playbooks import rules
from playbooks.forms import QuestionForm

register = template.Library()


@register.simple_tag
def question_form():
    """An empty question form for the "Ask a question" box."""
    return QuestionForm()


@register.filter
def person_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.username


@register.simple_tag
def can_edit(user, post) -> bool:
    return rules.user_can_edit(user, post)
