"""Who may mark a post useful and who may report it: one rule, asked by the services (which refuse)
and by the thread page (which shows the buttons)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from playbooks import consultations, rules
from playbooks.models import Post, PostKind, PostReport
from playbooks.selectors import thread_detail_get, thread_get


@pytest.fixture
def thread(civil_servant, playbook):
    created = consultations.thread_create(
        user=civil_servant, playbook=playbook, title="How fast?", body="Within an hour?"
    )
    return thread_get(pk=created.pk)


@pytest.fixture
def answer(thread, colleague) -> Post:
    return consultations.post_create(user=colleague, thread=thread, body="Yes, a holding reply.")


@pytest.fixture
def reply(thread, answer, civil_servant) -> Post:
    return consultations.post_create(
        user=civil_servant, thread=thread, body="Thanks", parent=answer
    )


# Marking useful ----------------------------------------------------------------------------------


def test_people_who_can_post_mark_someone_elses_answer_or_reply_useful(
    answer, reply, civil_servant, colleague, trainer
):
    assert rules.user_can_vote(civil_servant, answer)
    assert rules.user_can_vote(trainer, answer)
    assert rules.user_can_vote(colleague, reply)


def test_nobody_marks_their_own_post_useful(answer, reply, civil_servant, colleague):
    assert not rules.user_can_vote(colleague, answer)
    assert not rules.user_can_vote(civil_servant, reply)


def test_citizens_and_visitors_do_not_mark_posts_useful(answer, citizen):
    assert not rules.user_can_vote(citizen, answer)
    assert not rules.user_can_vote(AnonymousUser(), answer)


def test_a_question_has_no_useful_mark(thread, colleague, trainer):
    assert thread.question.kind == PostKind.QUESTION
    assert not rules.user_can_vote(colleague, thread.question)
    assert not rules.user_can_vote(trainer, thread.question)


def test_a_trainer_may_mark_a_hidden_answer_useful(answer, trainer):
    consultations.post_set_hidden(user=trainer, post=answer, hidden=True)
    answer.refresh_from_db()
    assert rules.user_can_vote(trainer, answer)


def test_the_vote_service_refuses_what_the_rule_refuses(thread, answer, citizen, colleague):
    with pytest.raises(PermissionDenied) as refused:
        consultations.post_vote_toggle(user=citizen, post=answer)
    assert refused.value.args == (consultations.MESSAGE_CANNOT_POST,)
    with pytest.raises(ValidationError) as own:
        consultations.post_vote_toggle(user=colleague, post=answer)
    assert own.value.messages == [str(consultations.MESSAGE_OWN_POST_VOTE)]
    with pytest.raises(PermissionDenied):
        consultations.post_vote_toggle(user=colleague, post=thread.question)
    answer.refresh_from_db()
    thread.question.refresh_from_db()
    assert answer.useful_count == 0 and thread.question.useful_count == 0


# Reporting ---------------------------------------------------------------------------------------


def test_anyone_signed_in_reports_someone_elses_visible_post(
    thread, answer, civil_servant, colleague, citizen, trainer
):
    assert rules.user_can_report(civil_servant, answer)
    assert rules.user_can_report(citizen, answer)
    assert rules.user_can_report(trainer, answer)
    assert rules.user_can_report(colleague, thread.question)


def test_nobody_reports_their_own_post_and_visitors_report_nothing(answer, colleague):
    assert not rules.user_can_report(colleague, answer)
    assert not rules.user_can_report(AnonymousUser(), answer)


def test_a_hidden_post_is_not_reported_again(answer, trainer):
    consultations.post_set_hidden(user=trainer, post=answer, hidden=True)
    answer.refresh_from_db()
    assert not rules.user_can_report(trainer, answer)


def test_the_report_service_refuses_what_the_rule_refuses(answer, colleague, trainer):
    with pytest.raises(PermissionDenied):
        consultations.post_report(user=colleague, post=answer, reason="Mine")
    with pytest.raises(PermissionDenied):
        consultations.post_report(user=AnonymousUser(), post=answer)
    consultations.post_set_hidden(user=trainer, post=answer, hidden=True)
    answer.refresh_from_db()
    with pytest.raises(PermissionDenied):
        consultations.post_report(user=trainer, post=answer, reason="Again")
    assert PostReport.objects.count() == 0


# The thread page asks the same rules ------------------------------------------------------------


def test_the_thread_page_offers_exactly_what_the_rules_allow(
    client, thread, answer, reply, civil_servant, colleague, citizen
):
    for user in (civil_servant, colleague, citizen):
        detail = thread_detail_get(thread=thread, user=user)
        posts = [thread.question, answer, reply]
        assert detail.votable_ids == {p.pk for p in posts if rules.user_can_vote(user, p)}
        assert detail.reportable_ids == {p.pk for p in posts if rules.user_can_report(user, p)}

    client.force_login(colleague)  # wrote the answer
    page = client.get(reverse("playbooks:thread", args=[thread.pk])).content.decode()
    assert page.count('aria-pressed="false"') == 1  # the reply only
    assert reverse("playbooks:report", args=[answer.pk]) not in page
    assert reverse("playbooks:report", args=[reply.pk]) in page

    client.force_login(citizen)  # reads and reports, never votes
    page = client.get(reverse("playbooks:thread", args=[thread.pk])).content.decode()
    assert "aria-pressed" not in page
    assert reverse("playbooks:report", args=[answer.pk]) in page
