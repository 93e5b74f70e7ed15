"""Quiz and question statistics against values worked out by hand (in the comments), not by
calling the same formulas."""

import math

import pytest

from quizzes.statistics import QuestionStats, question_statistics, quiz_summary


def test_quiz_summary_by_hand():
    # Grades out of 10: 2, 4.5, 6, 7, 10.
    # mean = 29.5 / 5 = 5.9; median = 6
    # deviations -3.9 -1.4 0.1 1.1 4.1 → squares 15.21 + 1.96 + 0.01 + 1.21 + 16.81 = 35.2
    # sample variance = 35.2 / 4 = 8.8 → SD = √8.8 = 2.96648...
    # passed (≥ 6): 6, 7, 10 → 3 of 5 = 60%
    summary = quiz_summary([2, 4.5, 6, 7, 10], max_grade=10, pass_grade=6)
    assert summary.attempt_count == 5
    assert summary.mean == pytest.approx(5.9)
    assert summary.median == 6
    assert summary.standard_deviation == pytest.approx(2.966479, abs=1e-6)
    assert summary.passed_count == 3
    assert summary.pass_rate == pytest.approx(60)
    assert summary.mean_percent == pytest.approx(59)
    assert summary.standard_deviation_percent == pytest.approx(29.66479, abs=1e-5)
    # 2 → 20–30%, 4.5 → 40–50%, 6 → 60–70% (lower edge belongs to the bin), 7 → 70–80%,
    # 10 = 100% → the last bin
    assert summary.histogram == [
        ("0–10%", 0),
        ("10–20%", 0),
        ("20–30%", 1),
        ("30–40%", 0),
        ("40–50%", 1),
        ("50–60%", 0),
        ("60–70%", 1),
        ("70–80%", 1),
        ("80–90%", 0),
        ("90–100%", 1),
    ]


def test_histogram_edges_float_noise_and_other_bin_counts():
    # 3 of 10 is 30% (3 * 10 / 10 in floats is exact, but 0.3 * 100 is 30.000000000000004)
    # 0.7 of 1 is 70%; 1.5 of 1 is above the maximum (a bonus) → last bin; -1 → first bin
    summary = quiz_summary([0.3, 0.7, 1.5, -1, 0.999], max_grade=1, pass_grade=0.5)
    counts = dict(summary.histogram)
    assert counts["30–40%"] == 1 and counts["70–80%"] == 1
    assert counts["90–100%"] == 2 and counts["0–10%"] == 1
    thirds = quiz_summary([0, 1, 2, 3], max_grade=3, pass_grade=2, bins=3)
    assert thirds.histogram == [("0–33.3%", 1), ("33.3–66.7%", 1), ("66.7–100%", 2)]


def test_even_count_median_and_all_pass():
    summary = quiz_summary([4, 1, 3, 2], max_grade=4, pass_grade=0)
    assert summary.median == 2.5
    assert summary.pass_rate == 100


def test_quiz_summary_without_enough_attempts():
    empty = quiz_summary([], max_grade=10, pass_grade=5)
    assert empty.attempt_count == 0
    assert empty.mean is None and empty.median is None and empty.standard_deviation is None
    assert empty.pass_rate is None and empty.mean_percent is None
    assert [count for _label, count in empty.histogram] == [0] * 10
    single = quiz_summary([4], max_grade=10, pass_grade=5)
    assert single.mean == 4 and single.standard_deviation is None and single.pass_rate == 0
    with pytest.raises(ValueError):
        quiz_summary([1], max_grade=0, pass_grade=0)


# Five attempts, three questions; q1 and q2 are out of 1, q3 out of 2.
#
#        q1  q2  q3 | total
#   A1    1   1   2 |   4
#   A2    1   0   2 |   3
#   A3    0   0   1 |   1
#   A4    1   0   0 |   1
#   A5    0   1   0 |   1
ATTEMPTS = [
    {"q1": (1, 1), "q2": (1, 1), "q3": (2, 2)},
    {"q1": (1, 1), "q2": (0, 1), "q3": (2, 2)},
    {"q1": (0, 1), "q2": (0, 1), "q3": (1, 2)},
    {"q1": (1, 1), "q2": (0, 1), "q3": (0, 2)},
    {"q1": (0, 1), "q2": (1, 1), "q3": (0, 2)},
]


def test_question_statistics_by_hand():
    stats = question_statistics(ATTEMPTS)
    assert list(stats) == ["q1", "q2", "q3"]

    # q1: marks 1 1 0 1 0, mean 0.6 → facility 60%
    #   deviations .4 .4 -.6 .4 -.6; squares sum 1.2; variance 1.2/4 = 0.3; SD √0.3 = 54.772%
    #   rest = total − q1 = 3 2 1 0 1, mean 1.4; deviations 1.6 .6 -.4 -1.4 -.4;
    #   squares 2.56+.36+.16+1.96+.16 = 5.2 → variance 1.3
    #   covariance sum .64 + .24 + .24 − .56 + .24 = .8 → covariance .2
    #   DI = 100 × .2 / √(.3 × 1.3) = 20 / √.39 = 32.0256
    #   max covariance: marks sorted (-.6 -.6 .4 .4 .4) × rest sorted (-1.4 -.4 -.4 .6 1.6)
    #   = .84 + .24 − .16 + .24 + .64 = 1.8 → .45; DE = 100 × .2 / .45 = 44.444
    q1 = stats["q1"]
    assert q1.count == 5
    assert q1.mean_mark == pytest.approx(0.6) and q1.max_mark == 1
    assert q1.facility == pytest.approx(60)
    assert q1.standard_deviation == pytest.approx(54.7723, abs=1e-4)
    assert q1.discrimination_index == pytest.approx(32.0256, abs=1e-4)
    assert q1.discriminative_efficiency == pytest.approx(44.4444, abs=1e-4)

    # q2: marks 1 0 0 0 1, mean .4 → facility 40%, variance .3 → SD 54.772%
    #   rest = 3 3 1 1 0, mean 1.6; deviations 1.4 1.4 -.6 -.6 -1.6; squares 7.2 → var 1.8
    #   covariance sum .84 − .56 + .24 + .24 − .96 = −.2 → −.05
    #   DI = 100 × −.05 / √(.3 × 1.8) = −5 / √.54 = −6.8041 (a suspect question: weak
    #   learners score on it more than strong ones)
    #   max covariance: (-.4 -.4 -.4 .6 .6) × (-1.6 -.6 -.6 1.4 1.4) = .64+.24+.24+.84+.84
    #   = 2.8 → .7; DE = −.05 / .7 = −7.1429%
    q2 = stats["q2"]
    assert q2.facility == pytest.approx(40)
    assert q2.discrimination_index == pytest.approx(-6.8041, abs=1e-4)
    assert q2.discriminative_efficiency == pytest.approx(-7.1429, abs=1e-4)

    # q3 (out of 2): marks 2 2 1 0 0, mean 1 → facility 50%
    #   deviations 1 1 0 -1 -1, squares 4 → variance 1, SD 1 mark = 50% of 2
    #   rest = 2 1 0 1 1, mean 1; deviations 1 0 -1 0 0; squares 2 → variance .5
    #   covariance sum 1 → .25; DI = 100 × .25 / √(1 × .5) = 35.3553
    #   max covariance: (-1 -1 0 1 1) × (-1 0 0 0 1) = 2 → .5; DE = 50%
    q3 = stats["q3"]
    assert q3.max_mark == 2
    assert q3.facility == pytest.approx(50)
    assert q3.standard_deviation == pytest.approx(50)
    assert q3.discrimination_index == pytest.approx(35.3553, abs=1e-4)
    assert q3.discriminative_efficiency == pytest.approx(50)


def test_undefined_values_are_none_not_zero():
    stats = question_statistics(
        [
            {"easy": (1, 1), "hard": (0, 1), "once": (1, 1)},
            {"easy": (1, 1), "hard": (1, 1)},
            {"easy": (1, 1), "hard": (0, 1)},
        ]
    )
    # everyone got "easy" right: no variance → no discrimination, SD 0
    assert stats["easy"].facility == 100
    assert stats["easy"].standard_deviation == 0
    assert stats["easy"].discrimination_index is None
    assert stats["easy"].discriminative_efficiency is None
    # "hard": its rest of test is "easy" (+ "once"), 2, 1, 1 ... varies, so DI is defined
    assert stats["hard"].count == 3
    assert stats["hard"].facility == pytest.approx(100 / 3)
    assert stats["hard"].discrimination_index is not None
    # a question seen in one attempt only
    assert stats["once"] == QuestionStats(
        count=1,
        mean_mark=1,
        max_mark=1,
        facility=100,
        standard_deviation=None,
        discrimination_index=None,
        discriminative_efficiency=None,
    )
    assert question_statistics([]) == {}


def test_discrimination_of_a_perfectly_discriminating_question():
    # The question's mark rises exactly with the rest of the test: correlation 1 → DI 100,
    # and the pairing is already the sorted one → DE 100.
    attempts = [{"q": (m, 1), "rest": (r, 5)} for m, r in [(0, 1), (0, 2), (1, 4), (1, 5)]]
    stats = question_statistics(attempts)
    assert stats["q"].discrimination_index < 100  # not a straight line: 1, 2 vs 4, 5
    assert stats["q"].discriminative_efficiency == pytest.approx(100)
    line = [{"q": (m, 1), "rest": (m * 4, 4)} for m in (0, 0, 1, 1)]
    assert question_statistics(line)["q"].discrimination_index == pytest.approx(100)
    assert not math.isnan(question_statistics(line)["rest"].discrimination_index)
