"""Trainers hide and restore reported posts from the admin's moderation queue; it is audited."""

import pytest
from django.test import override_settings
from django.urls import reverse
from wagtail.models import ModelLogEntry

from playbooks import consultations
from playbooks.models import PostReport

from .conftest import in_uzbek


@pytest.fixture
def reported(civil_servant, colleague, playbook):
    thread = consultations.thread_create(
        user=civil_servant, playbook=playbook, title="Q", body="Q?"
    )
    answer = consultations.post_create(user=colleague, thread=thread, body="An insulting answer")
    consultations.post_report(user=civil_servant, post=answer, reason="Insult")
    return answer


def test_the_queue_is_for_trainers_only(client, reported, civil_servant):
    client.force_login(civil_servant)
    response = client.get(reverse("playbooks_moderation"))
    assert response.status_code in (302, 403)


def test_hide_and_restore_from_the_queue_are_logged(client, reported, trainer):
    client.force_login(trainer)
    queue = client.get(reverse("playbooks_moderation")).content.decode()
    assert "An insulting answer" in queue and "Insult" in queue

    hide = reverse("playbooks_moderation_action", args=[reported.pk, "hide"])
    assert client.post(hide, {"reason": "Insults a colleague"}).status_code == 302
    reported.refresh_from_db()
    assert reported.is_hidden and reported.hidden_by == trainer
    assert not PostReport.objects.filter(resolved_at__isnull=True).exists()
    entry = ModelLogEntry.objects.get(action="playbooks.hide_post")
    assert entry.user == trainer and entry.data["reason"] == "Insults a colleague"
    assert entry.object_id == str(reported.pk)

    restore = reverse("playbooks_moderation_action", args=[reported.pk, "restore"])
    assert client.post(restore).status_code == 302
    reported.refresh_from_db()
    assert not reported.is_hidden
    assert ModelLogEntry.objects.filter(action="playbooks.restore_post").count() == 1


def test_dismissing_reports_keeps_the_post(client, reported, trainer):
    client.force_login(trainer)
    url = reverse("playbooks_moderation_action", args=[reported.pk, "dismiss"])
    assert client.post(url).status_code == 302
    reported.refresh_from_db()
    assert not reported.is_hidden
    assert "An insulting answer" not in client.get(reverse("playbooks_moderation")).content.decode()
    assert ModelLogEntry.objects.filter(action="playbooks.dismiss_reports").exists()


@override_settings(MULOQOT_PLAYBOOK_POSTS_PER_WINDOW=100)
def test_the_queue_runs_a_fixed_number_of_queries(
    client, reported, trainer, civil_servant, colleague, django_assert_max_num_queries
):
    for number in range(10):
        post = consultations.post_create(
            user=colleague, thread=reported.thread, body=f"Bad {number}"
        )
        consultations.post_report(user=civil_servant, post=post, reason="Spam")
    client.force_login(trainer)
    with django_assert_max_num_queries(30):
        response = client.get(reverse("playbooks_moderation"))
    assert response.content.decode().count("Spam") == 10


def test_moderation_shows_in_the_admin_site_history(client, reported, trainer, make_user):
    consultations.post_set_hidden(user=trainer, post=reported, hidden=True, reason="Insult")
    admin = make_user("boss", is_superuser=True, is_staff=True)
    client.force_login(admin)
    page = client.get(reverse("wagtailadmin_reports:site_history"))
    assert page.status_code == 200
    assert in_uzbek("Post hidden") in page.content.decode()
