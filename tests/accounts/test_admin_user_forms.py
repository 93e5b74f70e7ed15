"""The Wagtail admin's user forms ask for our fields: one full name, language and script."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user("boss", is_superuser=True, is_staff=True))
    return client


def test_the_create_form_asks_for_the_full_name_and_reading_preferences(admin_client):
    html = admin_client.get(reverse("wagtailusers_users:add")).content.decode()

    for name in ("email", "full_name", "preferred_language", "preferred_script", "password1"):
        assert f'name="{name}"' in html
    assert 'name="first_name"' not in html


def test_the_edit_form_also_offers_to_deactivate_the_account(admin_client, make_user):
    user = make_user("bahodir")

    html = admin_client.get(reverse("wagtailusers_users:edit", args=[user.pk])).content.decode()

    for name in ("email", "full_name", "preferred_language", "is_active"):
        assert f'name="{name}"' in html
    assert 'name="last_name"' not in html
