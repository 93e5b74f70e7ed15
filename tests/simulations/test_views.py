"""The learner's pages (list, start, play one choice per POST, result) and the trainers' admin
views (graph, preview, statistics, review)."""

import pytest
from django.urls import reverse
from django.utils import translation

from simulations.attempts import attempt_choose, attempt_start
from simulations.blocks import ScenarioBlock
from simulations.models import AttemptStep, ReplyReview, ScenarioAttempt

from .conftest import road_situations, situation

pytestmark = pytest.mark.django_db


def test_the_list_needs_a_signed_in_reader_and_shows_published_scenarios(
    client, make_scenario, learner
):
    make_scenario(title="Road repair at night")
    make_scenario(title="Draft scenario", live=False)

    response = client.get(reverse("simulations:list"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]

    client.force_login(learner)
    html = client.get(reverse("simulations:list")).content.decode()
    assert "Road repair at night" in html
    assert "Draft scenario" not in html


def test_a_draft_scenario_page_is_not_found_for_learners(client, make_scenario, learner):
    scenario = make_scenario(live=False)
    client.force_login(learner)

    assert client.get(reverse("simulations:scenario", args=[scenario.pk])).status_code == 404
    assert client.post(reverse("simulations:start", args=[scenario.pk])).status_code == 404


def test_playing_to_the_end_with_one_choice_per_post(
    client, make_scenario, learner, django_assert_max_num_queries
):
    scenario = make_scenario()
    client.force_login(learner)

    response = client.post(reverse("simulations:start", args=[scenario.pk]))
    attempt = ScenarioAttempt.objects.get(user=learner)
    url = reverse("simulations:attempt", args=[attempt.uuid])
    assert response["Location"] == url
    with django_assert_max_num_queries(8):
        html = client.get(url).content.decode()
    assert "Comment at night-comment" in html
    assert "Delete the comment" in html
    assert "09:00" in html

    client.post(url, {"situation": "night-comment", "choice": "1"})
    html = client.get(url).content.decode()
    assert "What your last choice did" in html
    assert "09:05" in html  # five minutes passed
    assert "Apologise and restore it" in html

    response = client.post(url, {"situation": "backlash", "choice": "0"})
    html = client.get(url).content.decode()
    assert "Your scores" in html
    assert "Overall: 43%" in html
    assert "not tested on your path" in html


def test_a_double_post_of_the_same_choice_is_harmless(client, make_scenario, learner):
    attempt = attempt_start(scenario=make_scenario(), user=learner)
    client.force_login(learner)
    url = reverse("simulations:attempt", args=[attempt.uuid])

    first = client.post(url, {"situation": "night-comment", "choice": "1"})
    second = client.post(url, {"situation": "night-comment", "choice": "1"})

    assert first.status_code == second.status_code == 302
    assert AttemptStep.objects.filter(attempt=attempt).count() == 1


def test_bad_input_answers_400_with_a_message(client, make_scenario, learner):
    attempt = attempt_start(scenario=make_scenario(), user=learner)
    client.force_login(learner)
    url = reverse("simulations:attempt", args=[attempt.uuid])

    response = client.post(url, {"situation": "night-comment", "choice": "9"})
    assert response.status_code == 400
    assert "Choose one of the actions offered." in response.content.decode()

    response = client.post(url, {"situation": "night-comment", "choice": "2", "reply": ""})
    assert response.status_code == 400
    assert "Write your reply before sending it." in response.content.decode()
    assert not AttemptStep.objects.exists()


def test_another_learners_attempt_is_not_found(client, make_scenario, learner, make_user):
    attempt = attempt_start(scenario=make_scenario(), user=learner)
    client.force_login(make_user("someone"))
    url = reverse("simulations:attempt", args=[attempt.uuid])

    assert client.get(url).status_code == 404
    assert client.post(url, {"situation": "night-comment", "choice": "0"}).status_code == 404
    assert not AttemptStep.objects.exists()


def test_the_lesson_block_links_to_the_scenario_from_the_lesson(make_scenario):
    scenario = make_scenario()
    block = ScenarioBlock()
    html = block.render(block.to_python({"scenario": scenario.pk, "minimum_score": 70}))

    assert reverse("simulations:scenario", args=[scenario.pk]) in html
    assert "at least 70%" in html


@pytest.fixture
def trainer(make_user):
    return make_user("trainer", groups=["Trainers"], is_staff=True)


def test_the_graph_view_flags_problems_and_draws_the_situations(client, make_scenario, trainer):
    scenario = make_scenario([*road_situations(), situation("island", ending="x")], live=False)
    client.force_login(trainer)

    html = client.get(reverse("simulations_graph", args=[scenario.pk])).content.decode()

    assert 'data-problem="unreachable"' in html
    assert "<svg" in html
    assert "night-comment" in html


def test_a_learner_cannot_open_the_graph(client, make_scenario, learner):
    scenario = make_scenario()
    client.force_login(learner)

    response = client.get(reverse("simulations_graph", args=[scenario.pk]))

    assert response.status_code in (302, 403)


def test_the_preview_plays_a_draft_without_counting_it(client, make_scenario, trainer):
    scenario = make_scenario(live=False)
    client.force_login(trainer)

    response = client.post(reverse("simulations_preview", args=[scenario.pk]))

    attempt = ScenarioAttempt.objects.get(user=trainer)
    assert attempt.preview
    assert response["Location"].endswith(f"/simulations/attempts/{attempt.uuid}/")
    # An admin request leaves its own language active: read the page in English again.
    with translation.override("en"):
        html = client.get(reverse("simulations:attempt", args=[attempt.uuid])).content.decode()
    assert "Preview: this attempt is not counted." in html


def test_statistics_page_shows_the_counts(client, make_scenario, trainer, learner):
    scenario = make_scenario()
    attempt = attempt_start(scenario=scenario, user=learner)
    attempt_choose(attempt=attempt, node_key="night-comment", choice_index=0)
    client.force_login(trainer)

    html = client.get(reverse("simulations_statistics", args=[scenario.pk])).content.decode()

    assert 'data-situation="night-comment"' in html
    assert 'data-count="0">1<' in html


def test_a_trainer_reviews_a_free_text_reply_with_the_rubric(
    client, make_scenario, trainer, learner
):
    attempt = attempt_start(scenario=make_scenario(), user=learner)
    attempt_choose(
        attempt=attempt, node_key="night-comment", choice_index=2, reply_text="We will fix it."
    )
    step = AttemptStep.objects.get()
    client.force_login(trainer)
    assert "We will fix it." in client.get(reverse("simulations_reviews")).content.decode()

    bad = client.post(reverse("simulations_review", args=[step.pk]), {"tone": "7"})
    assert bad.status_code == 400
    response = client.post(
        reverse("simulations_review", args=[step.pk]),
        {"tone": "3", "accuracy": "2", "legality": "3", "comment": "Polite and clear."},
    )

    assert response.status_code == 302
    review = ReplyReview.objects.get()
    assert (review.tone, review.accuracy, review.legality, review.by_trainer) == (3, 2, 3, True)
    client.force_login(learner)
    with translation.override("en"):
        html = client.get(reverse("simulations:attempt", args=[attempt.uuid])).content.decode()
    assert "tone 3/3, accuracy 2/3, legality 3/3" in html


def test_a_peer_who_finished_the_scenario_reviews_a_colleagues_reply(
    client, make_scenario, learner, make_user
):
    scenario = make_scenario()
    attempt = attempt_start(scenario=scenario, user=learner)
    attempt_choose(
        attempt=attempt, node_key="night-comment", choice_index=2, reply_text="We will fix it."
    )
    step = AttemptStep.objects.get()
    peer, newcomer = make_user("peer"), make_user("newcomer")
    url = reverse("simulations:peer_review", args=[scenario.pk])

    client.force_login(newcomer)  # has not finished the scenario
    assert client.get(url).status_code == 404

    client.force_login(learner)  # never offered their own reply
    assert "We will fix it." not in client.get(url).content.decode()

    peer_attempt = attempt_start(scenario=scenario, user=peer)
    attempt_choose(attempt=peer_attempt, node_key="night-comment", choice_index=0)
    client.force_login(peer)
    assert "We will fix it." in client.get(url).content.decode()
    response = client.post(
        url, {"step": step.pk, "tone": "2", "accuracy": "3", "legality": "3", "comment": "Good."}
    )

    assert response.status_code == 302
    review = ReplyReview.objects.get()
    assert (review.reviewer, review.by_trainer, review.tone) == (peer, False, 2)
    assert "We will fix it." not in client.get(url).content.decode()  # reviewed once
    assert client.post(url, {"step": 999999, "tone": "2"}).status_code == 400
