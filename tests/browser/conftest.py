"""Playwright journeys in Debian's chromium against pytest-django's live server."""

import os

import pytest
from axe_playwright_python.sync_playwright import Axe

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

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
def migrated_data(django_db_setup, django_db_blocker) -> str:
    """What the data migrations wrote (groups, home page, site), captured once.

    A live-server test is transactional, and the database is emptied after it. Django's
    serialized_rollback would restore the data, but Playwright's event loop gives the test a
    different connection object that lacks the serialized copy, so the journeys restore it here.
    """
    from django.db import connection

    with django_db_blocker.unblock():
        return connection.creation.serialize_db_to_string()


@pytest.fixture
def site(live_server, migrated_data):
    """The live server with the migrated data and the demo content."""
    from django.core.management import call_command
    from django.db import connection
    from wagtail.models import Site

    if not Site.objects.exists():
        # Empty the tables post_migrate refilled (content types, permissions), then restore.
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        connection.creation.deserialize_db_from_string(migrated_data)
    call_command("seed_demo", password="Browser-pass-2026")
    return live_server


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
