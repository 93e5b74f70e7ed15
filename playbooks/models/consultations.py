"""Consultation threads: questions, answers and replies, votes, subscriptions and reports."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.validators import one_line

if TYPE_CHECKING:
    from .pages import PlaybookPage


class ThreadQuerySet(models.QuerySet):
    def on_board(self):
        return self.filter(playbook__isnull=True)

    def on_playbook(self, playbook: "PlaybookPage"):
        """Threads on this playbook in any of its languages."""
        return self.filter(playbook__translation_key=playbook.translation_key)


class Thread(models.Model):
    """A question and what followed. On a playbook, or on the general board (no playbook)."""

    playbook = models.ForeignKey(
        "playbooks.PlaybookPage",
        verbose_name=_("playbook"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="threads",
        help_text=_("Empty: the general consultation board."),
    )
    title = models.CharField(_("title"), max_length=200, validators=[one_line])
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.CASCADE,
        related_name="playbook_threads",
    )
    is_public = models.BooleanField(
        _("visible to everyone"),
        default=True,
        help_text=_("Citizens and visitors may read it. Untick to keep it among civil servants."),
    )
    language = models.CharField(_("language"), max_length=8, default="uz")
    accepted_answer = models.OneToOneField(
        "playbooks.Post",
        verbose_name=_("accepted answer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    last_activity_at = models.DateTimeField(_("last activity"), auto_now_add=True, db_index=True)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        verbose_name = _("consultation thread")
        verbose_name_plural = _("consultation threads")
        ordering = ["-last_activity_at", "-pk"]

    def __str__(self):
        return self.title


class PostKind(models.TextChoices):
    QUESTION = "question", _("Question")
    ANSWER = "answer", _("Answer")
    REPLY = "reply", _("Reply")


class Post(models.Model):
    """One message: the question that opens a thread, an answer to it, or a reply to an answer.

    ``body`` is the Markdown the author wrote; ``body_html`` is it rendered and sanitised
    (``playbooks.markdown``), the only form ever shown.
    """

    thread = models.ForeignKey(
        Thread, verbose_name=_("thread"), on_delete=models.CASCADE, related_name="posts"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=PostKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="playbook_posts",
    )
    body = models.TextField(_("text"))
    body_html = models.TextField(_("text (HTML)"), editable=False)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    is_hidden = models.BooleanField(_("hidden by a moderator"), default=False, db_index=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    useful_count = models.PositiveIntegerField(_("useful votes"), default=0)

    class Meta:
        verbose_name = _("consultation post")
        verbose_name_plural = _("consultation posts")
        ordering = ["created_at", "pk"]
        permissions = [
            ("moderate_post", _("Can answer as a trainer, accept answers and hide posts")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["thread"],
                condition=models.Q(kind="question"),
                name="playbooks_post_one_question_per_thread",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="reply", parent__isnull=False)
                | (~models.Q(kind="reply") & models.Q(parent__isnull=True)),
                name="playbooks_post_only_replies_have_parent",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk} ({self.thread.title})"


class PostVote(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("useful vote")
        verbose_name_plural = _("useful votes")
        constraints = [
            models.UniqueConstraint(fields=["post", "user"], name="playbooks_postvote_unique"),
        ]

    def __str__(self):
        return f"{self.user_id} → {self.post_id}"


class Subscription(models.Model):
    """E-mail me when someone writes in this thread."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="subscriptions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["thread", "user"], name="playbooks_subscription_unique"
            ),
        ]

    def __str__(self):
        return f"{self.user_id} → {self.thread_id}"


class PostReport(models.Model):
    """A reader's "report this post": it waits in the moderation queue until a trainer acts."""

    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=models.Q(resolved_at__isnull=True),
                name="playbooks_postreport_one_open_per_reporter",
            ),
        ]

    def __str__(self):
        return f"{self.post} ({self.reason})"
