"""A playbook's template files, their versions, learners' proposed revisions and adoptions."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from core.validators import one_line


class TemplateFile(models.Model):
    """One document template of a playbook (e.g. "Rapid response plan"); its file has versions."""

    playbook = models.ForeignKey(
        "playbooks.PlaybookPage",
        verbose_name=_("playbook"),
        on_delete=models.CASCADE,
        related_name="template_files",
    )
    title = models.CharField(_("title"), max_length=255, validators=[one_line])
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("template file")
        verbose_name_plural = _("template files")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.title

    @property
    def current_version(self):
        """The newest version (prefetched as ``versions`` when listed)."""
        versions = list(self.versions.all())
        return versions[0] if versions else None


class TemplateVersion(models.Model):
    template = models.ForeignKey(
        TemplateFile,
        verbose_name=_("template file"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    label = models.CharField(
        _("version"),
        max_length=32,
        help_text=_("For example 1.0 or 2.1."),
        validators=[one_line],
    )
    change_note = models.TextField(_("what changed"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who wrote this version: the trainer, or the learner who proposed it."),
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("date"), auto_now_add=True)

    class Meta:
        verbose_name = _("template version")
        verbose_name_plural = _("template versions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                "template", Lower("label"), name="playbooks_templateversion_unique_label"
            ),
        ]

    def __str__(self):
        return f"{self.template.title} {self.label}"


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    PUBLISHED = "published", _("Published as a new version")
    REJECTED = "rejected", _("Not accepted")


def proposal_upload_to(instance, filename):
    return f"playbook-proposals/{filename}"


class TemplateProposal(models.Model):
    """A learner's revised template file, waiting for a trainer's review."""

    template = models.ForeignKey(
        TemplateFile,
        verbose_name=_("template file"),
        on_delete=models.CASCADE,
        related_name="proposals",
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    file = models.FileField(_("file"), upload_to=proposal_upload_to, max_length=255)
    original_filename = models.CharField(_("file name"), max_length=255)
    note = models.TextField(_("what you changed and why"))
    status = models.CharField(
        _("status"), max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(_("reviewer's note"), blank=True)
    version = models.OneToOneField(
        TemplateVersion,
        verbose_name=_("published version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposal",
    )

    class Meta:
        verbose_name = _("proposed revision")
        verbose_name_plural = _("proposed revisions")
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("review_templateproposal", _("Can publish a proposed revision as a new version")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(version__isnull=False),
                name="playbooks_templateproposal_published_has_version",
            ),
        ]

    def __str__(self):
        return f"{self.template.title}: {self.original_filename}"


class Adoption(models.Model):
    """An organisation uses this playbook (marked by one of its civil servants)."""

    playbook = models.ForeignKey(
        "playbooks.PlaybookPage",
        verbose_name=_("playbook"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("marked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        constraints = [
            models.UniqueConstraint(
                fields=["playbook", "organization"], name="playbooks_adoption_unique"
            ),
        ]

    def __str__(self):
        return f"{self.organization} → {self.playbook}"
