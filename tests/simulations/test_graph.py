"""The graph check: problems found on plain data, and a published scenario refused on save."""

import pytest
from django.core.exceptions import ValidationError

from simulations.graph import graph_depths, graph_problems

from .conftest import road_situations


def node(key, *nexts, ending=""):
    return {"key": key, "choices": [{"next": n} for n in nexts], "ending": ending}


def codes(nodes):
    return [(problem.code, problem.key) for problem in graph_problems(nodes)]


def test_a_graph_whose_every_path_ends_has_no_problems():
    nodes = [node("a", "b", "c", ""), node("b", "c"), node("c", ending="Done.")]

    assert codes(nodes) == []


def test_a_choice_naming_a_missing_situation_is_flagged():
    assert codes([node("a", "nowhere")]) == [("unknown_next", "a")]


def test_a_situation_no_path_reaches_is_flagged():
    nodes = [node("a", ""), node("island", "")]

    assert codes(nodes) == [("unreachable", "island")]
    assert "No path from the first situation reaches “island”." in [
        problem.message for problem in graph_problems(nodes)
    ]


def test_a_situation_without_choices_or_ending_is_a_dead_end():
    assert codes([node("a", "b"), node("b")]) == [("dead_end", "b")]


def test_a_path_that_loops_back_never_ends_and_is_flagged():
    nodes = [node("a", "b"), node("b", "c", "a"), node("c", ending="End.")]

    assert codes(nodes) == [("cycle", "b")]


def test_duplicate_keys_and_an_empty_scenario_are_flagged():
    assert codes([node("a", ""), node("a", "")]) == [("duplicate", "a")]
    assert codes([]) == [("empty", "")]


def test_unreachable_situations_are_drawn_in_a_last_column():
    nodes = [node("a", "b"), node("b", ending="x"), node("island", ending="y")]

    assert graph_depths(nodes) == {"a": 0, "b": 1, "island": 2}


def test_publishing_a_scenario_with_a_dead_end_is_refused(make_scenario):
    broken = [
        *road_situations(),
        ("situation", {**road_situations()[1][1], "key": "stuck", "ending": ""}),
    ]

    with pytest.raises(ValidationError) as error:
        make_scenario(broken, live=True)

    assert "“stuck” has no choices and no ending text" in str(error.value)


def test_a_draft_with_problems_can_be_saved_and_lists_them(make_scenario):
    broken = [
        *road_situations(),
        ("situation", {**road_situations()[1][1], "key": "stuck", "ending": ""}),
    ]

    scenario = make_scenario(broken, live=False)

    assert {(p.code, p.key) for p in scenario.graph_problems()} == {
        ("dead_end", "stuck"),
        ("unreachable", "stuck"),
    }
