"""Each question type's grading, from a snapshot and a response (no database)."""

from decimal import Decimal

import pytest

from quizzes import grading


def snap(qtype, choices=(), **extra):
    return {
        "qtype": qtype,
        "choices": [
            {"id": f"c{index}", "text": text, "fraction": fraction, "feedback": f"fb {text}"}
            for index, (text, fraction) in enumerate(choices)
        ],
        "numeric": extra.pop("numeric", []),
        "pairs": extra.pop("pairs", []),
        "hints": extra.pop("hints", []),
        "penalty": extra.pop("penalty", "0.333"),
        **extra,
    }


SINGLE = snap("single_choice", [("Paris", "1"), ("Lyon", "0"), ("Nice", "0")])
MULTI = snap("multiple_choice", [("A", "0.5"), ("B", "0.5"), ("C", "-0.5"), ("D", "-1")])


def test_single_choice_right_wrong_and_blank():
    assert grading.grade(SINGLE, {"choice": "c0"}).fraction == 1
    assert grading.grade(SINGLE, {"choice": "c0"}).feedback == ["fb Paris"]
    assert grading.grade(SINGLE, {"choice": "c1"}).fraction == 0
    assert grading.grade(SINGLE, None).fraction == 0
    assert grading.grade(SINGLE, {"choice": "forged"}).fraction == 0


def test_multiple_choice_partial_credit():
    assert grading.grade(MULTI, {"choices": ["c0"]}).fraction == Decimal("0.5")
    assert grading.grade(MULTI, {"choices": ["c0", "c1"]}).fraction == 1


def test_multiple_choice_penalty_is_subtracted():
    assert grading.grade(MULTI, {"choices": ["c0", "c1", "c2"]}).fraction == Decimal("0.5")


def test_multiple_choice_negative_sum_is_clamped_to_zero():
    assert grading.grade(MULTI, {"choices": ["c0", "c3"]}).fraction == 0
    assert grading.grade(MULTI, {"choices": ["c2", "c3"]}).fraction == 0


def test_multiple_choice_ticking_everything_is_not_rewarded():
    assert grading.grade(MULTI, {"choices": ["c0", "c1", "c2", "c3"]}).fraction == 0


def test_multiple_choice_duplicate_ids_count_once():
    assert grading.grade(MULTI, {"choices": ["c0", "c0", "c0"]}).fraction == Decimal("0.5")


def test_true_false():
    question = snap("true_false", [("true", "0"), ("false", "1")])
    question["choices"][0]["id"], question["choices"][1]["id"] = "true", "false"
    assert grading.grade(question, {"choice": "false"}).fraction == 1
    assert grading.grade(question, {"choice": "true"}).fraction == 0


def test_claim_verdict():
    question = snap(
        "claim_verdict",
        [
            ("true", "0"),
            ("mostly_true", "0"),
            ("misleading", "0"),
            ("false", "1"),
            ("unverifiable", "0"),
        ],
    )
    assert grading.grade(question, {"choice": "c3"}).fraction == 1
    assert grading.grade(question, {"choice": "c2"}).fraction == 0


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("Press secretary", "1"),
        ("  press   SECRETARY ", "1"),
        ("PRESS\tsecretary", "1"),
        ("spokesperson", "0.5"),
        ("press-secretary", "0"),
        ("", "0"),
    ],
)
def test_short_answer_is_case_and_space_insensitive(given, expected):
    question = snap("short_answer", [("Press secretary", "1"), ("Spokesperson", "0.5")])
    assert grading.grade(question, {"text": given}).fraction == Decimal(expected)


def test_short_answer_apostrophes_of_uzbek_latin_are_one():
    question = snap("short_answer", [("maʼlumot", "1")])
    assert grading.grade(question, {"text": "ma'lumot"}).fraction == 1


NUMERIC = snap(
    "numeric",
    numeric=[
        {
            "value": "42",
            "tolerance": "2",
            "minimum": None,
            "maximum": None,
            "fraction": "1",
            "feedback": "",
        },
        {
            "value": None,
            "tolerance": "0",
            "minimum": "30",
            "maximum": "50",
            "fraction": "0.5",
            "feedback": "close",
        },
    ],
)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("42", "1"),
        ("40", "1"),
        ("44", "1"),
        ("43,5", "1"),
        ("44.01", "0.5"),
        ("30", "0.5"),
        ("51", "0"),
        ("abc", "0"),
        ("", "0"),
        ("NaN", "0"),
    ],
)
def test_numeric_value_with_tolerance_and_range(given, expected):
    assert grading.grade(NUMERIC, {"text": given}).fraction == Decimal(expected)


def test_matching_gives_a_share_per_right_pair():
    question = snap(
        "matching",
        pairs=[
            {"id": "p1", "prompt": "Telegram", "answer": "Channel"},
            {"id": "p2", "prompt": "Facebook", "answer": "Page"},
            {"id": "p3", "prompt": "Instagram", "answer": "Profile"},
            {"id": "p4", "prompt": "YouTube", "answer": "Video"},
        ],
    )
    matches = {"p1": "Channel", "p2": "Page", "p3": "Video", "p4": ""}
    assert grading.grade(question, {"matches": matches}).fraction == Decimal("0.5")
    full = {"p1": "Channel", "p2": "Page", "p3": "Profile", "p4": "Video"}
    assert grading.grade(question, {"matches": full}).fraction == 1


def test_essay_waits_for_marking():
    assert grading.grade(snap("essay"), {"text": "My essay"}).fraction is None


def test_interactive_penalty_per_wrong_try_as_moodle_defines_it():
    # A 3-point question with penalty 1/3 scores 3, 2 or 1 when right on the 1st, 2nd or 3rd try.
    question = {**SINGLE, "penalty": "0.3333333", "hints": ["h1", "h2"]}
    right, wrong = {"choice": "c0"}, {"choice": "c1"}
    points = [
        (grading.interactive_fraction(question, tries) * 3).quantize(Decimal("0.01"))
        for tries in ([right], [wrong, right], [wrong, wrong, right], [wrong, wrong, wrong])
    ]
    assert points == [Decimal("3.00"), Decimal("2.00"), Decimal("1.00"), Decimal("0.00")]
    assert grading.max_tries(question) == 3


def test_interactive_partial_credit_keeps_the_best_try():
    question = {**MULTI, "penalty": "0.1"}
    tries = [{"choices": ["c0"]}, {"choices": ["c0", "c2"]}]
    assert grading.interactive_fraction(question, tries) == Decimal("0.5")


def test_right_answer_in_words():
    assert grading.right_answer(SINGLE) == ["Paris"]
    assert grading.right_answer(NUMERIC) == ["42 ± 2"]
