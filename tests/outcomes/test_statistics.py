"""Scores, means, d_z and their intervals on a hand-built data set, checked against values
computed independently here (plain formulas and a printed t table), not with the module's code."""

import math

import pytest

from outcomes.scoring import Scores, scores_from_answers
from outcomes.statistics import cohens_dz, mean_ci, t_quantile

# A printed table of Student's t (two-sided 95 %): df -> t(0.975, df).
T_TABLE = {1: 12.706, 4: 2.776, 9: 2.262, 19: 2.093, 29: 2.045, 120: 1.980}


@pytest.mark.parametrize("df,expected", T_TABLE.items())
def test_t_quantile_matches_the_printed_table(df, expected):
    assert t_quantile(0.975, df) == pytest.approx(expected, abs=0.0006)


def test_mist_scores_of_one_sitting():
    # 5 true and 5 invented headlines. The person calls 3 true ones real (2 fake) and spots 4
    # invented ones (1 called real): 7 right; said fake = 2 + 4 = 6, one more than the 5
    # invented headlines, so distrust 1 and naivety 0.
    answers = [(True, True)] * 3 + [(True, False)] * 2 + [(False, False)] * 4 + [(False, True)]
    scores = scores_from_answers(answers)
    assert scores.as_dict() == {
        "discernment": 7,
        "real_detection": 3,
        "fake_detection": 4,
        "distrust": 1,
        "naivety": 0,
        "items": 10,
    }
    # Calling everything real: all true ones right, no fake spotted, naivety 5.
    gullible = scores_from_answers([(True, True)] * 5 + [(False, True)] * 5)
    assert (gullible.discernment, gullible.distrust, gullible.naivety) == (5, 0, 5)
    # Calling everything fake: the mirror image.
    cynic = Scores(real_items=5, fake_items=5, real_detection=0, fake_detection=5)
    assert (cynic.discernment, cynic.distrust, cynic.naivety) == (5, 5, 0)


# Ten people, discernment before and after (out of 10).
BEFORE = [5, 6, 7, 4, 6, 5, 8, 6, 5, 7]
AFTER = [7, 6, 8, 6, 7, 7, 8, 7, 6, 9]


def test_mean_and_its_interval_match_a_hand_computation():
    # mean = 59/10 = 5.9; deviations² sum = 0.81+0.01+1.21+3.61+0.01+0.81+4.41+0.01+0.81+1.21
    # = 12.9; sd = √(12.9/9) = 1.19722; half-width = 2.262157 · 1.19722 / √10 = 0.85645.
    estimate = mean_ci(BEFORE)
    assert estimate.n == 10
    assert estimate.value == pytest.approx(5.9)
    assert estimate.low == pytest.approx(5.9 - 0.85645, abs=1e-4)
    assert estimate.high == pytest.approx(5.9 + 0.85645, abs=1e-4)


def test_cohens_dz_and_its_interval_match_a_hand_computation():
    # Differences: 2,0,1,2,1,2,0,1,1,2 → mean 1.2; squared deviations 0.64,1.44,0.04,0.64,0.04,
    # 0.64,1.44,0.04,0.04,0.64 = 5.6; sd = √(5.6/9) = 0.788811; d_z = 1.2/0.788811 = 1.521277.
    # SE = √(1/10 + 1.521277²/20) = √(0.1 + 0.115714) = 0.464451; ±1.959964·SE = ±0.910307.
    diffs = [a - b for a, b in zip(AFTER, BEFORE, strict=True)]
    assert diffs == [2, 0, 1, 2, 1, 2, 0, 1, 1, 2]
    d = 1.2 / math.sqrt(5.6 / 9)
    assert d == pytest.approx(1.521277, abs=1e-6)
    estimate = cohens_dz(BEFORE, AFTER)
    assert estimate.n == 10
    assert estimate.value == pytest.approx(1.521277, abs=1e-6)
    assert estimate.low == pytest.approx(1.521277 - 0.910307, abs=1e-5)
    assert estimate.high == pytest.approx(1.521277 + 0.910307, abs=1e-5)


def test_no_effect_size_without_spread_or_pairs():
    assert cohens_dz([5, 6], [6, 7]) is None  # every difference is 1: no spread
    assert cohens_dz([5], [6]) is None
    assert mean_ci([5]) is None
