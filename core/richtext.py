"""Links to pages in rich text for a fixed number of queries, however many blocks link.

Wagtail expands each rich-text value on its own: every block with page links costs a query for
the pages, one for their specific types and one for the active Locale (``page.localized``), so a
lesson's queries grew with its linking blocks. Here a request keeps the addresses it has worked
out, a page (``LessonPage.get_context``) works out all of its body's links at once with
``linked_pages_prefetch`` (the active Locale, the pages, their live translations: at most three
queries), and ``LinkedPageHandler`` (core/wagtail_hooks.py) then reads them from that
request's store. Outside a request (e-mails, tasks) Wagtail's own handler runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from contextvars import ContextVar

from django.utils.html import escape
from wagtail.models import Locale, Page
from wagtail.rich_text.rewriters import FIND_A_TAG, extract_attrs

# id (as written in the rich text) -> the address to link to, or None for a missing page.
_addresses: ContextVar[dict[str, str | None] | None] = ContextVar("linked_pages", default=None)


def request_store_open(**kwargs) -> None:
    """Receiver for request_started: a fresh store for this request."""
    _addresses.set({})


def request_store_close(**kwargs) -> None:
    """Receiver for request_finished: nothing outlives the request."""
    _addresses.set(None)


def page_link_ids(value) -> set[str]:
    """The ids of the pages linked from rich text anywhere in a StreamField's raw data (or any
    nesting of sequences, mappings and strings)."""
    found: set[str] = set()
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if 'linktype="page"' in item:
                for match in FIND_A_TAG.finditer(item):
                    attrs = extract_attrs(match.group(1))
                    if attrs.get("linktype") == "page" and attrs.get("id"):
                        found.add(attrs["id"])
        elif isinstance(item, Mapping):
            pending.extend(item.values())
        elif isinstance(item, Sequence):  # a StreamField's RawDataView too
            pending.extend(item)
    return found


def linked_page_addresses(ids: Iterable[str]) -> dict[str, str | None]:
    """Each page's address in the active language (its live translation if there is one, as
    Wagtail's ``page.localized``), in at most three queries."""
    ids = list(ids)
    numeric = [int(page_id) for page_id in ids if page_id.isdigit()]
    pages = list(Page.objects.filter(id__in=numeric)) if numeric else []
    try:
        active = Locale.get_active() if pages else None
    except (LookupError, Locale.DoesNotExist):
        active = None
    translations = {}
    foreign = [page.translation_key for page in pages if active and page.locale_id != active.id]
    if foreign:
        translations = {
            page.translation_key: page
            for page in Page.objects.filter(translation_key__in=foreign, locale=active, live=True)
        }
    addresses: dict[str, str | None] = dict.fromkeys(ids)
    for page in pages:
        addresses[str(page.id)] = (translations.get(page.translation_key) or page).url
    return addresses


def linked_pages_prefetch(value) -> None:
    """Work out, in one go, the addresses of every page linked from `value` (a StreamField's raw
    data) for the rest of this request."""
    store = _addresses.get()
    if store is None:
        return
    missing = page_link_ids(value) - store.keys()
    if missing:
        store.update(linked_page_addresses(missing))


def page_links_expand(attrs_list: list[dict]) -> list[str] | None:
    """The opening <a> tags of these page links from the request's store (None outside a
    request: Wagtail's own handler does it). Used by ``LinkedPageHandler`` (wagtail_hooks.py)."""
    store = _addresses.get()
    if store is None:
        return None
    ids = [str(attrs.get("id")) for attrs in attrs_list]
    missing = [page_id for page_id in ids if page_id not in store]
    if missing:
        store.update(linked_page_addresses(missing))
    return [f'<a href="{escape(store[page_id])}">' if store[page_id] else "<a>" for page_id in ids]
