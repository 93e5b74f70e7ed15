"""A learner proposes a revised template; a trainer publishes it as the next version."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from playbooks import files
from playbooks.models import ProposalStatus, TemplateProposal, TemplateVersion

from .conftest import docx_bytes, odt_bytes, read_all, upload


@pytest.fixture
def proposal(client, civil_servant, template_file) -> TemplateProposal:
    client.force_login(civil_servant)
    response = client.post(
        reverse("playbooks:propose", args=[template_file.pk]),
        {"file": upload("rapid-plan-v2.odt", odt_bytes()), "note": "Added a column for reach."},
    )
    assert response.status_code == 302
    client.logout()
    return TemplateProposal.objects.get()


def test_a_proposal_waits_for_review_and_changes_nothing_yet(
    proposal, template_file, civil_servant
):
    assert proposal.status == ProposalStatus.PENDING
    assert proposal.proposer == civil_servant
    assert proposal.original_filename == "rapid-plan-v2.odt"
    assert template_file.versions.count() == 1


def test_a_trainer_publishes_it_as_the_next_version_crediting_the_proposer(
    client, proposal, template_file, trainer, civil_servant, playbook
):
    client.force_login(trainer)
    review_url = reverse("playbooks_proposal_review", args=[proposal.pk])
    page = client.get(review_url)
    assert page.status_code == 200
    assert 'value="1.1"' in page.content.decode()  # the next label is suggested
    response = client.post(
        review_url,
        {"action": "publish", "label": "1.1", "change_note": "A column for the post's reach."},
    )
    assert response.status_code == 302
    version = template_file.versions.first()
    assert version.label == "1.1"
    assert version.author == civil_servant  # credited to the proposer
    assert version.published_by == trainer
    assert version.document.filename.endswith(".odt")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PUBLISHED and proposal.version == version
    assert ModelLogEntry.objects.filter(action="playbooks.publish_proposal").count() == 1

    # Readers see the new version first, with the proposer as its author.
    client.logout()
    html = client.get(playbook.url).content.decode()
    assert html.index("1.1") < html.index("1.0")
    assert "Learner" in html
    download = client.get(reverse("playbooks:download", args=[version.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["Content-Type"] == "application/vnd.oasis.opendocument.text"
    assert read_all(download) == odt_bytes()


def test_a_used_label_is_refused(proposal, trainer):
    with pytest.raises(ValidationError) as error:
        files.proposal_publish(user=trainer, proposal=proposal, label="1.0", change_note="x")
    assert "label" in error.value.message_dict
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING
    assert TemplateVersion.objects.count() == 1


def test_a_proposal_is_reviewed_only_once(proposal, trainer):
    files.proposal_reject(user=trainer, proposal=proposal, review_note="Out of scope")
    with pytest.raises(ValidationError):
        files.proposal_publish(user=trainer, proposal=proposal, label="2.0", change_note="x")
    assert ModelLogEntry.objects.filter(action="playbooks.reject_proposal").count() == 1


def test_learners_cannot_review(client, proposal, civil_servant):
    with pytest.raises(PermissionDenied):
        files.proposal_publish(user=civil_servant, proposal=proposal, label="9", change_note="x")
    client.force_login(civil_servant)
    response = client.get(reverse("playbooks_proposal_review", args=[proposal.pk]))
    assert response.status_code in (302, 403)


def test_the_proposed_file_is_private_to_the_proposer_and_reviewers(
    client, proposal, civil_servant, colleague, trainer
):
    url = reverse("playbooks:proposal_download", args=[proposal.pk])
    client.force_login(colleague)
    assert client.get(url).status_code == 404
    client.force_login(civil_servant)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    client.force_login(trainer)
    assert client.get(url).status_code == 200


def test_citizens_cannot_propose(client, citizen, template_file):
    client.force_login(citizen)
    response = client.post(
        reverse("playbooks:propose", args=[template_file.pk]),
        {"file": upload("plan.docx", docx_bytes()), "note": "x"},
    )
    assert response.status_code == 403
    assert not TemplateProposal.objects.exists()


def test_a_trainer_uploads_a_new_version_in_the_admin(client, template_file, trainer):
    client.force_login(trainer)
    url = reverse("playbooks_version_add", args=[template_file.pk])
    bad = client.post(
        url, {"file": upload("plan.docx", b"MZ..."), "label": "2.0", "change_note": "x"}
    )
    assert bad.status_code == 400
    good = client.post(
        url, {"file": upload("plan.docx", docx_bytes()), "label": "2.0", "change_note": "New"}
    )
    assert good.status_code == 302
    assert template_file.versions.first().label == "2.0"


def test_the_admin_lists_render_for_trainers_with_a_review_button(client, proposal, trainer):
    client.force_login(trainer)
    for name in ("templatefile", "templateversion", "templateproposal"):
        response = client.get(reverse(f"wagtailsnippets_playbooks_{name}:list"))
        assert response.status_code == 200, name
    listing = client.get(reverse("wagtailsnippets_playbooks_templateproposal:list"))
    assert reverse("playbooks_proposal_review", args=[proposal.pk]) in listing.content.decode()
    files = client.get(reverse("wagtailsnippets_playbooks_templatefile:list"))
    assert reverse("playbooks_version_add", args=[proposal.template_id]) in files.content.decode()


def test_a_trainer_adds_a_template_file_to_a_playbook_in_the_admin(client, playbook, trainer):
    client.force_login(trainer)
    response = client.post(
        reverse("wagtailsnippets_playbooks_templatefile:add"),
        {"playbook": playbook.pk, "title": "Briefing checklist", "sort_order": 1},
    )
    assert response.status_code == 302
    template = playbook.template_files.get(title="Briefing checklist")
    # No file yet: the playbook says so, and "New version" uploads the first one.
    assert "Briefing checklist" in client.get(playbook.url).content.decode()
    assert template.versions.count() == 0
