"""Writes in the consultation threads: questions, answers and replies, edits, accepted answers,
useful votes, subscriptions, reports and their moderation, with the per-user rate limit.

Each raises ``ValidationError`` (messages below, asserted by the tests), ``PermissionDenied`` or
``RateLimited``; each multi-row write is one transaction. Who may do what is decided in rules.py.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from core.validators import MESSAGE_ONE_LINE, has_control_characters

from . import rules
from .markdown import markdown_to_html
from .models import PlaybookPage, Post, PostKind, PostReport, PostVote, Subscription, Thread
from .ratelimit import post_rate_hit
from .tasks import post_notify_task

MESSAGE_CANNOT_POST = _("Only civil servants and trainers can write here. Citizens can read.")
MESSAGE_RATE_LIMITED = _("You have written many posts in a short time. Please wait and try again.")
MESSAGE_EMPTY_BODY = _("Write the text of your post.")
MESSAGE_EMPTY_TITLE = _("Give your question a title.")
MESSAGE_BODY_TOO_LONG = _("A post can be at most %(limit)d characters long.")
MESSAGE_REPLY_TO_ANSWER = _("You can reply only to an answer in this thread.")
MESSAGE_EDIT_CLOSED = _("This post can no longer be edited.")
MESSAGE_ACCEPT_NOT_ALLOWED = _("Only the person who asked or a trainer can accept an answer.")
MESSAGE_ACCEPT_ANSWERS_ONLY = _("Only a visible answer in this thread can be accepted.")
MESSAGE_OWN_POST_VOTE = _("You cannot mark your own post as useful.")
MESSAGE_ALREADY_REPORTED = _("You have already reported this post; a trainer will look at it.")
MESSAGE_NOT_MODERATOR = _("Only trainers can hide or restore posts.")

BODY_MAX_LENGTH = 20_000


class RateLimited(Exception):
    """The author has written the allowed number of posts in this window."""


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": MESSAGE_EMPTY_BODY})
    if len(body) > BODY_MAX_LENGTH:
        raise ValidationError(
            {"body": ValidationError(MESSAGE_BODY_TOO_LONG, params={"limit": BODY_MAX_LENGTH})}
        )
    return body


def _check_can_post(user) -> None:
    if not rules.user_can_post(user):
        raise PermissionDenied(MESSAGE_CANNOT_POST)


def _count_post(user) -> None:
    if not post_rate_hit(user=user):
        raise RateLimited(str(MESSAGE_RATE_LIMITED))


def _notify_after_commit(post: Post) -> None:
    transaction.on_commit(lambda: post_notify_task.enqueue(post.pk))


@transaction.atomic
def thread_create(
    *, user, title: str, body: str, playbook: PlaybookPage | None = None, is_public: bool = True
) -> Thread:
    _check_can_post(user)
    title = (title or "").strip()
    errors = {}
    if not title:
        errors["title"] = MESSAGE_EMPTY_TITLE
    try:
        body = _clean_body(body)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    _count_post(user)
    thread = Thread(
        playbook=playbook,
        title=title[:200],
        author=user,
        is_public=is_public,
        language=translation.get_language() or "uz",
    )
    thread.full_clean()
    thread.save()
    question = Post(
        thread=thread,
        kind=PostKind.QUESTION,
        author=user,
        body=body,
        body_html=markdown_to_html(body),
    )
    question.save()
    Subscription.objects.get_or_create(thread=thread, user=user)
    return thread


@transaction.atomic
def post_create(*, user, thread: Thread, body: str, parent: Post | None = None) -> Post:
    """An answer to the thread's question, or (with ``parent``) a reply to an answer."""
    _check_can_post(user)
    if not rules.user_can_read_thread(user, thread):
        raise PermissionDenied
    body = _clean_body(body)
    if parent is not None and (
        parent.thread_id != thread.pk or parent.kind != PostKind.ANSWER or parent.is_hidden
    ):
        raise ValidationError(MESSAGE_REPLY_TO_ANSWER, code="bad_parent")
    _count_post(user)
    post = Post(
        thread=thread,
        kind=PostKind.REPLY if parent is not None else PostKind.ANSWER,
        parent=parent,
        author=user,
        body=body,
        body_html=markdown_to_html(body),
    )
    post.save()
    Thread.objects.filter(pk=thread.pk).update(last_activity_at=timezone.now())
    Subscription.objects.get_or_create(thread=thread, user=user)
    _notify_after_commit(post)
    return post


@transaction.atomic
def post_edit(*, user, post: Post, body: str, title: str | None = None) -> Post:
    if not rules.user_can_edit(user, post):
        raise ValidationError(MESSAGE_EDIT_CLOSED, code="edit_closed")
    body = _clean_body(body)
    post.body = body
    post.body_html = markdown_to_html(body)
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "body_html", "edited_at"])
    if post.kind == PostKind.QUESTION and title is not None:
        title = title.strip()
        if not title:
            raise ValidationError({"title": MESSAGE_EMPTY_TITLE})
        if has_control_characters(title):
            raise ValidationError({"title": MESSAGE_ONE_LINE})
        Thread.objects.filter(pk=post.thread_id).update(title=title[:200])
    return post


@transaction.atomic
def answer_accept(*, user, post: Post) -> Thread:
    thread = Thread.objects.select_for_update().get(pk=post.thread_id)
    if not rules.user_can_accept(user, thread):
        raise PermissionDenied(MESSAGE_ACCEPT_NOT_ALLOWED)
    if post.kind != PostKind.ANSWER or post.is_hidden:
        raise ValidationError(MESSAGE_ACCEPT_ANSWERS_ONLY, code="not_answer")
    thread.accepted_answer = post
    thread.save(update_fields=["accepted_answer"])
    return thread


@transaction.atomic
def post_vote_toggle(*, user, post: Post) -> bool:
    """Mark the post useful, or take the mark back; True when it is now marked."""
    if not rules.user_can_vote(user, post):
        if not rules.user_can_post(user):
            raise PermissionDenied(MESSAGE_CANNOT_POST)
        if post.author_id == user.pk:
            raise ValidationError(MESSAGE_OWN_POST_VOTE, code="own_post")
        raise PermissionDenied
    deleted, _details = PostVote.objects.filter(post=post, user=user).delete()
    if deleted:
        Post.objects.filter(pk=post.pk).update(useful_count=F("useful_count") - 1)
        return False
    try:
        with transaction.atomic():
            PostVote.objects.create(post=post, user=user)
    except IntegrityError:  # a double click: the other request voted
        return True
    Post.objects.filter(pk=post.pk).update(useful_count=F("useful_count") + 1)
    return True


def subscription_toggle(*, user, thread: Thread) -> bool:
    """Subscribe to or unsubscribe from a thread's e-mails; True when now subscribed."""
    if not user.is_authenticated or not rules.user_can_read_thread(user, thread):
        raise PermissionDenied
    deleted, _details = Subscription.objects.filter(thread=thread, user=user).delete()
    if deleted:
        return False
    Subscription.objects.get_or_create(thread=thread, user=user)
    return True


def post_report(*, user, post: Post, reason: str = "") -> PostReport:
    if not rules.user_can_report(user, post):
        raise PermissionDenied
    try:
        with transaction.atomic():
            return PostReport.objects.create(post=post, reporter=user, reason=reason.strip()[:500])
    except IntegrityError:
        raise ValidationError(MESSAGE_ALREADY_REPORTED, code="already_reported") from None


@transaction.atomic
def post_set_hidden(*, user, post: Post, hidden: bool, reason: str = "") -> Post:
    """Hide a post from everyone but its author and trainers, or restore it; resolves its open
    reports and writes the audit log."""
    if not rules.user_is_trainer(user):
        raise PermissionDenied(MESSAGE_NOT_MODERATOR)
    post = Post.objects.select_for_update().get(pk=post.pk)
    now = timezone.now()
    post.is_hidden = hidden
    post.hidden_at = now if hidden else None
    post.hidden_by = user if hidden else None
    post.save(update_fields=["is_hidden", "hidden_at", "hidden_by"])
    post.reports.filter(resolved_at__isnull=True).update(resolved_at=now, resolved_by=user)
    log(
        instance=post,
        action="playbooks.hide_post" if hidden else "playbooks.restore_post",
        user=user,
        data={"reason": reason.strip(), "thread": post.thread_id},
    )
    return post


@transaction.atomic
def reports_dismiss(*, user, post: Post) -> int:
    """The post is fine: close its open reports (audited) without hiding it."""
    if not rules.user_is_trainer(user):
        raise PermissionDenied(MESSAGE_NOT_MODERATOR)
    count = post.reports.filter(resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=user
    )
    log(instance=post, action="playbooks.dismiss_reports", user=user, data={"count": count})
    return count
