import contextlib

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import connection
from django.dispatch import receiver
from django.test.utils import setup_databases, teardown_databases
from django.urls import clear_url_caches
from django.utils import translation
from wagtail.models import Site

from accounts.models import Employment, Organization, User
from accounts.roles import COORDINATORS
from certificates.signing import signing_key_create


@receiver(setting_changed)
def _language_code_changed(*, setting, **kwargs):
    """Django's URL resolver keeps its reverse map per language, built with the LANGUAGE_CODE of
    the moment: a test that changes LANGUAGE_CODE would leave /en/ URLs without their prefix."""
    if setting == "LANGUAGE_CODE":
        clear_url_caches()


@pytest.fixture(scope="session", autouse=True)
def _signing_key_present():
    """Certificates are signed when issued: whichever test issues one first (a quiz's, a
    course's) finds the test key, whatever order the files run in."""
    path = settings.MULOQOT_SIGNING_KEY_PATH
    if not path.exists():
        signing_key_create(path)


@pytest.fixture(autouse=True)
def _fresh_cache_and_language():
    """Each test starts with an empty cache and the default language. The database is rolled back
    after a test but the local-memory cache is not: Wagtail's cached site root paths would name
    pages that no longer exist. And a request (the Wagtail admin's above all) leaves its
    language active in the thread, which reverse() follows."""
    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def organizations(db):
    """A small tree: agency; region → two districts."""
    agency = Organization.add_root(code="mininfo", name="Information Agency", kind="agency")
    region = Organization.add_root(code="tashkent-region", name="Tashkent Region", kind="region")
    chirchiq = region.add_child(code="chirchiq", name="Chirchiq", kind="district")
    angren = region.add_child(code="angren", name="Angren", kind="district")
    return {org.code: org for org in (agency, region, chirchiq, angren)}


@pytest.fixture
def make_user(db):
    def make(username="person", *, password="correct-horse-battery", groups=(), **fields):
        fields.setdefault("email", f"{username}@example.uz")
        fields.setdefault("full_name", username.title())
        user = User.objects.create_user(username=username, password=password, **fields)
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        for name in groups:
            user.groups.add(Group.objects.get(name=name))
        return user

    return make


@pytest.fixture
def region_coordinator(make_user, organizations):
    user = make_user("coordinator", groups=[COORDINATORS])
    Employment.objects.create(
        user=user, organization=organizations["tashkent-region"], is_coordinator=True
    )
    return user


@pytest.fixture(scope="session")
def committed_database(django_db_setup, django_db_blocker):
    """Database access outside pytest-django's per-test transactions, on the test database.

    For tests that need committed rows seen by other threads (the live server, concurrent
    workers) without a transactional test's flush, which would erase what the data migrations
    wrote. Such tests are not `django_db` tests, so pytest-django runs them last; they clean up
    what they create.
    """
    created = None
    with django_db_blocker.unblock():
        name = str(connection.settings_dict["NAME"])
        if name != connection.settings_dict.get("TEST", {}).get("NAME") and not name.startswith(
            "test_"
        ):
            # No selected test asked for the database, so pytest-django made none: make one
            # rather than touch the development database.
            created = setup_databases(verbosity=0, interactive=False, aliases={"default"})
        if not Site.objects.exists():
            pytest.fail(
                "The migrated data is gone: a transactional test emptied the database. "
                "Use the committed_database fixture instead of transaction=True."
            )

    @contextlib.contextmanager
    def access():
        with django_db_blocker.unblock():
            yield

    yield access
    if created is not None:
        with django_db_blocker.unblock():
            connection.close()
            teardown_databases(created, verbosity=0)
