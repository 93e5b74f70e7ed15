"""Playwright journeys in Debian's chromium against pytest-django's live server."""

import io
import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from playwright.sync_api import expect
from pytest_django.live_server_helper import LiveServer

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# The Wagtail admin's pages are heavy for a 2-core machine that also runs the server.
expect.set_options(timeout=15_000)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_FLAGS,
        "headless": True,
    }


@pytest.fixture(scope="session")
def site(committed_database):
    """A live server on the test database with the demo content, shared by every journey.

    The journeys are not database tests (no django_db marker), so pytest-django runs them after
    all the others and never flushes the database under them: the data migrations' groups, home
    page and site stay in place. (pytest-django's own live_server would make each journey a
    transactional test whose flush erases that data, and serialized_rollback cannot restore it
    inside Playwright's event loop.)

    Wagtail's editor autosave is off for the journeys: an autosave that starts between the
    journey's last keystroke and its click on "Submit for approval" turns the submit into a
    plain save, so a journey would fail on timing alone. Autosave is Wagtail's own feature,
    tested by Wagtail; the journeys test our workflow.
    """
    # The live server's threads use the database for the whole session.
    with committed_database(), override_settings(WAGTAIL_AUTOSAVE_INTERVAL=0):
        call_command("seed_demo", password="Browser-pass-2026", stdout=io.StringIO())
        call_command("create_signing_key", "--if-missing", stdout=io.StringIO())
        # Playwright's event loop gives later code a different connection object; close this
        # one now so that no session is left open when the test database is dropped.
        connection.close()
        server = LiveServer("localhost")
        try:
            yield server
        finally:
            server.stop()


@pytest.fixture
def axe_serious_violations():
    """Run axe-core on the page; return the serious and critical violations."""
    axe = Axe()

    def check(page) -> list[str]:
        results = axe.run(page)
        return [
            f"{violation['id']}: {violation['help']} ({len(violation['nodes'])} nodes)"
            for violation in results.response["violations"]
            if violation["impact"] in {"serious", "critical"}
        ]

    return check
