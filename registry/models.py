"""The register of official accounts of state bodies (the source article's measures 1 and 2).

Approved networks are data (``Network``); an account names its organisation from the accounts
tree, its network and its canonical handle (``normalise.py``). Coordinators propose, a registry
editor approves; every change is an ``AccountEvent`` in a public history, and nothing is deleted
(a closed account stays findable as closed).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization

from .lookalike import handle_skeleton
from .normalise import account_url


class RestrictedInformation(models.TextChoices):
    """Kinds of information that may not be published on a network (measure 1)."""

    STATE_SECRETS = "state_secrets", _("State secrets and information for official use only")
    PERSONAL_DATA = "personal_data", _("Personal data of citizens and staff")
    DRAFT_DECISIONS = "draft_decisions", _("Decisions not yet adopted or signed")
    INVESTIGATIONS = "investigations", _("Details of ongoing investigations and court cases")
    ADVERTISING = "advertising", _("Commercial advertising")
    CAMPAIGNING = "campaigning", _("Political campaigning")
    PERSONAL_OPINIONS = "personal_opinions", _("Personal opinions presented as the body's position")
    UNVERIFIED = "unverified", _("Unverified information and rumours")


class Network(models.Model):
    """A network on which state bodies may keep official accounts; the list is data."""

    code = models.SlugField(
        _("code"),
        max_length=32,
        unique=True,
        help_text=_(
            "telegram, facebook, instagram, youtube, x, ok, tiktok and website are read by "
            "built-in rules; another code is read from its hosts."
        ),
    )
    name = models.CharField(_("name"), max_length=64)
    hosts = models.CharField(
        _("web addresses"),
        max_length=255,
        blank=True,
        help_text=_("Host names separated by spaces, e.g. t.me telegram.me"),
    )
    is_approved = models.BooleanField(
        _("approved"),
        default=True,
        help_text=_("Official accounts can be registered only on approved networks."),
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    restricted_kinds = models.JSONField(
        _("information that may not be published"), default=list, blank=True
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def restricted_labels(self) -> list[str]:
        labels = dict(RestrictedInformation.choices)
        return [labels[kind] for kind in self.restricted_kinds if kind in labels]

    def host_list(self) -> list[str]:
        return self.hosts.split()


class AccountKind(models.TextChoices):
    BODY = "body", _("The body's account")
    HEAD = "head", _("The head's official account")
    UNIT = "unit", _("A unit's account")


class AccountStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    CLOSED = "closed", _("Closed")


class Review(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class AccountQuerySet(models.QuerySet):
    def public(self):
        """Accounts in the register (approved), whatever their status."""
        return self.filter(review=Review.APPROVED)


class Account(models.Model):
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="official_accounts",
        verbose_name=_("organisation"),
    )
    network = models.ForeignKey(
        Network, on_delete=models.PROTECT, related_name="accounts", verbose_name=_("network")
    )
    handle = models.CharField(_("handle"), max_length=200)
    skeleton = models.CharField(max_length=200, editable=False)
    display_name = models.CharField(_("display name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=8, choices=AccountKind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=AccountStatus.choices, default=AccountStatus.ACTIVE
    )
    review = models.CharField(
        _("review"), max_length=16, choices=Review.choices, default=Review.PROPOSED
    )
    evidence = models.CharField(
        _("evidence"),
        max_length=500,
        blank=True,
        help_text=_("The document that created the account, e.g. Order No. 45 of 12 March 2024."),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    verified_on = models.DateField(_("verified on"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_by_name = models.CharField(_("verified by"), max_length=255, blank=True)
    status_changed_on = models.DateField(_("status since"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = AccountQuerySet.as_manager()

    class Meta:
        verbose_name = _("official account")
        verbose_name_plural = _("official accounts")
        ordering = ["organization__path", "network__sort_order", "handle"]
        permissions = [("review_account", _("Can approve accounts and handle reports"))]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "handle"],
                condition=~models.Q(review="rejected"),
                name="registry_account_one_per_handle",
                violation_error_message=_("This account is already in the register."),
            ),
            models.CheckConstraint(
                condition=~models.Q(review="approved") | models.Q(registered_on__isnull=False),
                name="registry_account_approved_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["network", "skeleton"], name="registry_account_skeleton"),
            models.Index(fields=["handle"], name="registry_account_handle"),
            models.Index(fields=["skeleton"], name="registry_account_skel_any"),
            models.Index(fields=["organization", "review"], name="registry_account_org"),
        ]

    def __str__(self):
        return f"{self.display_name} ({self.network}: {self.handle})"

    def save(self, *args, **kwargs):
        # The look-alike key always follows the handle, whoever writes the row.
        self.skeleton = handle_skeleton(self.handle)
        super().save(*args, **kwargs)

    @property
    def url(self) -> str:
        return account_url(self.network.code, self.handle)

    @property
    def is_official(self) -> bool:
        return self.review == Review.APPROVED and self.status == AccountStatus.ACTIVE


class EventAction(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved and registered")
    REJECTED = "rejected", _("Rejected")
    STATUS = "status", _("Status changed")
    IMPORTED = "imported", _("Imported")


class AccountEvent(models.Model):
    """One change to an account; the public history. Never edited or deleted."""

    account = models.ForeignKey(
        Account, on_delete=models.PROTECT, related_name="events", verbose_name=_("account")
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    action = models.CharField(_("action"), max_length=16, choices=EventAction.choices)
    status = models.CharField(_("status"), max_length=16, choices=AccountStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_name = models.CharField(_("changed by"), max_length=255, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("account change")
        verbose_name_plural = _("account changes")
        ordering = ["account", "at", "pk"]

    def __str__(self):
        return f"{self.account_id} {self.action} {self.at:%Y-%m-%d}"


class ReportStatus(models.TextChoices):
    NEW = "new", _("New")
    CONFIRMED = "confirmed", _("Confirmed impostor")
    DISMISSED = "dismissed", _("Dismissed")


class ImpostorReport(models.Model):
    """A citizen's "this account pretends to be official", queued for the registry editors."""

    text = models.CharField(_("address or handle"), max_length=500)
    network_code = models.CharField(max_length=32, blank=True)
    handle = models.CharField(max_length=200, blank=True)
    note = models.TextField(_("what makes you think so"), max_length=2000, blank=True)
    imitated = models.ForeignKey(
        Account,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="impostor_reports",
        verbose_name=_("imitated account"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="impostor_reports",
        verbose_name=_("organisation"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.NEW
    )
    outcome = models.CharField(_("outcome"), max_length=500, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("received"), default=timezone.now)

    class Meta:
        verbose_name = _("impostor report")
        verbose_name_plural = _("impostor reports")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"], name="registry_report_queue")]

    def __str__(self):
        return self.text


class RegisterSnapshot(models.Model):
    """The register as it stood on a day (JSON), archived like the Library of Congress's list."""

    taken_on = models.DateField(_("date"), unique=True)
    accounts = models.PositiveIntegerField(_("accounts"))
    document = models.JSONField()

    class Meta:
        verbose_name = _("register snapshot")
        verbose_name_plural = _("register snapshots")
        ordering = ["-taken_on"]

    def __str__(self):
        return self.taken_on.isoformat()
