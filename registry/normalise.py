"""One function turns any way people write an account into its canonical form.

``account_parse("https://www.T.me/s/MinInfo_UZ?utm_source=x")`` → ``Parsed("telegram",
"mininfo_uz")``. Full and short URLs, with or without a scheme, ``www.``/``m.`` hosts, trailing
slashes, query strings and tracking parameters, ``@handle``, ``t.me/s/…``, ``telegram.me``,
``tg://resolve?domain=…``, ``youtube.com/@…`` / ``/channel/…`` / ``/c/…``, ``twitter.com`` ≡
``x.com``, ``fb.com`` ≡ ``facebook.com``, ``profile.php?id=…``, ``ok.ru/group/…`` all arrive at
the same ``(network code, handle)`` pair that the register stores.

Pure functions over strings, no database: the register stores the canonical handle, the check
normalises what a citizen pasted and looks it up with one indexed query. Which networks are
*approved* is data (``registry.Network``); how a network's addresses are read is code, keyed by
the network's code. A network added as data with an unknown code is read generically: its hosts
(``Network.hosts``) are passed as ``extra_hosts`` and the first path segment is the handle.
"""

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

TELEGRAM = "telegram"
FACEBOOK = "facebook"
INSTAGRAM = "instagram"
YOUTUBE = "youtube"
X = "x"
OK = "ok"
TIKTOK = "tiktok"
WEBSITE = "website"

# Host (without www./m./mobile.) → network code.
HOSTS = {
    "t.me": TELEGRAM,
    "telegram.me": TELEGRAM,
    "telegram.dog": TELEGRAM,
    "facebook.com": FACEBOOK,
    "fb.com": FACEBOOK,
    "fb.me": FACEBOOK,
    "web.facebook.com": FACEBOOK,
    "instagram.com": INSTAGRAM,
    "instagr.am": INSTAGRAM,
    "youtube.com": YOUTUBE,
    "twitter.com": X,
    "x.com": X,
    "ok.ru": OK,
    "odnoklassniki.ru": OK,
    "tiktok.com": TIKTOK,
}
HOST_PREFIXES = ("www.", "m.", "mobile.")
# Addresses of a network that are not accounts (t.me/share, facebook.com/groups is kept).
RESERVED_FIRST_SEGMENTS = {
    TELEGRAM: {"share", "joinchat", "addstickers", "proxy", "iv"},
    FACEBOOK: {"sharer", "sharer.php", "login", "home.php", "watch", "events", "help"},
    INSTAGRAM: {"p", "reel", "reels", "explore", "stories", "accounts"},
    X: {"home", "intent", "share", "search", "hashtag", "i"},
    TIKTOK: {"video", "tag", "discover"},
}
HANDLE_RE = re.compile(r"^[\w.\-]{1,200}$")


@dataclass(frozen=True)
class Parsed:
    """A canonical account address: ``network`` is None for a bare ``@handle`` (any network)."""

    network: str | None
    handle: str


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text or "").strip()
    # Invisible characters people paste along with links.
    text = re.sub(r"[\u200b-\u200f\u2060\ufeff\s]+", "", text)
    return text.strip("<>\"'«»“”`.,;")


def _host(netloc: str) -> str:
    host = netloc.rsplit("@", 1)[-1].split(":", 1)[0].lower().rstrip(".")
    changed = True
    while changed:
        changed = False
        for prefix in HOST_PREFIXES:
            if host.startswith(prefix) and host.count(".") > 1:
                host = host[len(prefix) :]
                changed = True
    return host


def _segments(path: str) -> list[str]:
    return [unquote(part) for part in path.split("/") if part]


def _handle(value: str, *, keep_case: bool = False) -> str | None:
    value = value.strip().lstrip("@")
    if not value or not HANDLE_RE.match(value):
        return None
    return value if keep_case else value.lower()


def _telegram(segments, query):
    if segments and segments[0] == "s":
        segments = segments[1:]
    if not segments or segments[0].lower() in RESERVED_FIRST_SEGMENTS[TELEGRAM]:
        return None
    if segments[0].startswith("+"):  # a private invite link: not a public handle
        return None
    return _handle(segments[0])


def _facebook(segments, query):
    if segments and segments[0].lower() == "profile.php":
        ids = query.get("id")
        return ids[0] if ids and ids[0].isdigit() else None
    if len(segments) >= 2 and segments[0].lower() in {"pages", "people"}:
        last = segments[-1]
        return last if last.isdigit() else _handle(segments[1])
    if len(segments) >= 2 and segments[0].lower() == "groups":
        return "groups/" + (_handle(segments[1]) or "")
    if not segments or segments[0].lower() in RESERVED_FIRST_SEGMENTS[FACEBOOK]:
        return None
    return _handle(segments[0])


def _youtube(segments, query):
    if not segments:
        return None
    first = segments[0]
    if first.startswith("@"):
        return _handle(first) and "@" + _handle(first)
    if first.lower() == "channel" and len(segments) > 1:
        channel = _handle(segments[1], keep_case=True)  # channel ids are case-sensitive
        return channel and "channel/" + channel
    if first.lower() in {"c", "user"} and len(segments) > 1:
        name = _handle(segments[1])
        return name and f"{first.lower()}/{name}"
    return None


def _tiktok(segments, query):
    if segments and segments[0].startswith("@"):
        return _handle(segments[0])
    return None


def _ok(segments, query):
    if len(segments) >= 2 and segments[0].lower() in {"group", "profile"}:
        number = segments[1]
        return f"{segments[0].lower()}/{number}" if number.isdigit() else None
    return _handle(segments[0]) if segments else None


def _first_segment(network):
    def read(segments, query):
        if not segments or segments[0].lower() in RESERVED_FIRST_SEGMENTS.get(network, ()):
            return None
        return _handle(segments[0])

    return read


READERS = {
    TELEGRAM: _telegram,
    FACEBOOK: _facebook,
    INSTAGRAM: _first_segment(INSTAGRAM),
    YOUTUBE: _youtube,
    X: _first_segment(X),
    OK: _ok,
    TIKTOK: _tiktok,
}


def account_parse(text: str, *, extra_hosts: dict[str, str] | None = None) -> Parsed | None:
    """The canonical ``(network, handle)`` of anything pasted, or None when it names no account.

    A bare ``@handle`` or ``handle`` gives ``network=None`` (the check then looks on every
    network). Any other web address is a website, its canonical form the host name.
    """
    text = _clean(text)
    if not text:
        return None
    lowered = text.lower()
    if lowered.startswith("tg://"):
        domains = parse_qs(urlsplit(text).query).get("domain")
        handle = _handle(domains[0]) if domains else None
        return Parsed(TELEGRAM, handle) if handle else None
    if text.startswith("@") or ("/" not in text and "." not in text):
        handle = _handle(text)
        return Parsed(None, handle) if handle else None
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    host = _host(parts.netloc)
    if not host or "." not in host:
        return None
    hosts = {**HOSTS, **(extra_hosts or {})}
    network = hosts.get(host)
    if network is None:
        if host.endswith(".youtube.com"):
            network = YOUTUBE
        else:
            return Parsed(WEBSITE, host) if re.fullmatch(r"[a-z0-9.\-]+", host) else None
    segments = _segments(parts.path)
    query = parse_qs(parts.query)
    reader = READERS.get(network, _first_segment(network))
    handle = reader(segments, query)
    return Parsed(network, handle) if handle else None


def handle_canonical(network: str, text: str) -> str | None:
    """The canonical handle of ``text`` on a known network (an editor's or an import's input):
    a full address of that network, ``@handle`` or a bare handle."""
    parsed = account_parse(text)
    if parsed is None:
        return None
    if parsed.network is None:  # a bare handle is read as a handle on the given network
        if network == WEBSITE:
            return None
        return "@" + parsed.handle if network == YOUTUBE else parsed.handle
    return parsed.handle if parsed.network == network else None


def account_url(network: str, handle: str) -> str:
    """The address of a canonical account, for links."""
    if network == WEBSITE:
        return f"https://{handle}/"
    if network == FACEBOOK and handle.isdigit():
        return f"https://www.facebook.com/profile.php?id={handle}"
    bases = {
        TELEGRAM: "https://t.me/",
        FACEBOOK: "https://www.facebook.com/",
        INSTAGRAM: "https://www.instagram.com/",
        YOUTUBE: "https://www.youtube.com/",
        X: "https://x.com/",
        OK: "https://ok.ru/",
        TIKTOK: "https://www.tiktok.com/@",
    }
    return bases.get(network, "https://") + handle
