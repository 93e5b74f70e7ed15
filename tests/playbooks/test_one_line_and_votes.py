"""Issue 15, items 11 and 12: thread titles (and other one-line fields) refuse control
characters; a question post takes no "useful" vote."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import Organization
from playbooks import consultations
from playbooks.models import PostKind, PostVote, Thread

from .conftest import in_uzbek

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("title", ["Line one\nline two", "Tab\there", "Bell\x07", "Sep\u2028x"])
def test_a_title_with_control_characters_is_refused_and_nothing_is_written(
    client, civil_servant, playbook, title
):
    client.force_login(civil_servant)
    response = client.post(
        reverse("playbooks:ask"), {"playbook": playbook.pk, "title": title, "body": "Body"}
    )
    assert response.status_code in (200, 400)
    assert in_uzbek("Write this on one line, without tabs or control characters.") in (
        response.content.decode()
    )
    assert not Thread.objects.exists()
    with pytest.raises(ValidationError):
        consultations.thread_create(user=civil_servant, playbook=playbook, title=title, body="B")
    assert not Thread.objects.exists()


def test_editing_a_title_refuses_a_newline_and_keeps_the_body(civil_servant, playbook):
    thread = consultations.thread_create(
        user=civil_servant, playbook=playbook, title="Fine title", body="Body"
    )
    question = thread.posts.get(kind=PostKind.QUESTION)
    with pytest.raises(ValidationError) as raised:
        consultations.post_edit(
            user=civil_servant, post=question, body="New body", title="Bad\r\nSubject: x"
        )
    assert "title" in raised.value.message_dict
    question.refresh_from_db()
    thread.refresh_from_db()
    assert thread.title == "Fine title" and question.body == "Body"


def test_organisation_names_are_one_line(db):
    organization = Organization(code="x", name="Two\nlines", kind="district")
    with pytest.raises(ValidationError):
        organization.full_clean(exclude=["path", "depth", "numchild"])


def test_a_question_takes_no_useful_vote(client, civil_servant, colleague, playbook):
    thread = consultations.thread_create(
        user=civil_servant, playbook=playbook, title="Question", body="Body"
    )
    question = thread.posts.get(kind=PostKind.QUESTION)
    with pytest.raises(PermissionDenied):
        consultations.post_vote_toggle(user=colleague, post=question)
    client.force_login(colleague)
    assert client.post(reverse("playbooks:vote", args=[question.pk])).status_code == 403
    assert not PostVote.objects.exists()
