"""Who reads, writes, accepts and edits in consultation threads, and what they see."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import Employment
from playbooks import consultations
from playbooks.models import Post, PostKind, Subscription, Thread
from playbooks.ratelimit import post_rate_hit

from .conftest import in_uzbek


@pytest.fixture
def thread(civil_servant, playbook) -> Thread:
    return consultations.thread_create(
        user=civil_servant,
        playbook=playbook,
        title="How fast must we answer?",
        body="The head is away. May we post a *short* holding reply?",
    )


@pytest.fixture
def answer(thread, colleague) -> Post:
    return consultations.post_create(
        user=colleague, thread=thread, body="Yes, say you are checking."
    )


def thread_url(thread):
    return reverse("playbooks:thread", args=[thread.pk])


# Reading and posting -----------------------------------------------------------------------------


def test_a_civil_servant_asks_on_a_playbook_through_the_form(client, civil_servant, playbook):
    client.force_login(civil_servant)
    response = client.post(
        reverse("playbooks:ask"),
        {
            "playbook": playbook.pk,
            "title": "Template in Russian?",
            "body": "Is there one?",
            "is_public": "on",
        },
    )
    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response["Location"] == thread_url(thread)
    assert thread.playbook == playbook and thread.author == civil_servant
    assert thread.posts.get().kind == PostKind.QUESTION
    # The asker follows their own thread.
    assert Subscription.objects.filter(thread=thread, user=civil_servant).exists()
    page = client.get(playbook.url)
    assert "Template in Russian?" in page.content.decode()


def test_citizens_read_public_threads_but_cannot_post(client, citizen, thread, answer):
    client.force_login(citizen)
    page = client.get(thread_url(thread))
    assert page.status_code == 200
    assert "Yes, say you are checking." in page.content.decode()
    assert 'action="' + reverse("playbooks:answer", args=[thread.pk]) not in page.content.decode()

    response = client.post(reverse("playbooks:answer", args=[thread.pk]), {"body": "Me too"})
    assert response.status_code == 403
    assert in_uzbek(str(consultations.MESSAGE_CANNOT_POST)) in response.content.decode()
    response = client.post(reverse("playbooks:ask"), {"title": "Q", "body": "B"})
    assert response.status_code == 403
    assert Post.objects.count() == 2
    with pytest.raises(PermissionDenied):
        consultations.thread_create(user=citizen, title="Q", body="B")


def test_visitors_read_public_threads_and_are_sent_to_sign_in_to_post(client, thread):
    assert client.get(thread_url(thread)).status_code == 200
    response = client.post(reverse("playbooks:answer", args=[thread.pk]), {"body": "Hi"})
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_thread_for_civil_servants_only_is_closed_to_citizens(
    client, civil_servant, colleague, citizen, playbook
):
    private = consultations.thread_create(
        user=civil_servant, playbook=playbook, title="Internal", body="Only us", is_public=False
    )
    assert client.get(thread_url(private)).status_code == 302  # visitor: sign in
    client.force_login(citizen)
    assert client.get(thread_url(private)).status_code == 404
    assert "Internal" not in client.get(playbook.url).content.decode()
    client.force_login(colleague)
    assert client.get(thread_url(private)).status_code == 200
    assert "Internal" in client.get(playbook.url).content.decode()


def test_a_reply_goes_under_an_answer_and_only_under_an_answer(thread, answer, civil_servant):
    reply = consultations.post_create(
        user=civil_servant, thread=thread, body="Thanks!", parent=answer
    )
    assert reply.kind == PostKind.REPLY and reply.parent == answer
    with pytest.raises(ValidationError) as error:
        consultations.post_create(user=civil_servant, thread=thread, body="x", parent=reply)
    assert error.value.messages == [str(consultations.MESSAGE_REPLY_TO_ANSWER)]


def test_empty_posts_are_refused_with_a_message(client, civil_servant, thread):
    client.force_login(civil_servant)
    response = client.post(reverse("playbooks:answer", args=[thread.pk]), {"body": "   "})
    assert response.status_code == 400
    assert Post.objects.filter(thread=thread).count() == 1


# Hidden posts ------------------------------------------------------------------------------------


def test_hidden_posts_are_invisible_to_everyone_but_their_author_and_trainers(
    client, thread, answer, civil_servant, colleague, citizen, trainer
):
    consultations.post_set_hidden(user=trainer, post=answer, hidden=True, reason="Insult")
    text = "Yes, say you are checking."
    client.force_login(civil_servant)
    assert text not in client.get(thread_url(thread)).content.decode()
    client.force_login(citizen)
    assert text not in client.get(thread_url(thread)).content.decode()
    client.logout()
    assert text not in client.get(thread_url(thread)).content.decode()
    client.force_login(colleague)  # the author sees it, marked
    page = client.get(thread_url(thread)).content.decode()
    assert text in page and in_uzbek("Hidden by a moderator") in page
    client.force_login(trainer)
    assert text in client.get(thread_url(thread)).content.decode()
    # A hidden post cannot be accepted, voted on by URL guessing, or edited.
    client.force_login(civil_servant)
    assert client.post(reverse("playbooks:accept", args=[answer.pk])).status_code == 404
    assert client.post(reverse("playbooks:vote", args=[answer.pk])).status_code == 404


def test_a_thread_whose_question_is_hidden_disappears_for_others(
    client, thread, civil_servant, colleague, trainer, playbook
):
    consultations.post_set_hidden(user=trainer, post=thread.posts.get(), hidden=True)
    client.force_login(colleague)
    assert client.get(thread_url(thread)).status_code == 404
    assert thread.title not in client.get(playbook.url).content.decode()
    client.force_login(civil_servant)
    assert client.get(thread_url(thread)).status_code == 200


def test_a_thread_whose_accepted_answer_is_hidden_is_no_longer_listed_as_answered(
    client, thread, answer, civil_servant, colleague, trainer, playbook
):
    consultations.answer_accept(user=civil_servant, post=answer)
    answered = in_uzbek("answered")
    client.force_login(colleague)
    assert answered in client.get(playbook.url).content.decode()
    consultations.post_set_hidden(user=trainer, post=answer, hidden=True, reason="Insult")
    assert answered not in client.get(playbook.url).content.decode()


def test_only_trainers_hide_posts(thread, answer, civil_servant):
    with pytest.raises(PermissionDenied):
        consultations.post_set_hidden(user=civil_servant, post=answer, hidden=True)


# Accepting ---------------------------------------------------------------------------------------


def test_the_asker_accepts_an_answer(client, thread, answer, civil_servant):
    client.force_login(civil_servant)
    response = client.post(reverse("playbooks:accept", args=[answer.pk]))
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.accepted_answer == answer
    page = client.get(thread_url(thread)).content.decode()
    assert in_uzbek("Accepted answer") in page


def test_a_trainer_accepts_an_answer_but_another_colleague_cannot(
    client, thread, answer, colleague, trainer, make_user, organizations
):
    client.force_login(colleague)
    response = client.post(reverse("playbooks:accept", args=[answer.pk]))
    assert response.status_code == 403
    thread.refresh_from_db()
    assert thread.accepted_answer is None
    consultations.answer_accept(user=trainer, post=answer)
    thread.refresh_from_db()
    assert thread.accepted_answer == answer


def test_the_question_itself_cannot_be_accepted(thread, civil_servant):
    with pytest.raises(ValidationError):
        consultations.answer_accept(user=civil_servant, post=thread.posts.get())


# Votes, edits, subscriptions, reports ------------------------------------------------------------


def test_useful_votes_count_once_and_never_for_ones_own_post(
    thread, answer, civil_servant, colleague
):
    assert consultations.post_vote_toggle(user=civil_servant, post=answer) is True
    answer.refresh_from_db()
    assert answer.useful_count == 1
    assert consultations.post_vote_toggle(user=civil_servant, post=answer) is False
    answer.refresh_from_db()
    assert answer.useful_count == 0
    with pytest.raises(ValidationError):
        consultations.post_vote_toggle(user=colleague, post=answer)


@override_settings(MULOQOT_PLAYBOOK_EDIT_WINDOW_MINUTES=30)
def test_authors_edit_within_the_window_only(client, answer, colleague, civil_servant):
    client.force_login(civil_servant)
    response = client.post(reverse("playbooks:edit", args=[answer.pk]), {"body": "Changed"})
    assert response.status_code == 403  # not the author
    client.force_login(colleague)
    response = client.post(reverse("playbooks:edit", args=[answer.pk]), {"body": "**Changed**"})
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.body_html == "<p><strong>Changed</strong></p>" and answer.edited_at
    Post.objects.filter(pk=answer.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=31)
    )
    response = client.post(reverse("playbooks:edit", args=[answer.pk]), {"body": "Too late"})
    assert response.status_code == 403
    assert in_uzbek(str(consultations.MESSAGE_EDIT_CLOSED)) in response.content.decode()


def test_subscribers_get_an_email_after_the_answer_commits(
    thread, colleague, civil_servant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        consultations.post_create(user=colleague, thread=thread, body="Use the holding template.")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [civil_servant.email]  # the asker; never the author of the answer
    assert thread.title in message.subject
    assert "Use the holding template." in message.body
    assert reverse("playbooks:thread", args=[thread.pk]) in message.body


def test_unsubscribed_people_get_no_email(
    thread, colleague, civil_servant, django_capture_on_commit_callbacks
):
    assert consultations.subscription_toggle(user=civil_servant, thread=thread) is False
    with django_capture_on_commit_callbacks(execute=True):
        consultations.post_create(user=colleague, thread=thread, body="Hello")
    assert mail.outbox == []


def test_a_report_reaches_the_moderation_queue_once(client, answer, civil_servant, trainer):
    client.force_login(civil_servant)
    client.post(reverse("playbooks:report", args=[answer.pk]), {"reason": "Rude"})
    client.post(reverse("playbooks:report", args=[answer.pk]), {"reason": "Rude again"})
    assert answer.reports.count() == 1
    client.force_login(trainer)
    page = client.get(reverse("playbooks_moderation"))
    assert page.status_code == 200
    assert "Rude" in page.content.decode()


# Rate limits -------------------------------------------------------------------------------------


@override_settings(MULOQOT_PLAYBOOK_POSTS_PER_WINDOW=2, MULOQOT_PLAYBOOK_POST_WINDOW_SECONDS=3600)
def test_posting_is_limited_per_user_with_a_429(client, thread, colleague, civil_servant):
    client.force_login(colleague)
    url = reverse("playbooks:answer", args=[thread.pk])
    assert client.post(url, {"body": "One"}).status_code == 302
    assert client.post(url, {"body": "Two"}).status_code == 302
    response = client.post(url, {"body": "Three"})
    assert response.status_code == 429
    assert in_uzbek(str(consultations.MESSAGE_RATE_LIMITED)) in response.content.decode()
    assert not Post.objects.filter(body="Three").exists()
    # The limit is per person: the asker still writes.
    client.force_login(civil_servant)
    assert client.post(url, {"body": "Mine"}).status_code == 302


@override_settings(MULOQOT_PLAYBOOK_POSTS_PER_WINDOW=1, MULOQOT_PLAYBOOK_POST_WINDOW_SECONDS=60)
def test_the_window_resets(civil_servant):
    assert post_rate_hit(user=civil_servant, now=1_000_020) is True
    assert post_rate_hit(user=civil_servant, now=1_000_030) is False
    assert post_rate_hit(user=civil_servant, now=1_000_090) is True  # the next minute


# Query counts ------------------------------------------------------------------------------------


def test_a_thread_page_runs_a_fixed_number_of_queries(
    client, thread, colleague, civil_servant, django_assert_max_num_queries
):
    for number in range(8):
        answer = consultations.post_create(user=colleague, thread=thread, body=f"Answer {number}")
        consultations.post_create(user=civil_servant, thread=thread, body="Thanks", parent=answer)
    client.force_login(civil_servant)
    with django_assert_max_num_queries(25):
        response = client.get(thread_url(thread))
    assert response.content.decode().count('class="post post--reply') == 8


def test_a_made_up_playbook_id_is_a_404_not_a_500(client, civil_servant):
    client.force_login(civil_servant)
    for value in ("abc", "999999"):
        response = client.post(
            reverse("playbooks:ask"), {"playbook": value, "title": "Q", "body": "B"}
        )
        assert response.status_code == 404
    assert not Thread.objects.exists()


def test_no_email_about_a_thread_whose_question_is_hidden(
    thread,
    colleague,
    civil_servant,
    trainer,
    make_user,
    organizations,
    django_capture_on_commit_callbacks,
):
    follower = make_user("follower")
    Employment.objects.create(user=follower, organization=organizations["angren"])
    consultations.subscription_toggle(user=follower, thread=thread)
    thread.question = thread.posts.get()
    consultations.post_set_hidden(user=trainer, post=thread.question, hidden=True)
    with django_capture_on_commit_callbacks(execute=True):
        consultations.post_create(user=trainer, thread=thread, body="A trainer's note")
    # The asker still reads their own thread; the follower can no longer see it.
    assert [message.to for message in mail.outbox] == [[civil_servant.email]]
