"""Attempts: a frozen copy of the scenario, resumable, idempotent choices, scores at the end,
lesson completion and the choice statistics."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from courses.models import Audience, LessonCompletion, LessonPage
from courses.services import lesson_complete
from simulations.attempts import attempt_choose, attempt_start, reply_review
from simulations.models import AttemptStep, ScenarioAttempt
from simulations.selectors import choice_statistics, replies_to_review
from tests.courses import conftest as course_fixtures

from .conftest import option, road_situations, situation

pytestmark = pytest.mark.django_db
catalogue = course_fixtures.catalogue
make_course = course_fixtures.make_course


def test_starting_twice_resumes_the_open_attempt(make_scenario, learner):
    scenario = make_scenario()

    first = attempt_start(scenario=scenario, user=learner)
    again = attempt_start(scenario=scenario, user=learner)

    assert again.pk == first.pk
    assert first.current_key == "night-comment"
    assert (first.spread, first.trust) == (10, 60)


def test_a_draft_scenario_cannot_be_started_by_a_learner(make_scenario, learner):
    scenario = make_scenario(live=False)

    with pytest.raises(ValidationError) as error:
        attempt_start(scenario=scenario, user=learner)

    assert error.value.messages == ["This scenario is not open to you."]


def test_the_database_allows_one_open_attempt_per_learner_and_scenario(make_scenario, learner):
    scenario = make_scenario()
    attempt = attempt_start(scenario=scenario, user=learner)

    with pytest.raises(IntegrityError), transaction.atomic():
        ScenarioAttempt.objects.create(
            scenario=scenario,
            scenario_key=scenario.translation_key,
            version=1,
            snapshot=attempt.snapshot,
            user=learner,
            current_key="night-comment",
            started_at=attempt.started_at,
        )


def test_a_choice_moves_the_clock_indicators_and_situation_and_can_resume(make_scenario, learner):
    scenario = make_scenario(
        [
            situation("start", [option("Reply", next="middle", minutes=30, spread=5, trust=-70)]),
            situation("middle", [option("Finish", timeliness=2)]),
        ]
    )
    attempt = attempt_start(scenario=scenario, user=learner)

    attempt = attempt_choose(attempt=attempt, node_key="start", choice_index=0)
    resumed = attempt_start(scenario=scenario, user=learner)

    assert resumed.pk == attempt.pk
    assert (resumed.current_key, resumed.minutes, resumed.spread, resumed.trust) == (
        "middle",
        30,
        15,
        0,  # trust never goes below 0
    )
    assert not resumed.is_finished


def test_posting_the_same_choice_twice_records_it_once(make_scenario, learner):
    attempt = attempt_start(scenario=make_scenario(), user=learner)

    attempt_choose(attempt=attempt, node_key="night-comment", choice_index=1)
    again = attempt_choose(attempt=attempt, node_key="night-comment", choice_index=0)

    assert AttemptStep.objects.filter(attempt=attempt).count() == 1
    assert again.current_key == "backlash"
    assert again.trust == 40


def test_a_choice_for_another_situation_is_refused(make_scenario, learner):
    attempt = attempt_start(scenario=make_scenario(), user=learner)

    with pytest.raises(ValidationError) as error:
        attempt_choose(attempt=attempt, node_key="backlash", choice_index=0)

    assert error.value.code == "stale"


def test_a_choice_out_of_range_is_refused(make_scenario, learner):
    attempt = attempt_start(scenario=make_scenario(), user=learner)

    with pytest.raises(ValidationError) as error:
        attempt_choose(attempt=attempt, node_key="night-comment", choice_index=7)

    assert error.value.messages == ["Choose one of the actions offered."]


def test_an_own_reply_needs_text_and_is_kept_for_review(make_scenario, learner, make_user):
    attempt = attempt_start(scenario=make_scenario(), user=learner)
    with pytest.raises(ValidationError) as error:
        attempt_choose(attempt=attempt, node_key="night-comment", choice_index=2, reply_text=" ")
    assert error.value.messages == ["Write your reply before sending it."]

    attempt = attempt_choose(
        attempt=attempt, node_key="night-comment", choice_index=2, reply_text="Thank you, noted."
    )

    step = attempt.steps.get()
    assert step.reply_text == "Thank you, noted."
    # Only the action was scored (timeliness); the wording waits for a reviewer.
    assert attempt.scores["timeliness"] == 100
    assert attempt.scores["tone"] is None
    assert list(replies_to_review()) == [step]
    trainer = make_user("trainer", is_staff=True)
    reply_review(step=step, reviewer=trainer, by_trainer=True, tone=3, accuracy=2, legality=3)
    assert list(replies_to_review()) == []
    with pytest.raises(ValidationError):
        reply_review(step=step, reviewer=learner, by_trainer=False, tone=3, accuracy=3, legality=3)


def test_finishing_scores_each_skill_and_the_overall_percent(make_scenario, learner):
    attempt = attempt_start(scenario=make_scenario(), user=learner)

    attempt = attempt_choose(attempt=attempt, node_key="night-comment", choice_index=1)
    attempt = attempt_choose(attempt=attempt, node_key="backlash", choice_index=0)

    assert attempt.is_finished
    assert attempt.finished_at is not None
    # timeliness (1 + 1) / (3 + 1) = 50 %; tone (0 + 2) / (3 + 2) = 40 %; legality 40 %
    assert attempt.scores == {
        "timeliness": 50,
        "accuracy": None,
        "tone": 40,
        "legality": 40,
        "escalation": None,
    }
    assert attempt.percent == 43


def test_editing_the_scenario_never_changes_a_finished_attempt(make_scenario, learner):
    scenario = make_scenario()
    attempt = attempt_start(scenario=scenario, user=learner)
    attempt = attempt_choose(attempt=attempt, node_key="night-comment", choice_index=0)
    assert attempt.is_finished
    before = (attempt.snapshot, attempt.scores, attempt.percent, attempt.version)

    situations = road_situations()
    situations[0][1]["choices"][0]["label"] = "Something else entirely"
    situations[0][1]["choices"][0]["tone"] = 0
    scenario.situations = situations
    scenario.title = "Renamed"
    scenario.save()

    attempt.refresh_from_db()
    assert (attempt.snapshot, attempt.scores, attempt.percent, attempt.version) == before
    assert attempt.snapshot["nodes"][0]["choices"][0]["label"] == (
        "Thank them and register the appeal"
    )
    assert scenario.version == attempt.version + 1
    # A new attempt plays the new version.
    fresh = attempt_start(scenario=scenario, user=learner)
    assert fresh.snapshot["title"] == "Renamed"


def embed(course, scenario, minimum=None) -> LessonPage:
    lesson = LessonPage.objects.child_of(course).order_by("path").last()
    lesson.body = [
        *lesson.body.raw_data,
        {"type": "scenario", "value": {"scenario": scenario.pk, "minimum_score": minimum}},
    ]
    lesson.save_revision().publish()
    return LessonPage.objects.get(pk=lesson.pk)


def play_badly(scenario, user, lesson):
    attempt = attempt_start(scenario=scenario, user=user, lesson_id=lesson.pk)
    attempt_choose(attempt=attempt, node_key="night-comment", choice_index=1)
    return attempt_choose(attempt=attempt, node_key="backlash", choice_index=0)


def test_finishing_the_embedded_scenario_completes_the_lesson(make_scenario, make_course, learner):
    course = make_course(audience=Audience.PUBLIC, lessons=1)
    scenario = make_scenario()
    lesson = embed(course, scenario)
    with pytest.raises(ValidationError) as error:
        lesson_complete(user=learner, lesson=lesson)
    assert error.value.messages == ["Finish the practice scenario in this lesson to complete it."]

    play_badly(scenario, learner, lesson)

    assert LessonCompletion.objects.filter(user=learner, lesson=lesson).exists()


def test_a_score_below_the_minimum_does_not_complete_the_lesson(
    make_scenario, make_course, learner
):
    course = make_course(audience=Audience.PUBLIC, lessons=1)
    scenario = make_scenario()
    lesson = embed(course, scenario, minimum=80)

    attempt = play_badly(scenario, learner, lesson)
    assert attempt.percent == 43
    assert not LessonCompletion.objects.filter(user=learner, lesson=lesson).exists()

    again = attempt_start(scenario=scenario, user=learner, lesson_id=lesson.pk)
    attempt_choose(attempt=again, node_key="night-comment", choice_index=0)
    assert LessonCompletion.objects.filter(user=learner, lesson=lesson).exists()


def test_a_lesson_that_does_not_embed_the_scenario_is_not_completed(
    make_scenario, make_course, learner
):
    course = make_course(audience=Audience.PUBLIC, lessons=1)
    lesson = LessonPage.objects.child_of(course).get()
    scenario = make_scenario()

    attempt = attempt_start(scenario=scenario, user=learner, lesson_id=lesson.pk)
    attempt_choose(attempt=attempt, node_key="night-comment", choice_index=0)

    assert attempt.lesson_id is None
    assert not LessonCompletion.objects.filter(user=learner).exists()


def test_statistics_count_each_choice_per_situation_without_previews(
    make_scenario, make_user, django_assert_max_num_queries
):
    scenario = make_scenario()
    for name, first in (("a", 0), ("b", 1), ("c", 1)):
        attempt = attempt_start(scenario=scenario, user=make_user(name), preview=False)
        attempt_choose(attempt=attempt, node_key="night-comment", choice_index=first)
        if first == 1:
            attempt_choose(attempt=attempt, node_key="backlash", choice_index=0)
    editor = make_user("editor", is_superuser=True)
    preview = attempt_start(scenario=scenario, user=editor, preview=True)
    attempt_choose(attempt=preview, node_key="night-comment", choice_index=0)

    with django_assert_max_num_queries(1):
        statistics = choice_statistics(scenario=scenario)

    first, backlash = statistics
    assert (first.key, first.total) == ("night-comment", 3)
    assert [(c.count, c.percent) for c in first.choices] == [(1, 33), (2, 67), (0, 0)]
    assert (backlash.key, backlash.total) == ("backlash", 2)
    assert [c.count for c in backlash.choices] == [2]
