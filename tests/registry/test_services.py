"""Proposal by coordinators, approval by registry editors, status changes and the history."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from registry import services
from registry.models import (
    Account,
    AccountEvent,
    AccountStatus,
    EventAction,
    RegisterSnapshot,
    Review,
)


@pytest.fixture
def propose(region_coordinator, organizations, networks):
    def make(text="https://t.me/Chirchiq_Hokimligi", org="chirchiq", network="telegram", **kw):
        return services.account_propose(
            proposer=kw.pop("proposer", region_coordinator),
            organization=organizations[org],
            network=networks[network],
            text=text,
            display_name=kw.pop("name", "Chirchiq shahar hokimligi"),
            kind=kw.pop("kind", "body"),
            evidence=kw.pop("evidence", "Qaror No. 5"),
        )

    return make


def test_coordinator_proposes_in_subtree_and_editor_approves(propose, editor, region_coordinator):
    account = propose()
    assert (account.handle, account.review) == ("chirchiq_hokimligi", Review.PROPOSED)
    assert not Account.objects.public().exists()  # not public before review

    services.account_approve(editor=editor, account=account, note="Qaror tekshirildi")
    account.refresh_from_db()
    assert account.review == Review.APPROVED and account.is_official
    assert account.verified_by == editor and account.registered_on is not None
    assert list(account.events.values_list("action", "actor_name")) == [
        (EventAction.PROPOSED, "Coordinator"),
        (EventAction.APPROVED, "Registry Editor"),
    ]


def test_coordinator_cannot_propose_outside_subtree(propose):
    with pytest.raises(PermissionDenied):
        propose(org="mininfo")
    assert not Account.objects.exists()


def test_a_citizen_cannot_propose_and_a_coordinator_cannot_approve(
    propose, make_user, region_coordinator
):
    with pytest.raises(PermissionDenied):
        propose(proposer=make_user("citizen"))
    account = propose()
    with pytest.raises(PermissionDenied):
        services.account_approve(editor=region_coordinator, account=account)
    assert Account.objects.get().review == Review.PROPOSED


def test_editor_cannot_approve_own_proposal(editor, organizations, networks):
    account = services.account_propose(
        proposer=editor,
        organization=organizations["mininfo"],
        network=networks["x"],
        text="x.com/mininfo",
        display_name="Agentlik",
        kind="body",
    )
    with pytest.raises(ValidationError) as error:
        services.account_approve(editor=editor, account=account)
    assert error.value.messages == [str(services.OWN_PROPOSAL)]


def test_network_not_approved_cannot_be_registered(propose, networks):
    networks["tiktok"].is_approved = False
    networks["tiktok"].save()
    with pytest.raises(ValidationError) as error:
        propose(text="tiktok.com/@chirchiq", network="tiktok")
    assert error.value.message_dict == {"network": [str(services.NETWORK_NOT_APPROVED)]}
    assert not Account.objects.exists()


def test_handle_of_another_network_or_nonsense_is_refused(propose):
    with pytest.raises(ValidationError) as error:
        propose(text="https://x.com/chirchiq")
    assert "text" in error.value.message_dict
    with pytest.raises(ValidationError):
        propose(text="https://t.me/share/url?url=x")
    assert not Account.objects.exists()


def test_the_same_account_written_differently_is_refused(propose):
    propose()
    with pytest.raises(ValidationError) as error:
        propose(text="@CHIRCHIQ_HOKIMLIGI")
    assert error.value.message_dict == {"text": [str(services.ALREADY_REGISTERED)]}
    assert Account.objects.count() == 1


def test_rejected_proposal_needs_a_reason_and_frees_the_handle(propose, editor):
    account = propose()
    with pytest.raises(ValidationError):
        services.account_reject(editor=editor, account=account, note=" ")
    services.account_reject(editor=editor, account=account, note="Buyruq topilmadi")
    assert Account.objects.get().review == Review.REJECTED
    propose()  # may be proposed again with better evidence
    assert Account.objects.count() == 2


def test_closing_keeps_the_account_and_the_history(register_account, editor):
    account = register_account("t.me/mininfo_uz")
    services.account_status_change(
        editor=editor, account=account, status=AccountStatus.CLOSED, note="Kanal yopildi"
    )
    account.refresh_from_db()
    assert account.status == AccountStatus.CLOSED and Account.objects.public().count() == 1
    assert [e.action for e in account.events.all()] == [EventAction.IMPORTED, EventAction.STATUS]
    with pytest.raises(ValidationError):
        services.account_status_change(
            editor=editor, account=account, status=AccountStatus.CLOSED, note="again"
        )
    assert AccountEvent.objects.count() == 2


def test_report_names_the_imitated_account(register_account, editor):
    real = register_account("t.me/mininfo_uz")
    report = services.report_submit(text="https://t.me/mininfo_uz_official", note="Pul so'raydi")
    assert report.imitated == real and report.organization == real.organization
    with pytest.raises(ValidationError):
        services.report_resolve(editor=editor, report=report, status="confirmed", outcome="")
    services.report_resolve(
        editor=editor, report=report, status="confirmed", outcome="Telegramga xabar berildi"
    )
    report.refresh_from_db()
    assert (report.status, report.handled_by) == ("confirmed", editor)
    with pytest.raises(ValidationError):
        services.report_resolve(editor=editor, report=report, status="dismissed", outcome="x")


def test_empty_report_is_refused():
    with pytest.raises(ValidationError):
        services.report_submit(text="  ")


def test_snapshot_is_taken_once_a_day(register_account):
    register_account("t.me/mininfo_uz")
    first = services.snapshot_take()
    register_account("x.com/mininfo", network="x")
    assert services.snapshot_take() == first
    assert first.document["count"] == 1
    assert first.document["accounts"][0]["handle"] == "mininfo_uz"


def test_snapshot_command(register_account):
    register_account("t.me/mininfo_uz")
    out = io.StringIO()
    call_command("registry_snapshot", stdout=out)
    call_command("registry_snapshot", stdout=out)
    assert RegisterSnapshot.objects.get().accounts == 1
    assert "1 accounts" in out.getvalue()


def test_regional_editor_reviews_only_their_region(propose, regional_editor, register_account):
    chirchiq = propose()
    services.account_approve(editor=regional_editor, account=chirchiq)
    agency = register_account("t.me/mininfo_uz")
    with pytest.raises(PermissionDenied):
        services.account_status_change(
            editor=regional_editor, account=agency, status="closed", note="x"
        )
    report = services.report_submit(text="t.me/mininfo_uz_official")  # about the agency
    with pytest.raises(PermissionDenied):
        services.report_resolve(
            editor=regional_editor, report=report, status="dismissed", outcome="x"
        )
    assert Account.objects.get(pk=agency.pk).status == AccountStatus.ACTIVE


def test_review_queue_holds_the_editors_organisations(
    client, propose, regional_editor, editor, register_account
):
    propose()  # Chirchiq, in the region
    register_account("t.me/mininfo_uz")
    services.report_submit(text="t.me/mininfo_uz_official")  # the agency's look-alike
    services.report_submit(text="t.me/nobody_knows")  # names no organisation
    client.force_login(regional_editor)
    page = client.get("/en/registry/review/").content.decode()
    assert "chirchiq_hokimligi" in page and "nobody_knows" in page
    assert "mininfo_uz_official" not in page
    client.force_login(editor)  # the central office: everything
    page = client.get("/en/registry/review/").content.decode()
    assert "chirchiq_hokimligi" in page and "mininfo_uz_official" in page
