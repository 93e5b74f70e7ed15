"""Each worker process's own copies of cached anonymous pages (core/page_copies.py): a hit that
asks the shared cache nothing, never a copy under a newer content version, forgotten at once by
the process that publishes and within MULOQOT_PAGE_CACHE_LOCAL_SECONDS by the others."""

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from core import caching, page_copies
from core.caching import HIT_HEADER
from core.page_copies import PageCopies, local_seconds

from .conftest import lessons_of

pytestmark = pytest.mark.django_db
SIGN_OUT = 'action="/accounts/logout/"'


class CountingCache:
    """The shared cache, counting every use."""

    def __init__(self, inner):
        self.inner = inner
        self.uses = 0

    def __getattr__(self, name):
        self.uses += 1
        return getattr(self.inner, name)


@pytest.fixture
def local(settings):
    settings.MULOQOT_PAGE_CACHE_LOCAL_SECONDS = 2
    cache.clear()
    page_copies.copies.forget()
    yield page_copies.copies
    page_copies.copies.forget()


@pytest.fixture
def lesson(make_course, local):
    return lessons_of(make_course(lessons=2))[0]


@pytest.fixture
def shared(monkeypatch):
    counting = CountingCache(caching.cache)
    monkeypatch.setattr(caching, "cache", counting)
    return counting


def fetch(url, client=None):
    response = (client or Client()).get(url)
    assert response.status_code == 200
    return response, response.content.decode()


def rewrite(lesson, text):
    lesson.body = [("rich_text", f"<p>{text}</p>")]
    lesson.save_revision().publish()


def test_a_hit_within_the_local_seconds_asks_the_shared_cache_nothing(lesson, shared):
    first, html = fetch(lesson.url)
    assert first[HIT_HEADER] == "miss"
    uses = shared.uses
    second, cached = fetch(lesson.url)
    assert second[HIT_HEADER] == "hit"
    assert shared.uses == uses
    before_token = 'name="csrfmiddlewaretoken"'
    assert cached.split(before_token)[0] == html.split(before_token)[0]


def test_the_process_that_publishes_serves_the_new_page_at_once(lesson):
    fetch(lesson.url)
    assert fetch(lesson.url)[0][HIT_HEADER] == "hit"
    rewrite(lesson, "Rewritten after review.")
    response, html = fetch(lesson.url)
    assert response[HIT_HEADER] == "miss"
    assert "Rewritten after review." in html


def test_another_process_publishing_is_seen_within_the_local_seconds(lesson, monkeypatch):
    fetch(lesson.url)
    # Published in another worker process: the shared version moves, this process's copies
    # are not told.
    monkeypatch.setattr(page_copies.copies, "forget", lambda: None)
    rewrite(lesson, "Rewritten after review.")
    response, html = fetch(lesson.url)
    assert "Rewritten after review." not in html  # the old copy, for at most 2 seconds

    page_copies.copies._version_read_at -= 2.01  # two seconds later
    response, html = fetch(lesson.url)
    assert response[HIT_HEADER] == "miss"
    assert "Rewritten after review." in html


def test_signed_in_readers_never_get_a_local_copy(lesson, make_user):
    fetch(lesson.url)
    assert fetch(lesson.url)[0][HIT_HEADER] == "hit"
    reader = Client()
    reader.force_login(make_user("learner"))
    response, html = fetch(lesson.url, reader)
    assert HIT_HEADER not in response
    assert SIGN_OUT in html


def test_a_copy_is_never_served_under_another_version():
    copies = PageCopies()
    with override_settings(MULOQOT_PAGE_CACHE_LOCAL_SECONDS=2):
        copies.put("lesson", {"version": 7, "content": b"old"})
        assert copies.get("lesson", 8) is None
        assert copies.get("lesson", 7) is None  # dropped when found stale
        copies.put("lesson", {"version": 8, "content": b"new"})
        assert copies.get("lesson", 8)["content"] == b"new"


def test_the_least_recently_served_copies_go_first():
    copies = PageCopies(max_entries=2)
    with override_settings(MULOQOT_PAGE_CACHE_LOCAL_SECONDS=2):
        copies.put("a", {"version": 1})
        copies.put("b", {"version": 1})
        assert copies.get("a", 1)
        copies.put("c", {"version": 1})
        assert len(copies) == 2
        assert copies.get("b", 1) is None
        assert copies.get("a", 1) and copies.get("c", 1)


def test_on_with_a_shared_cache_and_off_with_an_in_process_one():
    redis = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache"}}
    locmem = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with override_settings(CACHES=redis):
        assert local_seconds() == 2
    with override_settings(CACHES=locmem):
        assert local_seconds() == 0
        copies = PageCopies()
        copies.put("lesson", {"version": 1})
        assert len(copies) == 0
    with override_settings(CACHES=redis, MULOQOT_PAGE_CACHE_LOCAL_SECONDS=0):
        assert local_seconds() == 0
