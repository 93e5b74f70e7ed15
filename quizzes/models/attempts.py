"""Learner state: attempts and, per question shown, a snapshot, the saved response and the mark."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AttemptManager(models.Manager):
    """Attempts that count: previews (an author trying a quiz) are left out of every result,
    grade, statistic, completion and attempt limit by being left out here."""

    def get_queryset(self):
        return super().get_queryset().filter(is_preview=False)


class Attempt(models.Model):
    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        FINISHED = "finished", _("Finished")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    quiz = models.ForeignKey(
        "quizzes.Quiz", verbose_name=_("quiz"), on_delete=models.CASCADE, related_name="attempts"
    )
    # The quiz's translation_key: attempts, the one open attempt, the attempt limit and the grade
    # count over every language of a quiz, so a translation never grants more attempts.
    quiz_key = models.UUIDField(_("quiz (all languages)"), editable=False, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
    )
    # Visitors without an account: their attempt belongs to their session.
    session_key = models.CharField(max_length=64, blank=True, db_index=True)
    lesson_id = models.PositiveIntegerField(null=True, blank=True)
    number = models.PositiveSmallIntegerField(_("attempt"), default=1)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.IN_PROGRESS
    )
    started_at = models.DateTimeField(_("started"))
    deadline = models.DateTimeField(_("due"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    submitted_by_timer = models.BooleanField(_("submitted when time ran out"), default=False)
    points = models.DecimalField(_("points"), max_digits=8, decimal_places=3, null=True, blank=True)
    max_points = models.DecimalField(_("out of"), max_digits=8, decimal_places=3, default=0)
    percent = models.DecimalField(
        _("score (%)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    needs_marking = models.BooleanField(_("waiting for marking"), default=False)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    # The sequence number of the last save the attempt page's script sent and the server applied:
    # saves replayed after a lost connection are accepted once each, in order, and an older one
    # never overwrites a newer one (quizzes.attempts.answer_save; docs/offline.md).
    last_save_seq = models.PositiveIntegerField(default=0, editable=False)
    # A pass turned into a fail by a mark changed later (by hand or by a regrade): whatever the
    # pass gave (a completed lesson, a certificate) is kept until somebody reviews it.
    needs_review = models.BooleanField(
        _("result to review"),
        default=False,
        help_text=_(
            "Passed, then failed after a mark changed: the certificate is kept until reviewed."
        ),
    )
    # An author's or methodologist's trial run (quizzes.previews): graded for them to see, never
    # counted anywhere, deleted after a day.
    is_preview = models.BooleanField(_("preview"), default=False, editable=False)

    all_objects = models.Manager()  # previews included: their own pages and the clean-up
    objects = AttemptManager()

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        default_manager_name = "objects"
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["quiz_key", "user"],
                condition=models.Q(state="in_progress", user__isnull=False, is_preview=False),
                name="attempt_one_open_per_user",
            ),
            models.UniqueConstraint(
                fields=["quiz_key", "user"],
                condition=models.Q(state="in_progress", is_preview=True),
                name="attempt_one_open_preview_per_user",
            ),
            models.UniqueConstraint(
                fields=["quiz_key", "session_key"],
                condition=models.Q(state="in_progress", user__isnull=True),
                name="attempt_one_open_per_session",
            ),
            models.UniqueConstraint(
                fields=["quiz_key", "user", "number"],
                condition=models.Q(user__isnull=False, is_preview=False),
                name="attempt_number_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | ~models.Q(session_key=""),
                name="attempt_has_owner",
            ),
            models.CheckConstraint(
                condition=models.Q(state="in_progress") | models.Q(finished_at__isnull=False),
                name="attempt_finished_has_time",
            ),
            models.CheckConstraint(
                condition=models.Q(is_preview=False) | models.Q(user__isnull=False),
                name="attempt_preview_has_user",
            ),
        ]
        indexes = [models.Index(fields=["quiz", "state", "finished_at"])]

    def __str__(self):
        return f"{self.quiz} #{self.number}"

    def save(self, *args, **kwargs):
        if self.quiz_key is None and self.quiz_id is not None:
            self.quiz_key = self.quiz.translation_key
        super().save(*args, **kwargs)

    @property
    def is_finished(self) -> bool:
        return self.state == self.State.FINISHED

    def seconds_left(self, now=None) -> int | None:
        """Whole seconds until the deadline (never below 0), or None when there is none. This is
        the time shown to the learner: the grace period for answers in flight is not added."""
        if not self.deadline:
            return None
        now = now or timezone.now()
        return max(0, int((self.deadline - now).total_seconds()))


class AttemptQuestion(models.Model):
    class State(models.TextChoices):
        TODO = "todo", _("Not yet answered")
        ANSWERED = "answered", _("Answer saved")
        CHECKED = "checked", _("Checked, may try again")
        COMPLETE = "complete", _("Complete")
        NEEDS_MARKING = "needs_marking", _("Waiting for marking")
        MARKED = "marked", _("Marked")

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    page = models.PositiveSmallIntegerField(default=1)
    question = models.ForeignKey(
        "quizzes.Question", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    snapshot = models.JSONField(help_text="The question as shown (server side only).")
    choice_order = models.JSONField(default=list, blank=True)
    max_points = models.DecimalField(max_digits=6, decimal_places=2)
    response = models.JSONField(null=True, blank=True)
    tries = models.JSONField(default=list, blank=True)  # immediate / interactive: checked answers
    state = models.CharField(max_length=14, choices=State.choices, default=State.TODO)
    fraction = models.DecimalField(max_digits=7, decimal_places=5, null=True, blank=True)
    points = models.DecimalField(max_digits=8, decimal_places=3, null=True, blank=True)
    comment = models.TextField(_("marker's comment"), blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    marked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "position"], name="attemptquestion_position"
            ),
            models.CheckConstraint(
                condition=models.Q(points__isnull=True) | models.Q(points__gte=0),
                name="attemptquestion_points_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.attempt} · {self.position}"

    @property
    def qtype(self) -> str:
        return self.snapshot["qtype"]
