"""Writes in the playbooks space: threads and posts, votes, subscriptions, reports and
moderation, adoptions, template versions and proposed revisions.

Each raises ``ValidationError`` (messages below, asserted by the tests) or ``PermissionDenied``;
each multi-row write is one transaction.
"""

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.log_actions import log

from accounts.models import Employment

from . import rules
from .markdown import markdown_to_html
from .models import (
    Adoption,
    PlaybookPage,
    Post,
    PostKind,
    PostReport,
    PostVote,
    ProposalStatus,
    Subscription,
    TemplateFile,
    TemplateProposal,
    TemplateVersion,
    Thread,
)
from .ratelimit import post_rate_hit
from .uploads import upload_validate

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
MESSAGE_NO_ORGANIZATION = _("Only civil servants with a current position can mark this.")
MESSAGE_NOT_YOUR_ORGANIZATION = _("Choose one of your own organisations.")
MESSAGE_PROPOSAL_NOT_PENDING = _("This proposal has already been reviewed.")
MESSAGE_LABEL_TAKEN = _("This template already has a version %(label)s.")
MESSAGE_LABEL_REQUIRED = _("Give the version a label, for example 1.1.")
MESSAGE_NOTE_REQUIRED = _("Say what changed in this version.")
MESSAGE_PROPOSAL_NOTE_REQUIRED = _("Say what you changed in the file and why.")
MESSAGE_REASON_REQUIRED = _("Tell the proposer why the file is not accepted.")

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
    from .tasks import post_notify_task  # noqa: PLC0415 - tasks import services

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
    if not rules.user_can_post(user):
        raise PermissionDenied(MESSAGE_CANNOT_POST)
    if post.author_id == user.pk:
        raise ValidationError(MESSAGE_OWN_POST_VOTE, code="own_post")
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
    if not user.is_authenticated:
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


# Adoption ----------------------------------------------------------------------------------------


@transaction.atomic
def adoption_toggle(*, user, playbook: PlaybookPage, organization_id: int | None = None) -> bool:
    """Mark (or unmark) that the user's organisation uses this playbook; True when marked."""
    organizations = list(
        Employment.objects.current()
        .filter(user=user)
        .values_list("organization_id", flat=True)
        .distinct()
    )
    if not organizations:
        raise PermissionDenied(MESSAGE_NO_ORGANIZATION)
    if organization_id is None:
        organization_id = organizations[0]
    if organization_id not in organizations:
        raise ValidationError(MESSAGE_NOT_YOUR_ORGANIZATION, code="not_your_organization")
    existing = Adoption.objects.filter(
        playbook__translation_key=playbook.translation_key, organization_id=organization_id
    )
    if existing.exists():
        existing.delete()
        return False
    try:
        with transaction.atomic():
            Adoption.objects.create(
                playbook=playbook, organization_id=organization_id, marked_by=user
            )
    except IntegrityError:
        pass
    return True


# Template versions and proposals -----------------------------------------------------------------


def _document_from_upload(*, title: str, content: bytes, filename: str, user):
    document = get_document_model()(title=title, uploaded_by_user=user)
    document.file.save(filename, ContentFile(content), save=False)
    document.file_size = len(content)
    document.save()
    return document


@transaction.atomic
def template_version_add(
    *,
    template: TemplateFile,
    content: bytes,
    filename: str,
    label: str,
    change_note: str,
    author,
    published_by=None,
) -> TemplateVersion:
    """A new current version of ``template`` from the bytes of a checked upload."""
    label, change_note = (label or "").strip(), (change_note or "").strip()
    errors = {}
    if not label:
        errors["label"] = MESSAGE_LABEL_REQUIRED
    elif template.versions.filter(label__iexact=label).exists():
        errors["label"] = ValidationError(MESSAGE_LABEL_TAKEN, params={"label": label})
    if not change_note:
        errors["change_note"] = MESSAGE_NOTE_REQUIRED
    if errors:
        raise ValidationError(errors)
    try:
        upload_validate(ContentFile(content, name=filename), name=filename)
    except ValidationError as error:
        raise ValidationError({"file": error}) from None
    document = _document_from_upload(
        title=f"{template.title} {label}", content=content, filename=filename, user=published_by
    )
    version = TemplateVersion(
        template=template,
        document=document,
        label=label,
        change_note=change_note,
        author=author,
        published_by=published_by,
    )
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def proposal_create(*, user, template: TemplateFile, upload, note: str) -> TemplateProposal:
    if not rules.user_can_propose(user):
        raise PermissionDenied(MESSAGE_CANNOT_POST)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": MESSAGE_PROPOSAL_NOTE_REQUIRED})
    try:
        kind = upload_validate(upload)
    except ValidationError as error:
        raise ValidationError({"file": error}) from None
    original = upload.name.rsplit("/", 1)[-1][:200]
    proposal = TemplateProposal(
        template=template, proposer=user, note=note, original_filename=original
    )
    upload.seek(0)
    # A random name: the file is private to its proposer and reviewers, never guessable.
    proposal.file.save(f"{uuid.uuid4().hex}.{kind}", ContentFile(upload.read()), save=False)
    proposal.save()
    return proposal


@transaction.atomic
def proposal_publish(
    *, user, proposal: TemplateProposal, label: str, change_note: str
) -> TemplateVersion:
    """Publish a proposed file as the template's next version, crediting the proposer."""
    if not user.has_perm(rules.REVIEW_PERMISSION):
        raise PermissionDenied
    proposal = TemplateProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProposalStatus.PENDING:
        raise ValidationError(MESSAGE_PROPOSAL_NOT_PENDING, code="not_pending")
    with proposal.file.open("rb") as handle:
        content = handle.read()
    version = template_version_add(
        template=proposal.template,
        content=content,
        filename=proposal.original_filename,
        label=label,
        change_note=change_note,
        author=proposal.proposer,
        published_by=user,
    )
    proposal.status = ProposalStatus.PUBLISHED
    proposal.version = version
    proposal.reviewed_by = user
    proposal.reviewed_at = timezone.now()
    proposal.save(update_fields=["status", "version", "reviewed_by", "reviewed_at"])
    log(
        instance=proposal,
        action="playbooks.publish_proposal",
        user=user,
        data={"version": version.label},
    )
    return version


@transaction.atomic
def proposal_reject(*, user, proposal: TemplateProposal, review_note: str) -> TemplateProposal:
    if not user.has_perm(rules.REVIEW_PERMISSION):
        raise PermissionDenied
    proposal = TemplateProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProposalStatus.PENDING:
        raise ValidationError(MESSAGE_PROPOSAL_NOT_PENDING, code="not_pending")
    review_note = (review_note or "").strip()
    if not review_note:
        raise ValidationError({"review_note": MESSAGE_REASON_REQUIRED})
    proposal.status = ProposalStatus.REJECTED
    proposal.reviewed_by = user
    proposal.reviewed_at = timezone.now()
    proposal.review_note = review_note
    proposal.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
    log(instance=proposal, action="playbooks.reject_proposal", user=user, data={})
    return proposal
