from django import template
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.utils import translation

from core.scripts import CYRILLIC, LATIN, QUERY_PARAMETER, UZBEK

register = template.Library()


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    """One button per language; the view keeps the reader on the same content."""
    request = context.get("request")
    current = translation.get_language()
    cyrillic = getattr(request, "uzbek_script", "") == "cyrl"
    languages = [
        {
            "code": code,
            # the Uzbek button in the alphabet the reader chose
            "name": LANG_INFO["uz-cyrl"]["name_local"] if code == "uz" and cyrillic else name,
            "current": code == current,
        }
        for code, name in settings.LANGUAGES
    ]
    return {
        "languages": languages,
        "next": request.get_full_path() if request else "/",
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("components/script_switcher.html", takes_context=True)
def script_switcher(context):
    """Lotin | Кирилл for Uzbek pages: a small POST form with two buttons (works without
    JavaScript; a GET never changes the account)."""
    request = context.get("request")
    if request is None or translation.get_language() != UZBEK:
        return {"scripts": []}
    current = getattr(request, "uzbek_script", LATIN)
    query = request.GET.copy()
    query.pop(QUERY_PARAMETER, None)
    next_url = f"{request.path}?{query.urlencode()}" if query else request.path
    return {
        "scripts": [
            {"code": code, "name": name, "current": code == current}
            for code, name in ((LATIN, "Lotin"), (CYRILLIC, "Кирилл"))
        ],
        "next": next_url,
        "csrf_token": context.get("csrf_token"),
    }
