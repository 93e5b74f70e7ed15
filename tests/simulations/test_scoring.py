"""Scores per skill: points of the choices made over the best points available on the path."""

from simulations.scoring import overall_percent, skill_scores


def choice(**scores):
    return {
        "scores": {
            skill: scores.get(skill)
            for skill in ("timeliness", "accuracy", "tone", "legality", "escalation")
        }
    }


def test_best_choices_everywhere_score_100_and_untested_skills_have_no_score():
    first = {"choices": [choice(timeliness=3, tone=3), choice(timeliness=0, tone=1)]}
    second = {"choices": [choice(legality=2), choice(legality=0)]}

    scores = skill_scores([(first, 0), (second, 0)])

    assert scores == {
        "timeliness": 100,
        "accuracy": None,
        "tone": 100,
        "legality": 100,
        "escalation": None,
    }
    assert overall_percent(scores) == 100


def test_scores_are_points_over_the_best_available_at_each_situation():
    first = {"choices": [choice(timeliness=3, tone=3), choice(timeliness=1, tone=0)]}
    second = {"choices": [choice(timeliness=2, escalation=3), choice(timeliness=2, escalation=1)]}

    scores = skill_scores([(first, 1), (second, 1)])

    # timeliness (1 + 2) / (3 + 2) = 60 %, tone 0 / 3, escalation 1 / 3 = 33 %
    assert scores["timeliness"] == 60
    assert scores["tone"] == 0
    assert scores["escalation"] == 33
    assert overall_percent(scores) == 31  # (60 + 0 + 33) / 3 = 31


def test_a_skill_no_choice_on_the_path_tests_has_no_score_and_no_overall_without_any():
    node = {"choices": [choice(), choice()]}

    scores = skill_scores([(node, 0)])

    assert set(scores.values()) == {None}
    assert overall_percent(scores) is None


def test_a_free_text_reply_is_scored_only_on_the_skills_set_for_the_action():
    own = {**choice(timeliness=3), "action": "own_reply"}
    node = {"choices": [choice(timeliness=3, tone=3), own]}

    scores = skill_scores([(node, 1)])

    assert scores["timeliness"] == 100
    assert scores["tone"] is None  # the wording is left to the reviewer's rubric
