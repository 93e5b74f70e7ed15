"""Writes on a playbook's template files: new versions, proposed revisions and their review.

Each raises ``ValidationError`` (messages below, asserted by the tests) or ``PermissionDenied``;
each multi-row write is one transaction. Uploads are checked by uploads.py.
"""

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.log_actions import log

from . import rules
from .consultations import MESSAGE_CANNOT_POST
from .models import ProposalStatus, TemplateFile, TemplateProposal, TemplateVersion
from .uploads import upload_validate

MESSAGE_PROPOSAL_NOT_PENDING = _("This proposal has already been reviewed.")
MESSAGE_LABEL_TAKEN = _("This template already has a version %(label)s.")
MESSAGE_LABEL_REQUIRED = _("Give the version a label, for example 1.1.")
MESSAGE_NOTE_REQUIRED = _("Say what changed in this version.")
MESSAGE_PROPOSAL_NOTE_REQUIRED = _("Say what you changed in the file and why.")
MESSAGE_REASON_REQUIRED = _("Tell the proposer why the file is not accepted.")


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
