"""Uzbek in Latin or Cyrillic script: the reader's choice, the UI catalogue and page output.

The script is not a language of its own in URLs or in Wagtail: an Uzbek page is one page,
written in Latin, at one address. A reader picks Кирилл with the header's switch, a small
form POSTed with its CSRF token to `core.views.set_script` (works without JavaScript); the
choice is kept in a cookie and, for a signed-in reader, in `User.preferred_script`. A
`?script=cyrl` link still shows a page in Cyrillic and sets the cookie, but never writes the
account. While Uzbek is the active language and the script is Cyrillic:

- interface strings come from the generated `uz_Cyrl` catalogue (`make cyrillic-messages`),
  through a translation object that still reports its language as `uz`, so URLs, Wagtail's
  active locale and everything else keyed on the language stay those of Uzbek;
- the HTML response is passed through `core.translit.to_cyrillic`: text is transliterated, tags
  and attributes, URLs, e-mail addresses, <script>, <style>, <code>, <pre>, <textarea> and any
  element marked `translate="no"` (names shown in both scripts, the script switch itself) are
  left alone. That covers pages, lesson blocks, quiz text and every app's templates at once.
"""

from __future__ import annotations

import contextlib
import re

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.db import transaction
from django.dispatch import Signal
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import trans_real

from .translit import to_cyrillic

LATIN = "latn"
CYRILLIC = "cyrl"
SCRIPTS = (LATIN, CYRILLIC)
COOKIE_NAME = "muloqot_script"
COOKIE_AGE = 365 * 24 * 60 * 60
QUERY_PARAMETER = "script"
UZBEK = "uz"
# Django's name for the Cyrillic catalogue (locale/uz_Cyrl); never a URL prefix.
UZBEK_CYRILLIC = "uz-cyrl"
LANG_INFO_ENTRY = {
    "bidi": False,
    "code": UZBEK_CYRILLIC,
    "name": "Uzbek (Cyrillic)",
    "name_local": "Ўзбекча",
}
# Sent (after commit) when a signed-in reader switches script: user, script. Certificates listen
# and render the reader's Uzbek PDFs again in the new script.
script_changed = Signal()
# Paths whose responses are never transliterated (Wagtail's admin has no Uzbek at all).
UNTOUCHED_PATH_PREFIXES = ("/admin/", "/documents/", "/static/", "/media/")


def register_language_info() -> None:
    """Django knows no `uz-cyrl`; get_language_info() and {% get_language_info %} need it."""
    LANG_INFO.setdefault(UZBEK_CYRILLIC, LANG_INFO_ENTRY)


class UzbekCyrillicTranslation(trans_real.DjangoTranslation):
    """The uz_Cyrl catalogues (missing strings fall back to Latin Uzbek), reporting itself as
    `uz`: get_language() stays `uz` so that URL prefixes and Wagtail locales do not change."""

    def __init__(self):
        super().__init__(UZBEK_CYRILLIC)

    def to_language(self):
        return UZBEK


def _ensure_translation() -> None:
    # Django drops its cache of translations when LANGUAGES or LOCALE_PATHS change (tests).
    current = trans_real._translations.get(UZBEK_CYRILLIC)
    if not isinstance(current, UzbekCyrillicTranslation):
        trans_real._translations[UZBEK_CYRILLIC] = UzbekCyrillicTranslation()


def activate_cyrillic() -> None:
    """Uzbek in Cyrillic for the rest of this thread's request."""
    _ensure_translation()
    translation.activate(UZBEK_CYRILLIC)


def is_cyrillic_active() -> bool:
    return isinstance(getattr(trans_real._active, "value", None), UzbekCyrillicTranslation)


@contextlib.contextmanager
def override(language: str, script: str = LATIN):
    """translation.override(language), in Cyrillic when the language is Uzbek and `script`
    is Cyrillic (for e-mails and certificates made outside a request)."""
    if language == UZBEK and script == CYRILLIC:
        _ensure_translation()
        language = UZBEK_CYRILLIC
    with translation.override(language):
        yield


def script_for_user(user) -> str:
    script = getattr(user, "preferred_script", LATIN)
    return script if script in SCRIPTS else LATIN


def _browser_prefers_cyrillic(request) -> bool:
    """Whether the first Uzbek entry of Accept-Language is Uzbek Cyrillic (uz-Cyrl, uz-Cyrl-UZ)."""
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    if "cyrl" not in header.lower():
        return False
    for code, _quality in trans_real.parse_accept_lang_header(header):
        if code.split("-")[0] == UZBEK:
            return code.startswith("uz-cyrl")
    return False


def request_script(request) -> str:
    """Query parameter, then cookie, then the account's preference, then the browser's
    Accept-Language (uz-Cyrl), then Latin."""
    chosen = request.GET.get(QUERY_PARAMETER)
    if chosen in SCRIPTS:
        return chosen
    cookie = request.COOKIES.get(COOKIE_NAME)
    if cookie in SCRIPTS:
        return cookie
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return script_for_user(user)
    return CYRILLIC if _browser_prefers_cyrillic(request) else LATIN


# Passages a reader must see exactly as written, found before core.translit's own protections.
_KEEP_RE = re.compile(
    r"<(?P<tag>[A-Za-z][A-Za-z0-9]*)\b[^<>]*\stranslate=\"no\"[^<>]*>.*?</(?P=tag)\s*>"
    r"|<(?P<raw>textarea|code|pre|script|style)\b[^<>]*>.*?</(?P=raw)\s*>",
    re.DOTALL | re.IGNORECASE,
)


# Attributes people read (alt text, tooltips, labels) are text too; each pattern starts with a
# literal so that a scan skips quickly to the next candidate.
_READ_ATTRIBUTE_RES = [
    (name, re.compile(f'{name}="(?<=\\s{name}=")([^"<>]*[A-Za-z][^"<>]*)"'))
    for name in ("alt", "title", "aria-label", "placeholder")
]
_DESCRIPTION_RE = re.compile(r'<meta name="description" content="([^"<>]*)"')


def _piece_to_cyrillic(html: str) -> str:
    for name, regex in _READ_ATTRIBUTE_RES:
        if f'{name}="' in html:
            html = regex.sub(lambda m, n=name: f'{n}="{to_cyrillic(m.group(1))}"', html)
    if '<meta name="description"' in html:
        html = _DESCRIPTION_RE.sub(
            lambda m: f'<meta name="description" content="{to_cyrillic(m.group(1))}"', html
        )
    return to_cyrillic(html)


def html_to_cyrillic(html: str) -> str:
    """An HTML page with its text in Cyrillic: text nodes, the alt, title, aria-label and
    placeholder attributes and the page description. Other markup, <code>, <pre>, <script>,
    <style>, <textarea> and `translate="no"` elements are kept as they are."""
    pieces, done = [], 0
    for match in _KEEP_RE.finditer(html):
        pieces.append(_piece_to_cyrillic(html[done : match.start()]))
        pieces.append(match.group())
        done = match.end()
    pieces.append(_piece_to_cyrillic(html[done:]))
    return "".join(pieces)


class UzbekScriptMiddleware:
    """Reads the reader's script, serves Uzbek pages in it, and remembers a new choice.

    Goes after AuthenticationMiddleware (it reads the account) and LocaleMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        register_language_info()

    def __call__(self, request):
        script = request_script(request)
        request.uzbek_script = script
        uzbek = translation.get_language() == UZBEK
        if uzbek and script == CYRILLIC:
            activate_cyrillic()
            try:
                response = self.get_response(request)
            finally:
                # Latin Uzbek again (same language code) so nothing after this request in the
                # thread inherits the Cyrillic catalogue.
                translation.activate(UZBEK)
        else:
            response = self.get_response(request)
        if (
            uzbek
            and script == CYRILLIC
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and not request.path_info.startswith(UNTOUCHED_PATH_PREFIXES)
        ):
            charset = response.charset or "utf-8"
            response.content = html_to_cyrillic(response.content.decode(charset)).encode(charset)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        if uzbek:
            patch_vary_headers(response, ["Cookie"])
        self._remember(request, response)
        return response

    def _remember(self, request, response) -> None:
        """A ``?script=`` link shows the page in that script and keeps it in a cookie; it never
        writes the account (a cross-site link could). The switch's POST does (``script_save``)."""
        chosen = request.GET.get(QUERY_PARAMETER)
        if chosen in SCRIPTS:
            script_cookie_set(request, response, chosen)


def script_cookie_set(request, response, script: str) -> None:
    if request.COOKIES.get(COOKIE_NAME) != script:
        response.set_cookie(
            COOKIE_NAME,
            script,
            max_age=COOKIE_AGE,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )


def script_save(*, user, script: str) -> bool:
    """Store a signed-in reader's choice (the switch's POST only) and tell the apps that print
    in it after commit; False when nothing changed."""
    if script not in SCRIPTS or not user.is_authenticated or user.preferred_script == script:
        return False
    user.preferred_script = script
    user.save(update_fields=["preferred_script"])
    transaction.on_commit(lambda: script_changed.send(sender=type(user), user=user, script=script))
    return True
