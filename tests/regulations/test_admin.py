"""The "Code assignments" admin: coordinators assign within their subtree only, and another
subtree's assignment is neither listed nor reachable by URL."""

import pytest
from django.urls import reverse

from regulations.models import AcknowledgementRequirement, CodeAssignment
from regulations.services import code_assignment_create

pytestmark = pytest.mark.django_db

URL = "wagtailsnippets_regulations_codeassignment:"


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


def test_coordinator_assigns_to_their_subtree_and_learners_must_acknowledge(
    client, region_coordinator, code, add_version, organizations, learner,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    add_version(1)
    client.force_login(region_coordinator)
    response = client.get(reverse(URL + "add"))
    choices = [str(label) for _v, label in response.context["form"].fields["organization"].choices]
    assert "Chirchiq" in choices and "Information Agency" not in choices
    data = {"code": code.pk, "positions": "", "days_to_acknowledge": 20}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(URL + "add"), {**data, "organization": organizations["chirchiq"].pk}
        )
    assert response.status_code == 302
    assignment = CodeAssignment.objects.get()
    assert assignment.created_by == region_coordinator
    assert AcknowledgementRequirement.objects.filter(user=learner, current=True).exists()

    refused = client.post(
        reverse(URL + "add"), {**data, "organization": organizations["mininfo"].pk}
    )
    assert refused.status_code == 200
    assert CodeAssignment.objects.count() == 1


def test_another_subtrees_assignment_is_not_listed_nor_reachable(
    client, region_coordinator, code, organizations
):
    other = code_assignment_create(code=code, organization=organizations["mininfo"])
    client.force_login(region_coordinator)
    listing = client.get(reverse(URL + "list"))
    assert listing.status_code == 200
    assert other not in list(listing.context["object_list"])
    assert client.get(reverse(URL + "edit", args=[other.pk])).status_code == 404
    assert client.post(reverse(URL + "delete", args=[other.pk])).status_code == 404
    assert CodeAssignment.objects.filter(pk=other.pk).exists()
