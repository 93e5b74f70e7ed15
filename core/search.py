"""Site search across courses, lessons and playbooks, with Wagtail search.

The backend is ``wagtail.search.backends.database`` (settings ``WAGTAILSEARCH_BACKENDS``): on
SQLite it uses SQLite's FTS5 full-text index, and on PostgreSQL the same setting selects
Wagtail's PostgreSQL backend (``to_tsvector`` / ``websearch_to_tsquery`` with a GIN index), so
production gets PostgreSQL full-text search without another setting.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.utils.translation import get_language
from wagtail import hooks
from wagtail.models import Locale, Page

from core.parsing import clean_query
from core.translit import normalise_query

# The page types readers search are registered by the apps that own them: a function decorated
# with @hooks.register(SEARCHABLE_PAGES_HOOK) in their wagtail_hooks.py returns a list of page
# models. A page may define ``search_excerpt`` (e.g. a course's summary) to show under its title.
SEARCHABLE_PAGES_HOOK = "register_searchable_page_models"
SEARCH_PAGE_SIZE = 20
QUERY_MAX_LENGTH = 200


@dataclass
class SearchHit:
    page: Page
    kind: str  # the page type's name for readers: "course", "lesson", "playbook"
    excerpt: str


@dataclass
class SearchResults:
    query: str
    page: PaginatorPage | None
    results: list

    @property
    def querystring(self) -> str:
        return urlencode({"q": self.query}) + "&"


def searchable_models() -> list:
    return [model for models in hooks.get_hooks(SEARCHABLE_PAGES_HOOK) for model in models()]


def site_search(*, query: str, page_number=None) -> SearchResults:
    """Live courses, lessons and playbooks in the reader's language that match ``query``."""
    query = clean_query(query or "", max_length=QUERY_MAX_LENGTH)
    if not query:
        return SearchResults(query="", page=None, results=[])
    pages = (
        Page.objects.live()
        .type(*searchable_models())
        .filter(locale=Locale.get_active())
        .search(normalise_query(query, get_language() or settings.LANGUAGE_CODE))
    )
    page = Paginator(pages, SEARCH_PAGE_SIZE).get_page(page_number)
    ids = [item.pk for item in page.object_list]
    specific = {item.pk: item for item in Page.objects.filter(pk__in=ids).specific()}
    results = [_hit(specific[pk]) for pk in ids if pk in specific]
    return SearchResults(query=query, page=page, results=results)


def _hit(page: Page) -> SearchHit:
    excerpt = page.search_description or getattr(page, "search_excerpt", "") or ""
    return SearchHit(page=page, kind=str(page._meta.verbose_name), excerpt=excerpt)
