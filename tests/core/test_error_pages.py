"""Branded, translated error pages (DEBUG is off in tests, as in production)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import permission_denied, server_error

from tests.courses.conftest import in_uzbek


@pytest.mark.django_db
def test_404_is_the_sites_page_in_the_readers_language(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert in_uzbek("Page not found") in html and "site-header" in html
    assert "/certificates/verify/" in html
    russian = client.get("/ru/no-such-page/").content.decode()
    with translation.override("ru"):
        assert translation.gettext("Page not found") in russian
    assert "Not Found" not in russian


@pytest.mark.django_db
def test_403_shows_the_reason_when_there_is_one():
    request = RequestFactory().get("/somewhere/")
    request.user = AnonymousUser()
    request.session = SessionStore()
    response = permission_denied(request, PermissionDenied("Only moderators may do this."))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Only moderators may do this." in html and in_uzbek("Access denied") in html
    response = permission_denied(request, PermissionDenied())
    assert in_uzbek("You do not have permission to open this page.") in response.content.decode()


def test_500_needs_no_database():
    # No django_db mark: any query here would fail the test.
    request = RequestFactory().get("/")
    with translation.override("ru"):
        response = server_error(request)
    assert response.status_code == 500
    with translation.override("ru"):
        assert translation.gettext("Something went wrong") in response.content.decode()
