from django import template
from django.conf import settings
from django.utils import translation

register = template.Library()


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    """One button per language; the view keeps the reader on the same content."""
    request = context.get("request")
    current = translation.get_language()
    languages = [
        {"code": code, "name": name, "current": code == current}
        for code, name in settings.LANGUAGES
    ]
    return {
        "languages": languages,
        "next": request.get_full_path() if request else "/",
        "csrf_token": context.get("csrf_token"),
    }
