import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from accounts.models import User
from accounts.roles import TRAINERS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()


def test_citizen_signs_up_and_must_verify_email(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "dilnoza@example.uz",
            "full_name": "Rahimova Dilnoza",
            "password1": "Fact-check-2026",
            "password2": "Fact-check-2026",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="dilnoza@example.uz")
    assert user.full_name == "Rahimova Dilnoza"
    assert not EmailAddress.objects.get(user=user).verified
    assert "_auth_user_id" not in client.session  # mandatory verification: not signed in yet

    [message] = mail.outbox
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    client.post("/" + path)
    assert EmailAddress.objects.get(user=user).verified


def test_signup_in_russian_remembers_the_language(client):
    client.post(
        "/ru/accounts/signup/",
        {
            "email": "ivan@example.uz",
            "full_name": "Иванов Иван",
            "password1": "Fact-check-2026",
            "password2": "Fact-check-2026",
        },
    )
    assert User.objects.get(email="ivan@example.uz").preferred_language == "ru"


def test_signup_errors_are_in_the_users_language(client):
    response = client.post("/ru/accounts/signup/", {"email": "bad", "full_name": ""})
    assert response.status_code == 200
    assert "Требуется заполнить это поле." in response.content.decode()
    assert not User.objects.exists()


def test_login_with_email_or_username(client, make_user):
    make_user("bahodir", email="bahodir@example.uz", password="Press-secretary-1")
    for login in ("bahodir", "bahodir@example.uz"):
        client.logout()
        response = client.post(
            reverse("account_login"), {"login": login, "password": "Press-secretary-1"}
        )
        assert response.status_code == 302, login
        assert "_auth_user_id" in client.session


def test_repeated_failed_logins_are_rate_limited(client, make_user):
    make_user("bahodir", email="bahodir@example.uz", password="Press-secretary-1")
    url = "/en/accounts/login/"
    for _ in range(5):
        client.post(url, {"login": "bahodir", "password": "wrong"})
    # Even the right password is refused until the window passes.
    response = client.post(url, {"login": "bahodir", "password": "Press-secretary-1"})
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)
    assert "Too many failed login attempts" in response.content.decode()


def test_password_reset_sends_a_link(client, make_user):
    make_user("bahodir", email="bahodir@example.uz")
    response = client.post(reverse("account_reset_password"), {"email": "bahodir@example.uz"})
    assert response.status_code == 302
    [message] = mail.outbox
    assert "/accounts/password/reset/key/" in message.body


def test_staff_without_totp_must_set_it_up_when_required(client, make_user, settings):
    settings.MULOQOT_STAFF_MFA_REQUIRED = True
    trainer = make_user("trainer", groups=[TRAINERS], password="Press-secretary-1")
    client.post(reverse("account_login"), {"login": "trainer", "password": "Press-secretary-1"})
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    # allauth asks for the password again before showing the TOTP secret; that page is reachable.
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    response = client.post(response["Location"], {"password": "Press-secretary-1"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("mfa_activate_totp")
    assert response.status_code == 200

    Authenticator.objects.create(user=trainer, type=Authenticator.Type.TOTP, data={})
    assert client.get("/admin/").status_code == 200


def test_citizens_are_not_asked_for_totp(client, make_user, settings):
    settings.MULOQOT_STAFF_MFA_REQUIRED = True
    client.force_login(make_user("citizen"))
    assert client.get("/").status_code == 200
