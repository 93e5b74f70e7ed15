"""Passwords are stored with Argon2id at OWASP's setting; older hashes still sign in and are
re-hashed then. (The test settings use a fast hasher; these tests put the product's list back.)"""

import pytest
from django.contrib.auth.hashers import identify_hasher, make_password

from muloqot.settings import base

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def product_hashers(settings):
    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS


def test_a_new_password_is_stored_with_argon2id_at_owasps_setting():
    encoded = make_password("correct-horse-battery")

    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert identify_hasher(encoded).verify("correct-horse-battery", encoded)
    assert not identify_hasher(encoded).verify("correct-horse-batterY", encoded)


def test_a_password_stored_before_signs_in_and_is_rehashed_with_argon2id(client, make_user):
    user = make_user("old-timer", password="placeholder-unused-1")
    user.password = make_password("correct-horse-battery", hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])

    assert client.login(username="old-timer", password="correct-horse-battery")

    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")


def test_a_wrong_password_leaves_an_old_hash_untouched(client, make_user):
    user = make_user("old-timer", password="placeholder-unused-1")
    old = make_password("correct-horse-battery", hasher="pbkdf2_sha256")
    user.password = old
    user.save(update_fields=["password"])

    assert not client.login(username="old-timer", password="wrong-horse-battery")

    user.refresh_from_db()
    assert user.password == old
