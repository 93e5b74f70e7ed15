"""Quiz and question statistics (Moodle's item analysis), from plain numbers.

No database here: the quiz engine's selectors pass in the grades and per-question marks of the
attempts they choose (Moodle recommends first attempts of a summative quiz), and reports render
the results, e.g. with ``core.charts.histogram_svg(summary.histogram, ...)``.

Definitions follow Moodle's quiz statistics report (question/classes/statistics/questions/
calculator.php); docs/quiz-formats.md writes them out:

- standard deviations are sample ones (divided by n − 1), as in Moodle;
- facility index = mean mark ÷ maximum mark, in %;
- discrimination index = 100 × the correlation between the question's mark and the rest of the
  test (the attempt's total minus this question's mark);
- discriminative efficiency = 100 × cov(mark, rest) ÷ the largest covariance the same marks
  could reach (both lists sorted, then paired), i.e. the index as a share of its best possible
  value.

Test statistics (``overall_statistics``) follow Moodle's quiz statistics calculator
(mod/quiz/report/statistics/classes/calculator.php) on the attempts' total marks x₁…xₙ:

- m_k = Σ(x − x̄)^k ÷ n; k₂ = n·m₂ ÷ (n − 1); k₃ = n²·m₃ ÷ ((n − 1)(n − 2));
  k₄ = n²·((n + 1)·m₄ − 3(n − 1)·m₂²) ÷ ((n − 1)(n − 2)(n − 3));
- skewness = k₃ ÷ k₂^(3/2) (n > 2); kurtosis = k₄ ÷ k₂² (n > 3, excess kurtosis);
- coefficient of internal consistency (Cronbach's α; KR-20 for right/wrong questions), in %:
  CIC = 100 · p ÷ (p − 1) · (1 − Σ var(question marks) ÷ k₂), p the number of question
  positions, variances sample ones;
- error ratio = 100 · √(1 − CIC ÷ 100) (%); standard error = error ratio × SD ÷ 100, given here
  in % of the maximum mark like the SD.

Values that are undefined (fewer than two attempts, no variance) are ``None``, never 0, so a
report can say "not enough data" instead of showing a misleading number.
"""

import math
import statistics as pystats
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

_EPSILON = 1e-12


@dataclass(frozen=True)
class QuizSummary:
    attempt_count: int
    max_grade: float
    mean: float | None  # in grade units, like the grades passed in
    median: float | None
    standard_deviation: float | None  # sample SD (n − 1); None below 2 attempts
    passed_count: int
    pass_rate: float | None  # % of attempts at or above the pass grade; None without attempts
    histogram: list[tuple[str, int]]  # ("0–10%", count) ... the last bin includes 100%

    def _percent(self, value: float | None) -> float | None:
        return None if value is None else 100 * value / self.max_grade

    @property
    def mean_percent(self) -> float | None:
        return self._percent(self.mean)

    @property
    def median_percent(self) -> float | None:
        return self._percent(self.median)

    @property
    def standard_deviation_percent(self) -> float | None:
        return self._percent(self.standard_deviation)


@dataclass(frozen=True)
class QuestionStats:
    count: int  # attempts that included this question
    mean_mark: float
    max_mark: float  # the question's maximum mark (the mean, if it changed between attempts)
    facility: float | None  # %, mean of mark ÷ max mark
    standard_deviation: float | None  # % of the maximum mark, sample SD
    discrimination_index: float | None  # -100..100
    discriminative_efficiency: float | None  # %, can be negative


def _bin_label(low: float, high: float) -> str:
    def short(value: float) -> str:
        return f"{value:.1f}".rstrip("0").rstrip(".")

    return f"{short(low)}–{short(high)}%"


def quiz_summary(
    grades: Sequence[float], *, max_grade: float, pass_grade: float, bins: int = 10
) -> QuizSummary:
    """Attempt count, mean, median, SD, pass rate and a histogram of ``grades``.

    Grades are in the quiz's units (0..``max_grade``); a grade counts as passed when it is at
    least ``pass_grade``. The histogram has ``bins`` equal bins of the percentage: each bin holds
    its lower edge, the last one also 100% (and anything above); anything below 0 goes in the
    first.
    """
    if max_grade <= 0:
        raise ValueError("max_grade must be positive")
    if bins < 1:
        raise ValueError("bins must be at least 1")
    grades = [float(grade) for grade in grades]
    count = len(grades)
    width = 100 / bins
    counts = [0] * bins
    for grade in grades:
        # round() first so that 30% of 10 (3.0 → 30.000000000000004) and 0.7 × 100 land on the
        # bin their written value belongs to
        index = math.floor(round(grade * bins / max_grade, 9))
        counts[min(max(index, 0), bins - 1)] += 1
    histogram = [
        (_bin_label(index * width, (index + 1) * width), counts[index]) for index in range(bins)
    ]
    passed = sum(1 for grade in grades if grade >= pass_grade)
    return QuizSummary(
        attempt_count=count,
        max_grade=float(max_grade),
        mean=pystats.fmean(grades) if grades else None,
        median=pystats.median(grades) if grades else None,
        standard_deviation=pystats.stdev(grades) if count >= 2 else None,
        passed_count=passed,
        pass_rate=100 * passed / count if count else None,
        histogram=histogram,
    )


def _question_stats(marks: list[float], maxima: list[float], rests: list[float]) -> QuestionStats:
    count = len(marks)
    mean_mark = sum(marks) / count
    max_mark = sum(maxima) / count
    fractions = [mark / top for mark, top in zip(marks, maxima, strict=True) if top > 0]
    facility = 100 * sum(fractions) / len(fractions) if fractions else None
    if count < 2:
        return QuestionStats(count, mean_mark, max_mark, facility, None, None, None)

    spread = 100 * pystats.stdev(fractions) if len(fractions) >= 2 else None
    mean_rest = sum(rests) / count
    mark_deviations = [mark - mean_mark for mark in marks]
    rest_deviations = [rest - mean_rest for rest in rests]
    # All sums are over n − 1, as in Moodle; the factor cancels in both ratios below.
    covariance = sum(a * b for a, b in zip(mark_deviations, rest_deviations, strict=True))
    mark_variance = sum(a * a for a in mark_deviations)
    rest_variance = sum(b * b for b in rest_deviations)
    covariance_max = sum(
        a * b for a, b in zip(sorted(mark_deviations), sorted(rest_deviations), strict=True)
    )
    if mark_variance * rest_variance > _EPSILON:
        discrimination = 100 * covariance / math.sqrt(mark_variance * rest_variance)
    else:
        discrimination = None
    efficiency = 100 * covariance / covariance_max if abs(covariance_max) > _EPSILON else None
    return QuestionStats(count, mean_mark, max_mark, facility, spread, discrimination, efficiency)


def question_statistics(
    attempts: Sequence[Mapping[str, tuple[float, float]]],
) -> dict[str, QuestionStats]:
    """Per question key: facility, SD, discrimination index and discriminative efficiency.

    Each attempt maps a question key to ``(mark, max_mark)``; a question missing from an attempt
    (a random slot drew another one) simply does not count there. The rest-of-test mark of a
    question in an attempt is the sum of the attempt's other marks. Keys come back in the order
    they are first seen.
    """
    marks: dict[str, list[float]] = {}
    maxima: dict[str, list[float]] = {}
    rests: dict[str, list[float]] = {}
    for attempt in attempts:
        total = sum(float(mark) for mark, _max in attempt.values())
        for key, (mark, top) in attempt.items():
            marks.setdefault(key, []).append(float(mark))
            maxima.setdefault(key, []).append(float(top))
            rests.setdefault(key, []).append(total - float(mark))
    return {key: _question_stats(marks[key], maxima[key], rests[key]) for key in marks}


@dataclass(frozen=True)
class OverallStats:
    """Moodle's quiz-wide statistics beyond the mean: shape of the score distribution and how
    consistently the questions measure the same thing."""

    attempt_count: int
    question_count: int  # question positions (p)
    skewness: float | None
    kurtosis: float | None
    cic: float | None  # %, Cronbach's α / KR-20
    error_ratio: float | None  # %
    standard_error: float | None  # % of the maximum mark


def overall_statistics(attempts: Sequence[Mapping[str, float]], *, max_mark: float) -> OverallStats:
    """Skewness, kurtosis, CIC, error ratio and standard error of attempts given as
    ``{position: mark}`` (every attempt holds the same positions; ``max_mark`` is the most an
    attempt can score, for the standard error in %)."""
    totals = [sum(float(mark) for mark in attempt.values()) for attempt in attempts]
    positions = sorted({key for attempt in attempts for key in attempt})
    n, p = len(totals), len(positions)
    skewness = kurtosis = cic = error_ratio = standard_error = None
    if n > 2:
        mean = sum(totals) / n
        m2, m3, m4 = (sum((total - mean) ** k for total in totals) / n for k in (2, 3, 4))
        k2 = n * m2 / (n - 1)
        if k2 > _EPSILON:
            k3 = n * n * m3 / ((n - 1) * (n - 2))
            skewness = k3 / k2**1.5
            if n > 3:
                k4 = n * n * ((n + 1) * m4 - 3 * (n - 1) * m2 * m2) / ((n - 1) * (n - 2) * (n - 3))
                kurtosis = k4 / (k2 * k2)
            if p > 1:
                variances = sum(
                    pystats.variance([float(attempt.get(key, 0)) for attempt in attempts])
                    for key in positions
                )
                cic = 100 * p / (p - 1) * (1 - variances / k2)
                if cic <= 100:
                    error_ratio = 100 * math.sqrt(max(0.0, 1 - cic / 100))
                    sd_percent = 100 * math.sqrt(k2) / max_mark if max_mark > 0 else None
                    if sd_percent is not None:
                        standard_error = error_ratio * sd_percent / 100
    return OverallStats(n, p, skewness, kurtosis, cic, error_ratio, standard_error)
