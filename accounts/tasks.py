from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django_tasks import task

from core import scripts

from .invitations import invitation_url


@task()
def invitation_send(user_id: int) -> None:
    """E-mail an imported civil servant the link that sets their password."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email or user.has_usable_password():
        return
    with scripts.override(user.preferred_language, user.preferred_script):
        context = {
            "user": user,
            "invitation_url": invitation_url(user),
            "days": settings.MULOQOT_INVITATION_MAX_AGE_DAYS,
        }
        subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
        body = render_to_string("accounts/email/invitation_message.txt", context)
    send_mail(subject, body, None, [user.email])
