"""Writes to the register: proposal, review, status changes, citizens' reports, snapshots.

Every change to an account writes an ``AccountEvent`` in the same transaction, so the public
history is complete by construction; nothing here deletes an account.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization, User

from . import rules
from .models import (
    Account,
    AccountEvent,
    AccountStatus,
    EventAction,
    ImpostorReport,
    Network,
    RegisterSnapshot,
    ReportStatus,
    Review,
)
from .normalise import handle_canonical
from .selectors import Verdict, account_check, register_document

NETWORK_NOT_APPROVED = _("Official accounts cannot be registered on this network.")
HANDLE_NOT_UNDERSTOOD = _("This is not an address or handle of an account on %(network)s.")
ALREADY_REGISTERED = _("This account is already in the register.")
NOT_PROPOSED = _("Only a proposed account can be approved or rejected.")
OWN_PROPOSAL = _("Another registry editor must review your own proposal.")
REASON_REQUIRED = _("Say why, so that the proposer and the public history know.")
NOT_IN_REGISTER = _("Only an account in the register can change status.")
SAME_STATUS = _("The account already has this status.")
REPORT_HANDLED = _("This report has already been handled.")
REPORT_EMPTY = _("Paste the address or handle of the account.")
OUTCOME_REQUIRED = _("Write the outcome the citizen and the editors will read.")


def _event(account, *, action, actor=None, note="", at=None) -> AccountEvent:
    return AccountEvent.objects.create(
        account=account,
        action=action,
        status=account.status,
        actor=actor,
        actor_name=actor.get_full_name() if actor else "",
        note=note,
        at=at or timezone.now(),
    )


def account_build(
    *,
    organization: Organization,
    network: Network,
    text: str,
    display_name: str,
    kind: str,
    evidence: str = "",
) -> Account:
    """A validated, unsaved account: approved network, canonical handle, not yet registered."""
    if not network.is_approved:
        raise ValidationError({"network": NETWORK_NOT_APPROVED})
    handle = handle_canonical(network.code, text)
    if not handle:
        raise ValidationError({"text": HANDLE_NOT_UNDERSTOOD % {"network": network.name}})
    account = Account(
        organization=organization,
        network=network,
        handle=handle,
        display_name=display_name.strip(),
        kind=kind,
        evidence=evidence.strip(),
    )
    account.full_clean(exclude=["skeleton"], validate_constraints=False)
    if (
        Account.objects.filter(network=network, handle=handle)
        .exclude(review=Review.REJECTED)
        .exists()
    ):
        raise ValidationError({"text": ALREADY_REGISTERED})
    return account


def _save_new(account: Account) -> None:
    try:
        with transaction.atomic():
            account.save()
    except IntegrityError as error:  # a concurrent proposal of the same handle
        raise ValidationError({"text": ALREADY_REGISTERED}) from error


@transaction.atomic
def account_propose(
    *,
    proposer: User,
    organization: Organization,
    network: Network,
    text: str,
    display_name: str,
    kind: str,
    evidence: str = "",
) -> Account:
    """A coordinator proposes an account of an organisation in their subtree; it is public
    only once a registry editor approves it."""
    if not rules.can_propose(proposer, organization):
        raise PermissionDenied
    account = account_build(
        organization=organization,
        network=network,
        text=text,
        display_name=display_name,
        kind=kind,
        evidence=evidence,
    )
    account.proposed_by = proposer
    _save_new(account)
    _event(account, action=EventAction.PROPOSED, actor=proposer)
    return account


@transaction.atomic
def account_approve(*, editor: User, account: Account, note: str = "") -> Account:
    """Registers a proposed account: verified today by this editor."""
    account = Account.objects.select_for_update().get(pk=account.pk)
    if not rules.can_review_organization(editor, account.organization):
        raise PermissionDenied
    if account.review != Review.PROPOSED:
        raise ValidationError(NOT_PROPOSED)
    if account.proposed_by_id == editor.pk and not editor.is_superuser:
        raise ValidationError(OWN_PROPOSAL)
    today = timezone.localdate()
    account.review = Review.APPROVED
    account.registered_on = account.verified_on = account.status_changed_on = today
    account.verified_by = editor
    account.verified_by_name = editor.get_full_name()
    account.save()
    _event(account, action=EventAction.APPROVED, actor=editor, note=note.strip())
    return account


@transaction.atomic
def account_reject(*, editor: User, account: Account, note: str) -> Account:
    account = Account.objects.select_for_update().get(pk=account.pk)
    if not rules.can_review_organization(editor, account.organization):
        raise PermissionDenied
    if not note.strip():
        raise ValidationError({"note": REASON_REQUIRED})
    if account.review != Review.PROPOSED:
        raise ValidationError(NOT_PROPOSED)
    account.review = Review.REJECTED
    account.save()
    _event(account, action=EventAction.REJECTED, actor=editor, note=note.strip())
    return account


@transaction.atomic
def account_status_change(*, editor: User, account: Account, status: str, note: str) -> Account:
    """Suspends, closes or reactivates a registered account; a closed account stays in the
    register, findable as closed."""
    account = Account.objects.select_for_update().get(pk=account.pk)
    if not rules.can_review_organization(editor, account.organization):
        raise PermissionDenied
    if status not in AccountStatus.values:
        raise ValidationError({"status": SAME_STATUS})
    if not note.strip():
        raise ValidationError({"note": REASON_REQUIRED})
    if account.review != Review.APPROVED:
        raise ValidationError(NOT_IN_REGISTER)
    if account.status == status:
        raise ValidationError({"status": SAME_STATUS})
    account.status = status
    account.status_changed_on = timezone.localdate()
    account.save()
    _event(account, action=EventAction.STATUS, actor=editor, note=note.strip())
    return account


@transaction.atomic
def account_register(
    *,
    account: Account,
    editor: User | None,
    action=EventAction.IMPORTED,
    note: str = "",
    registered_on: datetime.date | None = None,
) -> Account:
    """Saves an account built by ``account_build`` straight into the register (an import or
    the demo: the list itself is the evidence an editor has checked). ``registered_on`` keeps
    the date of an earlier list; the history records the change on that day."""
    day = registered_on or timezone.localdate()
    account.review = Review.APPROVED
    account.registered_on = account.verified_on = account.status_changed_on = day
    account.verified_by = editor
    account.verified_by_name = editor.get_full_name() if editor else ""
    _save_new(account)
    at = None
    if registered_on is not None:
        at = timezone.make_aware(datetime.datetime.combine(registered_on, datetime.time(10)))
    _event(account, action=action, actor=editor, note=note, at=at)
    return account


def report_submit(*, text: str, note: str = "") -> ImpostorReport:
    """A citizen's report; it names the real account it imitates when the check finds one, and
    goes to the editors of that account's organisation."""
    text = text.strip()[:500]
    if not text:
        raise ValidationError({"text": REPORT_EMPTY})
    result = account_check(text)
    imitated = None
    if result.verdict == Verdict.LOOKALIKE:
        imitated = result.lookalikes[0]
    report = ImpostorReport(
        text=text,
        note=note.strip()[:2000],
        network_code=(result.parsed.network or "") if result.parsed else "",
        handle=result.parsed.handle if result.parsed else "",
        imitated=imitated,
        organization=imitated.organization if imitated else None,
    )
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def report_resolve(*, editor: User, report: ImpostorReport, status: str, outcome: str):
    report = ImpostorReport.objects.select_for_update().get(pk=report.pk)
    if not rules.can_review_organization(editor, report.organization):
        raise PermissionDenied
    if not outcome.strip():
        raise ValidationError({"outcome": OUTCOME_REQUIRED})
    if report.status != ReportStatus.NEW or status == ReportStatus.NEW:
        raise ValidationError(REPORT_HANDLED)
    report.status = status
    report.outcome = outcome.strip()[:500]
    report.handled_by = editor
    report.handled_at = timezone.now()
    report.save()
    return report


def snapshot_take(*, today=None) -> RegisterSnapshot:
    """Archives the register as it stands today (once a day; a second call keeps the first)."""
    today = today or timezone.localdate()
    document = register_document(today)
    snapshot, _created = RegisterSnapshot.objects.get_or_create(
        taken_on=today, defaults={"accounts": document["count"], "document": document}
    )
    return snapshot
