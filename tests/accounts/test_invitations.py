import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.invitations import invitation_token_make, invitation_user_get
from accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited(db):
    user = User.objects.create_user(username="invited", email="invited@example.uz")
    user.set_unusable_password()
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    return user


def accept_url(user):
    return reverse("accounts:invitation_accept", kwargs={"token": invitation_token_make(user)})


def test_invitation_sets_password_verifies_email_and_signs_in(client, invited):
    url = accept_url(invited)
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"new_password1": "Tashkent-2026-press", "new_password2": "Tashkent-2026-press"}
    )
    assert response.status_code == 302
    invited.refresh_from_db()
    assert invited.check_password("Tashkent-2026-press")
    assert EmailAddress.objects.get(user=invited).verified
    assert client.session["_auth_user_id"] == str(invited.pk)


def test_invitation_works_once(client, invited):
    url = accept_url(invited)
    data = {"new_password1": "Tashkent-2026-press", "new_password2": "Tashkent-2026-press"}
    client.post(url, data)
    client.logout()
    response = client.post(url, {**data, "new_password1": "x", "new_password2": "x"})
    assert response.status_code == 400
    invited.refresh_from_db()
    assert invited.check_password("Tashkent-2026-press")


def test_weak_password_is_refused_with_a_message(client, invited):
    response = client.post(accept_url(invited), {"new_password1": "123", "new_password2": "123"})
    assert response.status_code == 400
    assert "Parol juda qisqa" in response.content.decode()  # Django's message, in Uzbek
    invited.refresh_from_db()
    assert not invited.has_usable_password()


def test_forged_and_expired_tokens_are_refused(client, invited, settings, freezer=None):
    assert invitation_user_get("forged-token") is None
    token = invitation_token_make(invited)
    settings.MULOQOT_INVITATION_MAX_AGE_DAYS = 0
    assert invitation_user_get(token) is None
    response = client.get(reverse("accounts:invitation_accept", kwargs={"token": token}))
    assert response.status_code == 400


def test_deactivated_user_cannot_use_an_invitation(invited):
    token = invitation_token_make(invited)
    invited.is_active = False
    invited.save()
    assert invitation_user_get(token) is None
