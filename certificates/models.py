import secrets
import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import RevisionMixin, TranslatableMixin

from .codes import code_generate

colour_validator = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour such as #0b5d7a."))

PLACEHOLDERS = ("name", "course", "date", "score", "hours", "expires", "code")


class CertificateTemplate(TranslatableMixin, RevisionMixin, models.Model):
    """How a course's certificates look; translated per language like pages."""

    class Orientation(models.TextChoices):
        LANDSCAPE = "landscape", _("Landscape")
        PORTRAIT = "portrait", _("Portrait")

    title = models.CharField(_("title"), max_length=200, help_text=_("Printed at the top."))
    body = models.TextField(
        _("text"),
        help_text=_(
            "Placeholders: {name}, {course}, {date}, {score}, {hours}, {expires}, {code}. "
            "Example: {name} has completed the course “{course}” ({hours} hours) on {date}."
        ),
    )
    issuer = models.CharField(_("issuing body"), max_length=255)
    signatory_name = models.CharField(_("signatory's name"), max_length=255)
    signatory_title = models.CharField(_("signatory's position"), max_length=255)
    signature_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("signature"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    seal_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("seal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    orientation = models.CharField(
        _("orientation"), max_length=10, choices=Orientation.choices, default=Orientation.LANDSCAPE
    )
    primary_colour = models.CharField(
        _("main colour"), max_length=7, default="#073f53", validators=[colour_validator]
    )
    accent_colour = models.CharField(
        _("accent colour"), max_length=7, default="#b3541e", validators=[colour_validator]
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("issuer"),
                FieldPanel("signatory_name"),
                FieldPanel("signatory_title"),
                FieldPanel("signature_image"),
                FieldPanel("seal_image"),
            ],
            heading=_("Issuer"),
        ),
        MultiFieldPanel(
            [FieldPanel("orientation"), FieldPanel("primary_colour"), FieldPanel("accent_colour")],
            heading=_("Design"),
        ),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")

    def __str__(self):
        return self.title


class CertificateAward(models.Model):
    """The certificate template a course awards: learners who complete the course receive it.

    Certificates own this link (courses know nothing of certificates). It is a child of the
    course page, so choosing the template is part of the page's drafts, revisions and approval.
    """

    course = ParentalKey(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="certificate_awards",
        verbose_name=_("course"),
    )
    template = models.ForeignKey(
        CertificateTemplate,
        on_delete=models.CASCADE,
        related_name="awards",
        verbose_name=_("certificate template"),
        help_text=_("Learners who complete the course receive this certificate."),
    )

    panels = [FieldPanel("template")]

    class Meta:
        verbose_name = _("certificate awarded")
        verbose_name_plural = _("certificates awarded")
        constraints = [
            models.UniqueConstraint(fields=["course"], name="certificates_one_award_per_course"),
        ]

    def __str__(self):
        return str(self.template)


class SigningKey(models.Model):
    """A public key the site signs (or once signed) credentials with, as published in its DID
    document. The private key is a file (MULOQOT_SIGNING_KEY_PATH) and never in the database;
    retired keys keep their row so that what they signed still verifies."""

    public_key_multibase = models.CharField(_("public key (Multikey)"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("in use from"), default=timezone.now)
    retired_at = models.DateTimeField(
        _("retired at"), null=True, blank=True, help_text=_("Signatures made after this fail.")
    )
    compromised_since = models.DateTimeField(
        _("compromised since"),
        null=True,
        blank=True,
        help_text=_("Signatures made from this moment fail: the key may be in other hands."),
    )

    class Meta:
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.public_key_multibase


def _private_storage():
    """Where certificate PDFs live: never under MEDIA_ROOT, never public (STORAGES["private"])."""
    return storages["private"]


def pdf_name(instance, filename):
    """A random name: knowing a certificate's code or year does not lead to its PDF."""
    return f"certificates/{secrets.token_urlsafe(24)}.pdf"


class CertificateQuerySet(models.QuerySet):
    def not_revoked(self):
        return self.filter(revoked_at__isnull=True)


class Certificate(models.Model):
    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        EXPIRED = "expired", _("Expired")
        SUSPENDED = "suspended", _("Suspended")
        REVOKED = "revoked", _("Revoked")

    uuid = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("code"), max_length=12, unique=True, default=code_generate)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("holder"),
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("course"),
    )
    cycle = models.PositiveSmallIntegerField(
        _("recertification cycle"), default=1, help_text=_("1 for the first certificate.")
    )
    template = models.ForeignKey(
        CertificateTemplate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificates",
        verbose_name=_("template"),
    )
    # The template's text as it was on the day of issue: later edits apply to new certificates.
    template_revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("template revision"),
    )
    # What is printed, kept as it was on the day of issue.
    holder_name = models.CharField(_("holder's name as printed"), max_length=255)
    course_title = models.CharField(_("course title as printed"), max_length=255)
    issuer_name = models.CharField(_("issuer as printed"), max_length=255)
    language = models.CharField(_("language"), max_length=8, default=settings.LANGUAGE_CODE)
    score = models.DecimalField(
        _("score (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, default=0)
    issued_on = models.DateField(_("issued on"), default=timezone.localdate)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    suspended_at = models.DateTimeField(_("suspended at"), null=True, blank=True)
    suspension_reason = models.TextField(_("reason for suspension"), blank=True)
    # The signed W3C Verifiable Credential (Open Badges 3.0) and its place in the status lists.
    credential = models.JSONField(_("signed credential"), null=True, blank=True, editable=False)
    signing_key = models.ForeignKey(
        SigningKey,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
        verbose_name=_("signing key"),
    )
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    status_index = models.PositiveIntegerField(
        _("status list index"), null=True, blank=True, unique=True, editable=False
    )
    pdf = models.FileField(_("PDF"), upload_to=pdf_name, storage=_private_storage, blank=True)
    pdf_rendered_at = models.DateTimeField(_("PDF rendered at"), null=True, blank=True)
    # Set while a render is queued: a second request then queues nothing.
    pdf_render_queued_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course", "cycle"],
                condition=models.Q(revoked_at__isnull=True),
                name="certificates_one_valid_per_learner_course_cycle",
                violation_error_message=_(
                    "This learner already holds a certificate for this course and cycle."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(expires_on__isnull=True)
                | models.Q(expires_on__gt=models.F("issued_on")),
                name="certificates_expire_after_issue",
            ),
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True) | ~models.Q(revocation_reason=""),
                name="certificates_revocation_has_reason",
            ),
        ]
        permissions = [("revoke_certificate", _("Can revoke and reissue certificates"))]

    def __str__(self):
        return f"{self.code} — {self.holder_name}"

    def status_on(self, day) -> str:
        if self.revoked_at is not None:
            return self.Status.REVOKED
        if self.suspended_at is not None:
            return self.Status.SUSPENDED
        if self.expires_on is not None and self.expires_on <= day:
            return self.Status.EXPIRED
        return self.Status.VALID

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    def get_status_display(self) -> str:
        return self.Status(self.status).label


def archive_name(instance, filename):
    """A random name in private storage: an archive's address cannot be guessed."""
    return f"certificate-archives/{secrets.token_urlsafe(24)}.zip"


class CertificateArchive(models.Model):
    """A ZIP of certificates (PDFs and a CSV index) a coordinator asked for, built by a task.

    Only the person who asked downloads it; the file is in private storage."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="certificate_archives",
        verbose_name=_("requested by"),
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("course"),
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    file = models.FileField(_("file"), upload_to=archive_name, storage=_private_storage, blank=True)
    row_count = models.PositiveIntegerField(_("certificates"), default=0)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate archive")
        verbose_name_plural = _("certificate archives")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="ready") | ~models.Q(file=""),
                name="certificates_ready_archive_has_file",
            ),
        ]

    def __str__(self):
        return f"{self.requested_by} — {self.created_at:%Y-%m-%d %H:%M}"
