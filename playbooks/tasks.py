"""E-mails to the subscribers of a thread, sent by the task worker after the post commits."""

import logging

from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from .models import Post, PostKind, Subscription
from .rules import user_can_read_thread

logger = logging.getLogger(__name__)


def thread_url(thread) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "playbooks:thread", args=[thread.pk]
    )


@task()
def post_notify_task(post_id: int) -> int:
    """Tell every subscriber except the author about a new answer or reply; the number sent."""
    post = Post.objects.select_related("thread", "author").filter(pk=post_id).first()
    if post is None or post.is_hidden:
        return 0
    thread = post.thread
    # The read rule hides a thread whose question a trainer hid; it needs the question.
    thread.question = Post.objects.filter(thread=thread, kind=PostKind.QUESTION).first()
    subscribers = (
        Subscription.objects.filter(thread=thread)
        .exclude(user_id=post.author_id)
        .select_related("user")
    )
    messages = []
    for subscription in subscribers:
        user = subscription.user
        if not user.email or not user.is_active or not user_can_read_thread(user, thread):
            continue
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            context = {"post": post, "thread": thread, "user": user, "url": thread_url(thread)}
            subject = render_to_string("playbooks/email/new_post_subject.txt", context).strip()
            body = render_to_string("playbooks/email/new_post_message.txt", context)
        messages.append((subject, body, None, [user.email]))
    if messages:
        send_mass_mail(messages, fail_silently=False)
    logger.info("Thread %s: %d notification(s) for post %s", thread.pk, len(messages), post.pk)
    return len(messages)
