from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from core.validators import one_line


class Script(models.TextChoices):
    LATIN = "latn", _("Latin (Lotin)")
    CYRILLIC = "cyrl", _("Cyrillic (Кирилл)")


class User(AbstractUser):
    """A person: citizen, civil servant or staff. The name is one field, printed as written."""

    first_name = None
    last_name = None
    full_name = models.CharField(
        _("full name"),
        max_length=255,
        blank=True,
        help_text=_("As it should appear on certificates, e.g. Karimov Bahodir Bahromovich."),
        validators=[one_line],
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    preferred_script = models.CharField(
        _("preferred Uzbek script"), max_length=4, choices=Script.choices, default=Script.LATIN
    )

    objects = UserManager()

    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="accounts_user_email_ci_unique",
                violation_error_message=_("A user with this e-mail address already exists."),
            ),
        ]
        permissions = [("import_users", _("Can import civil servants from a file"))]

    def __str__(self):
        return self.get_full_name()

    def get_full_name(self):
        return self.full_name or self.username

    def get_short_name(self):
        return self.full_name.split()[0] if self.full_name.strip() else self.username


def user_display(user) -> str:
    """How allauth names a user in its pages and e-mails."""
    return user.get_full_name()


class Organization(MP_Node):
    """A state body in the tree: ministry → agency → region → district administration."""

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Ministry")
        AGENCY = "agency", _("Agency")
        REGION = "region", _("Regional administration")
        DISTRICT = "district", _("District administration")

    name = models.CharField(_("name"), max_length=255, validators=[one_line])
    code = models.SlugField(
        _("code"),
        max_length=64,
        unique=True,
        help_text=_("A short unique code used in imports and reports, e.g. tashkent-region."),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)

    node_order_by = ["name"]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class EmploymentQuerySet(models.QuerySet):
    def current(self):
        today = timezone.localdate()
        return self.filter(
            models.Q(ended_on__isnull=True) | models.Q(ended_on__gt=today),
            started_on__lte=today,
        )


class Employment(models.Model):
    """A person's position in an organisation; a coordinator manages that organisation's subtree."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="employments",
        verbose_name=_("user"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="employments",
        verbose_name=_("organisation"),
    )
    position_title = models.CharField(
        _("position"), max_length=255, blank=True, validators=[one_line]
    )
    personnel_number = models.CharField(
        _("personnel number"),
        max_length=32,
        blank=True,
        validators=[one_line],
        help_text=_(
            "The number the organisation's personnel records give this person; files of "
            "assignments may name people by it."
        ),
    )
    is_coordinator = models.BooleanField(
        _("training coordinator"),
        default=False,
        help_text=_("Assigns courses and sees compliance for this organisation and below."),
    )
    started_on = models.DateField(_("started on"), default=timezone.localdate)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_employments",
        verbose_name=_("line manager"),
        help_text=_(
            "Gets a weekly digest of this person's overdue and soon-due training and sees it "
            "in a read-only report."
        ),
    )

    objects = EmploymentQuerySet.as_manager()

    class Meta:
        verbose_name = _("employment")
        verbose_name_plural = _("employments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"],
                condition=models.Q(ended_on__isnull=True),
                name="accounts_employment_one_open_per_organization",
                violation_error_message=_("This person already works in this organisation."),
            ),
            models.UniqueConstraint(
                fields=["organization", "personnel_number"],
                condition=models.Q(ended_on__isnull=True) & ~models.Q(personnel_number=""),
                name="accounts_employment_personnel_number_unique",
                violation_error_message=_(
                    "Someone in this organisation already has this personnel number."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="accounts_employment_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]
        indexes = [models.Index(fields=["organization", "ended_on"])]

    def __str__(self):
        return f"{self.user} — {self.organization}"
