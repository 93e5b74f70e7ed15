"""The anonymous page cache (core/caching.py): served before routing, never to or from a
signed-in reader or a visitor with a session, refreshed by publishing, one copy per script."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, PageViewRestriction

from core import scripts
from core.caching import HIT_HEADER, response_is_storable
from courses.models import Audience
from quizzes.models import Quiz

from .conftest import lessons_of

pytestmark = pytest.mark.django_db
SIGN_OUT = 'action="/accounts/logout/"'


@pytest.fixture
def lesson(make_course):
    cache.clear()
    return lessons_of(make_course(lessons=2))[0]


def fetch(client, url, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200
    return response, response.content.decode()


def test_a_second_anonymous_reader_gets_the_page_without_touching_the_database(lesson):
    first, html = fetch(Client(), lesson.url)
    assert first[HIT_HEADER] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second, cached_html = fetch(Client(), lesson.url)
    assert second[HIT_HEADER] == "hit"
    assert len(queries) == 0  # no session, no routing, no page, no rendering
    assert lesson.title in cached_html
    # The security headers of every response are there on a hit too.
    assert "script-src 'self'" in second["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "SAMEORIGIN"
    assert "private" in second["Cache-Control"]


def test_each_reader_of_a_cached_page_gets_their_own_csrf_token(lesson):
    fetch(Client(), lesson.url)
    tokens = []
    for _reader in range(2):
        reader = Client(enforce_csrf_checks=True)
        response, html = fetch(reader, lesson.url)
        assert response[HIT_HEADER] == "hit"
        assert "muloqot-csrf-token-placeholder" not in html
        token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        tokens.append(token)
        assert reader.cookies["csrftoken"].value  # the token's cookie comes with it
        # The language switch (a form on every page) accepts the reader's token.
        switched = reader.post("/i18n/setlang/", {"csrfmiddlewaretoken": token, "language": "ru"})
        assert switched.status_code == 302
    assert tokens[0] != tokens[1]


def test_signed_in_readers_never_get_the_cached_copy_nor_fill_it(lesson, make_user):
    fetch(Client(), lesson.url)  # an anonymous copy is stored
    reader = Client()
    reader.force_login(make_user("learner"))
    response, html = fetch(reader, lesson.url)
    assert HIT_HEADER not in response
    assert SIGN_OUT in html  # the reader's own header, not the visitor's copy

    cache.clear()
    response, html = fetch(reader, lesson.url)  # signed in first: nothing is stored
    assert HIT_HEADER not in response
    anonymous, anonymous_html = fetch(Client(), lesson.url)
    assert anonymous[HIT_HEADER] == "miss"
    assert SIGN_OUT not in anonymous_html


def test_a_visitor_with_a_session_is_served_their_own_page(lesson):
    visitor = Client()
    fetch(visitor, lesson.url)
    visitor.post(f"/learning/lessons/{lesson.pk}/complete/")  # progress in the session
    assert "sessionid" in visitor.cookies
    response, html = fetch(visitor, lesson.url)
    assert HIT_HEADER not in response
    assert "is-done" in html
    stranger, stranger_html = fetch(Client(), lesson.url)
    assert "is-done" not in stranger_html


def test_publishing_a_page_refreshes_the_cached_copy(lesson):
    fetch(Client(), lesson.url)
    assert fetch(Client(), lesson.url)[0][HIT_HEADER] == "hit"
    lesson.body = [("rich_text", "<p>Rewritten after review.</p>")]
    lesson.save_revision().publish()
    response, html = fetch(Client(), lesson.url)
    assert response[HIT_HEADER] == "miss"
    assert "Rewritten after review." in html


def test_publishing_a_snippet_a_page_shows_refreshes_it(lesson):
    quiz = Quiz(title="Check yourself", locale=Locale.get_default())
    quiz.save()
    quiz.save_revision().publish()
    lesson.body = [("quiz", {"quiz": quiz})]
    lesson.save_revision().publish()
    fetch(Client(), lesson.url)
    assert fetch(Client(), lesson.url)[0][HIT_HEADER] == "hit"
    quiz.title = "Check yourself again"
    quiz.save_revision().publish()
    response, html = fetch(Client(), lesson.url)
    assert response[HIT_HEADER] == "miss"
    assert "Check yourself again" in html


def test_making_a_course_private_takes_its_lessons_out_of_the_cache(lesson):
    fetch(Client(), lesson.url)
    PageViewRestriction.objects.create(
        page=lesson.get_parent(), restriction_type=PageViewRestriction.GROUPS
    ).groups.set([Group.objects.create(name="Inspectors")])
    response = Client().get(lesson.url)
    assert response.status_code == 302  # to sign in: the stored copy is stale


def test_a_closed_course_redirects_every_visitor_and_nothing_is_stored(make_course):
    cache.clear()
    lesson = lessons_of(make_course(audience=Audience.CIVIL_SERVANTS, lessons=1))[0]
    for _visitor in range(2):
        response = Client().get(lesson.url)
        assert response.status_code == 302
        assert HIT_HEADER not in response


def test_a_cyrillic_reader_never_gets_the_latin_copy(lesson):
    fetch(Client(), lesson.url)  # Latin copy stored
    by_cookie = Client()
    by_cookie.cookies[scripts.COOKIE_NAME] = "cyrl"
    response, html = fetch(by_cookie, lesson.url)
    assert response[HIT_HEADER] == "miss"
    assert '<legend class="visually-hidden">Тил</legend>' in html
    by_browser, browser_html = fetch(Client(), lesson.url, HTTP_ACCEPT_LANGUAGE="uz-Cyrl,ru;q=0.8")
    assert by_browser[HIT_HEADER] == "hit"  # the Cyrillic copy the cookie reader stored
    assert browser_html == html.replace(
        html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0],
        browser_html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0],
    )
    latin, latin_html = fetch(Client(), lesson.url)
    assert latin[HIT_HEADER] == "hit"
    assert "lesson 1" in latin_html and "дарс" not in latin_html


def test_each_language_has_its_own_copy(lesson):
    fetch(Client(), lesson.url)
    response = Client().get("/ru" + lesson.url)
    assert HIT_HEADER not in response or response[HIT_HEADER] == "miss"


def test_the_catalogue_and_course_pages_are_cached_too(lesson):
    course = lesson.get_parent()
    for url in ("/courses/", course.url):
        assert fetch(Client(), url)[0][HIT_HEADER] == "miss"
        assert fetch(Client(), url)[0][HIT_HEADER] == "hit"


def test_made_up_query_strings_are_not_stored(lesson):
    for _reader in range(2):
        response, _html = fetch(Client(), lesson.url + "?utm=x")
        assert HIT_HEADER not in response


def storable(response, **request_attributes) -> bool:
    request = RequestFactory().get("/kurslar/")
    request.page_cache_query_prefixes = ()
    for name, value in request_attributes.items():
        setattr(request, name, value)
    return response_is_storable(request, response)


def html_response(**headers) -> HttpResponse:
    response = HttpResponse("<p>Page</p>")
    for name, value in headers.items():
        response[name] = value
    return response


def test_responses_with_anything_personal_are_never_stored():
    assert storable(html_response())
    with_cookie = html_response()
    with_cookie.set_cookie("messages", "saved")
    assert not storable(with_cookie)
    assert not storable(html_response(Vary="User-Agent"))
    assert not storable(html_response(**{"Cache-Control": "no-store"}))
    assert not storable(html_response(**{"Cache-Control": "private"}))
    # A page that used a CSP nonce would replay it to everyone.
    assert not storable(html_response(), _csp_nonce="abc123")
    # Only pages that passed their privacy check mark the request as storable.
    not_a_page = RequestFactory().get("/kurslar/")
    assert not response_is_storable(not_a_page, html_response())
