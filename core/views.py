from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import scripts
from .health import database_state, queue_state
from .languages import translated_page_url
from .ratelimit import rate_limited
from .search import site_search


@never_cache
@require_GET
def healthz(request):
    """JSON for load balancers and monitoring: 200 when the database answers, else 503."""
    database = database_state()
    queue = queue_state() if database["ok"] else {"ok": False}
    status = "ok" if database["ok"] and queue["ok"] else "error"
    return JsonResponse(
        {"status": status, "database": database, "queue": queue},
        status=200 if database["ok"] else 503,
    )


@require_POST
def set_language(request):
    """Switch language, stay on the same content, and remember the choice on the account."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    if not check_for_language(language) or language not in dict(settings.LANGUAGES):
        return HttpResponseRedirect(next_url)
    path = urlsplit(next_url).path or "/"
    target = translated_page_url(request, path, language)
    if target is None:
        # translate_url resolves the address in its own language, then reverses it in the new one.
        with translation.override(translation.get_language_from_path(path)):
            target = translate_url(next_url, language)
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    user = request.user
    if user.is_authenticated and user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    return response


def _next_url(request) -> str:
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return "/"
    return next_url


@require_POST
@rate_limited("script", default=(20, 60))
def set_script(request):
    """The Lotin | Кирилл switch: a POST with CSRF keeps the choice in a cookie and, for a
    signed-in reader, on the account (which re-renders their Uzbek certificates)."""
    script = request.POST.get(scripts.QUERY_PARAMETER, "")
    response = HttpResponseRedirect(_next_url(request))
    if script in scripts.SCRIPTS:
        scripts.script_cookie_set(request, response, script)
        scripts.script_save(user=request.user, script=script)
    return response


@require_GET
def search(request):
    """Courses, lessons and playbooks in the reader's language (Wagtail search)."""
    found = site_search(query=request.GET.get("q", ""), page_number=request.GET.get("page"))
    return TemplateResponse(request, "core/search.html", {"search": found})
