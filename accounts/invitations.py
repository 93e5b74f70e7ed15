"""Invitation links: an imported civil servant sets a password and signs in.

A token names the user and a fingerprint of their password hash, signed with SECRET_KEY and
timestamped: it expires after MULOQOT_INVITATION_MAX_AGE_DAYS and stops working once used.
"""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

from .models import User

_SALT = "accounts.invitation"


def _password_fingerprint(user: User) -> str:
    return salted_hmac(_SALT, user.password).hexdigest()[:20]


def invitation_token_make(user: User) -> str:
    return signing.dumps({"u": user.pk, "p": _password_fingerprint(user)}, salt=_SALT)


def invitation_user_get(token: str) -> User | None:
    """The invited user, or None when the link is forged, expired or already used."""
    max_age = settings.MULOQOT_INVITATION_MAX_AGE_DAYS * 24 * 60 * 60
    try:
        payload = signing.loads(token, salt=_SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    user = User.objects.filter(pk=payload.get("u"), is_active=True).first()
    if user is None or not constant_time_compare(payload.get("p", ""), _password_fingerprint(user)):
        return None
    return user


def invitation_url(user: User) -> str:
    path = reverse("accounts:invitation_accept", kwargs={"token": invitation_token_make(user)})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@transaction.atomic
def invitation_accept(*, user: User, password: str) -> None:
    """Set the chosen password and confirm the e-mail address the invitation was sent to."""
    user.set_password(password)
    user.save(update_fields=["password"])
    if user.email:
        address, _created = EmailAddress.objects.get_or_create(
            user=user, email__iexact=user.email, defaults={"email": user.email}
        )
        EmailAddress.objects.filter(user=user).exclude(pk=address.pk).update(primary=False)
        address.verified = True
        address.primary = True
        address.save(update_fields=["verified", "primary"])
