"""Required training: courses assigned to organisations, each learner's required courses and
the reminders sent about them. Plain rows maintained by courses.assignments.services."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MESSAGE_ONE_DUE_RULE = _("Give either a due date or a number of days after joining, not both.")


class SubtreeAssignment(models.Model):
    """What every assignment to an organisation subtree shares (courses here, codes of conduct
    in regulations): which positions it is limited to, who made it and when. The subtree rule
    itself is courses.assignments.coverage; a concrete assignment adds its target and its
    ``organization``."""

    positions = models.TextField(
        _("only these positions"),
        blank=True,
        help_text=_(
            "One position per line, as written in employments (letter case does not matter). "
            "Empty: every position."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        abstract = True

    @property
    def position_list(self) -> list[str]:
        """The positions, lower-cased, without blanks and repeats."""
        seen = []
        for line in self.positions.splitlines():
            value = " ".join(line.split()).lower()
            if value and value not in seen:
                seen.append(value)
        return seen

    def clean(self):
        super().clean()
        self.positions = "\n".join(" ".join(line.split()) for line in self.positions.splitlines())
        self.positions = "\n".join(line for line in self.positions.splitlines() if line)


class TrainingAssignment(SubtreeAssignment):
    """A course that everyone in an organisation and below (optionally only some positions)
    must complete by a date, or within some days of joining."""

    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("course"),
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        on_delete=models.CASCADE,
        related_name="training_assignments",
        verbose_name=_("organisation"),
        help_text=_("Everyone in this organisation and in the organisations below it."),
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    due_days_after_joining = models.PositiveSmallIntegerField(
        _("due days after joining"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text=_("For people who join later too: due this many days after their start date."),
    )
    recurrence_months = models.PositiveSmallIntegerField(
        _("repeat every (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_(
            "Recertification: a completion older than this no longer counts. Empty: the "
            "course's own validity, if any."
        ),
    )
    exemption_counts_as_compliant = models.BooleanField(
        _("exemptions count as compliant"),
        default=False,
        help_text=_(
            "When ticked, a learner exempted from this course counts as compliant in the "
            "report. Otherwise exemptions are shown apart and do not raise the completion rate."
        ),
    )
    # An assignment from a file (courses.assignments.importing) names its people: it covers
    # only them, and only while they work in the organisation's subtree.
    listed_only = models.BooleanField(_("only the people listed"), default=False, editable=False)
    learners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("people listed"),
    )
    source_name = models.CharField(_("imported from"), max_length=255, blank=True, editable=False)
    renewal_window_days = models.PositiveSmallIntegerField(
        _("renewal window (days)"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_(
            "How many days before a completion expires the learner may take the course again. "
            "The completion stays valid until it expires."
        ),
    )

    class Meta:
        verbose_name = _("training assignment")
        verbose_name_plural = _("training assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "organization"],
                condition=models.Q(listed_only=False),
                name="courses_assignment_once_per_course_and_organization",
                violation_error_message=_(
                    "This course is already assigned to this organisation; edit that assignment."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(due_on__isnull=False, due_days_after_joining__isnull=True)
                | models.Q(due_on__isnull=True, due_days_after_joining__isnull=False),
                name="courses_assignment_one_due_rule",
                violation_error_message=MESSAGE_ONE_DUE_RULE,
            ),
        ]
        permissions = [
            ("view_compliance_report", _("Can see the compliance report")),
        ]

    def __str__(self):
        if self.listed_only:
            return f"{self.course} → {self.organization} ({self.source_name})"
        return f"{self.course} → {self.organization}"

    def clean(self):
        super().clean()
        if (self.due_on is None) == (self.due_days_after_joining is None):
            raise ValidationError(
                {"due_on": MESSAGE_ONE_DUE_RULE, "due_days_after_joining": MESSAGE_ONE_DUE_RULE}
            )


class RequiredCourseStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    OVERDUE = "overdue", _("Overdue")
    EXEMPT = "exempt", _("Exempt")
    EXTENDED = "extended", _("Extended")


class RequiredCourse(models.Model):
    """One learner's requirement to complete one course, from the assignment that gives the
    earliest due date. The status is not stored: it follows from the dates and today (see
    courses.assignments.selectors.status_expression), so it never goes stale overnight."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="required_courses",
        verbose_name=_("learner"),
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("course"),
    )
    assignment = models.ForeignKey(
        TrainingAssignment,
        on_delete=models.CASCADE,
        related_name="required_courses",
        verbose_name=_("assignment"),
    )
    # The organisation of the employment that brought the requirement: reports roll up by its
    # path.
    organization = models.ForeignKey(
        "accounts.Organization",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    joined_on = models.DateField(_("joined on"))
    due_on = models.DateField(_("due date"))
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    expires_on = models.DateField(_("completion valid until"), null=True, blank=True)
    # Exceptions a coordinator granted (courses.assignments.exceptions, audited in
    # TrainingException): a later due date for this cycle, or an exemption (until a date).
    extended_due_on = models.DateField(_("extended to"), null=True, blank=True)
    exempt = models.BooleanField(_("exempt"), default=False)
    exempt_until = models.DateField(_("exempt until"), null=True, blank=True)

    class Meta:
        verbose_name = _("required course")
        verbose_name_plural = _("required courses")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"], name="courses_requiredcourse_once_per_learner"
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "course"]),
            models.Index(fields=["due_on"]),
            models.Index(fields=["course", "due_on"]),
        ]

    def __str__(self):
        return f"{self.user} — {self.course}"

    @property
    def status_label(self) -> str:
        """The label of the `status` that status_expression annotated."""
        return RequiredCourseStatus(self.status).label

    def status_on(self, today) -> str:
        """The status in Python, for one row already loaded (the same rules as the query)."""
        if self.completed_at is not None and (self.expires_on is None or self.expires_on > today):
            return RequiredCourseStatus.COMPLETED
        if self.exempt and (self.exempt_until is None or self.exempt_until >= today):
            return RequiredCourseStatus.EXEMPT
        if self.due_on < today:
            return RequiredCourseStatus.OVERDUE
        if self.extended_due_on is not None:
            return RequiredCourseStatus.EXTENDED
        if self.started_at is not None and (
            self.completed_at is None or self.started_at > self.completed_at
        ):
            return RequiredCourseStatus.IN_PROGRESS
        return RequiredCourseStatus.NOT_STARTED


class ReminderSent(models.Model):
    """A reminder that went out; the unique constraints make each one go out once, also when
    the command runs twice or on two machines at once."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")
        DIGEST = "digest", _("Coordinator's weekly digest")
        RENEWAL_OPEN = "renewal_open", _("Renewal window opened")
        RENEWAL_14 = "renewal_14", _("Expires in 14 days")
        RENEWAL_3 = "renewal_3", _("Expires in 3 days")
        LAPSED = "lapsed", _("Completion expired")
        MANAGER_DIGEST = "manager_digest", _("Line manager's weekly digest")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("recipient"),
    )
    required_course = models.ForeignKey(
        RequiredCourse,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminders",
        verbose_name=_("required course"),
    )
    # The due date the reminder was about, or the Monday of the digest's week.
    about_date = models.DateField(_("about date"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "user", "required_course", "about_date"],
                condition=models.Q(required_course__isnull=False),
                name="courses_reminder_once_per_course_and_date",
            ),
            models.UniqueConstraint(
                fields=["kind", "user", "about_date"],
                condition=models.Q(required_course__isnull=True),
                name="courses_reminder_digest_once_per_week",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.user} ({self.about_date})"


class TrainingException(models.Model):
    """One exception a coordinator granted on a learner's required course, kept as the audit
    trail: who, when, why, and what changed (``changes``: field -> [before, after]). The
    current state lives on the RequiredCourse row; these rows are never edited."""

    class Kind(models.TextChoices):
        EXTENSION = "extension", _("Extension")
        EXEMPTION = "exemption", _("Exemption")
        LIFTED = "lifted", _("Exception lifted")

    required_course = models.ForeignKey(
        RequiredCourse,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="exceptions",
        verbose_name=_("required course"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="training_exceptions",
        verbose_name=_("learner"),
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("course")
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    due_on = models.DateField(_("new due date"), null=True, blank=True)
    ends_on = models.DateField(_("exempt until"), null=True, blank=True)
    reason = models.TextField(_("reason"))
    changes = models.JSONField(_("what changed"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    created_at = models.DateTimeField(_("granted at"), default=timezone.now)

    class Meta:
        verbose_name = _("training exception")
        verbose_name_plural = _("training exceptions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(reason=""), name="courses_exception_has_reason"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="extension") | models.Q(due_on__isnull=False),
                name="courses_extension_has_due_date",
            ),
        ]
        indexes = [models.Index(fields=["organization", "created_at"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.user} — {self.course}"
