"""Test statistics (Moodle's formulas) on a fixed set of attempts, checked against values worked
out by hand; item statistics per language flag a question whose translation behaves apart."""

import math
from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.models import Locale

from quizzes.attempts import answer_save, attempt_start, attempt_submit
from quizzes.reports import language_statistics_get, quiz_statistics_get
from quizzes.statistics import overall_statistics

# Five attempts on three right/wrong questions; totals 3, 2, 1, 0, 3 (mean 1.8).
PATTERNS = [(1, 1, 1), (1, 1, 0), (1, 0, 0), (0, 0, 0), (1, 1, 1)]

# Worked out by hand from the definitions in quizzes/statistics.py:
# deviations 1.2, 0.2, −0.8, −1.8, 1.2: Σd² = 6.8, Σd³ = −2.88, Σd⁴ = 15.056;
# m2 = 1.36, m3 = −0.576, m4 = 3.0112; k2 = 1.7, k3 = 25·(−0.576)/12 = −1.2,
# k4 = 25·(6·3.0112 − 12·1.36²)/24 = −4.3.
SKEWNESS = -1.2 / 1.7**1.5  # −0.54139
KURTOSIS = -4.3 / 1.7**2  # −1.48789
# Question variances (n − 1): 0.2, 0.3, 0.3; α = 3/2 · (1 − 0.8/1.7) = 0.794118.
CIC = 150 * (1 - 0.8 / 1.7)  # 79.4118 %
ERROR_RATIO = 100 * math.sqrt(1 - CIC / 100)  # 45.374 %
STANDARD_ERROR = ERROR_RATIO * (100 * math.sqrt(1.7) / 3) / 100  # 19.720 % of 3 marks


def test_the_formulas_on_a_fixed_set():
    stats = overall_statistics(
        [{str(i): mark for i, mark in enumerate(row)} for row in PATTERNS], max_mark=3
    )
    assert (stats.attempt_count, stats.question_count) == (5, 3)
    assert stats.skewness == pytest.approx(-0.541387, abs=1e-6)
    assert stats.skewness == pytest.approx(SKEWNESS)
    assert stats.kurtosis == pytest.approx(-1.487889, abs=1e-6)
    assert stats.kurtosis == pytest.approx(KURTOSIS)
    assert stats.cic == pytest.approx(79.411765, abs=1e-6)
    assert stats.error_ratio == pytest.approx(ERROR_RATIO)
    assert stats.standard_error == pytest.approx(19.720266, abs=1e-6)
    assert stats.standard_error == pytest.approx(STANDARD_ERROR)


def test_kr20_equals_the_textbook_formula_for_right_wrong_questions():
    # KR-20 = k/(k−1) · (1 − Σ p·q / σ²) with population variances: the same number as α.
    n, k = len(PATTERNS), 3
    totals = [sum(row) for row in PATTERNS]
    mean = sum(totals) / n
    variance = sum((t - mean) ** 2 for t in totals) / n
    pq = 0.0
    for item in range(k):
        p = sum(row[item] for row in PATTERNS) / n
        pq += p * (1 - p)
    kr20 = k / (k - 1) * (1 - pq / variance)
    assert overall_statistics(
        [{str(i): mark for i, mark in enumerate(row)} for row in PATTERNS], max_mark=3
    ).cic == pytest.approx(100 * kr20)


def test_too_few_attempts_give_no_numbers():
    stats = overall_statistics([{"1": 1, "2": 0}, {"1": 0, "2": 0}], max_mark=2)
    assert (stats.skewness, stats.kurtosis, stats.cic) == (None, None, None)
    three = overall_statistics([{"1": 1, "2": 0}, {"1": 0, "2": 0}, {"1": 1, "2": 1}], max_mark=2)
    assert three.skewness is not None and three.kurtosis is None


def take(quiz, user, pattern):
    attempt = attempt_start(quiz=quiz, user=user)
    responses = {}
    for row in attempt.questions.all():
        wanted = "Right answer" if pattern[row.position - 1] else "Wrong answer"
        responses[row.position] = {
            "choice": next(c["id"] for c in row.snapshot["choices"] if c["text"] == wanted)
        }
    answer_save(attempt=attempt, responses=responses)
    return attempt_submit(attempt=attempt)


@pytest.mark.django_db
def test_the_report_and_page_show_the_test_statistics(client, make_user, make_question, make_quiz):
    quiz = make_quiz([make_question(text=f"Q{n}") for n in range(3)], pass_mark=Decimal(50))
    for index, pattern in enumerate(PATTERNS):
        take(quiz, make_user(f"learner{index}"), pattern)
    test = quiz_statistics_get(quiz=quiz).test
    assert test.skewness == pytest.approx(SKEWNESS)
    assert test.kurtosis == pytest.approx(KURTOSIS)
    assert test.cic == pytest.approx(CIC)
    assert test.standard_error == pytest.approx(STANDARD_ERROR)
    client.force_login(make_user("trainer", groups=["Trainers"]))
    html = client.get(reverse("quizzes_statistics", args=[quiz.pk])).content.decode()
    assert 'data-stat="cic">79.41%' in html
    assert 'data-stat="skewness">-0.5414' in html
    assert 'data-stat="kurtosis">-1.4879' in html
    assert 'data-stat="error-ratio">45.37%' in html
    assert 'data-stat="standard-error">19.72%' in html


@pytest.mark.django_db
def test_a_question_that_behaves_apart_in_one_language_is_flagged(
    client, make_user, make_question, make_quiz
):
    russian = Locale.objects.get_or_create(language_code="ru")[0]
    uz_questions = [make_question(text=f"Savol {n}", name=f"q{n}") for n in range(3)]
    ru_questions = [
        make_question(
            text=f"Вопрос {n}", name=f"q{n}", locale=russian, translation_key=q.translation_key
        )
        for n, q in enumerate(uz_questions)
    ]
    quiz = make_quiz(uz_questions, title="Uzbek")
    ru_quiz = make_quiz(
        ru_questions, title="Russian", locale=russian, translation_key=quiz.translation_key
    )
    # Question 1 (q0) is right for every Uzbek reader and wrong for every Russian one; the
    # others behave alike in both languages.
    uz_patterns = [(1, 1, 0), (1, 0, 1), (1, 1, 1), (1, 0, 0), (1, 1, 0)]
    ru_patterns = [(0, 1, 0), (0, 0, 1), (0, 1, 1), (0, 0, 0), (0, 1, 0)]
    for index, pattern in enumerate(uz_patterns):
        take(quiz, make_user(f"uz{index}"), pattern)
    for index, pattern in enumerate(ru_patterns):
        take(ru_quiz, make_user(f"ru{index}", preferred_language="ru"), pattern)
    report = language_statistics_get(quiz=quiz)
    assert report.groups == [("ru", 5), ("uz", 5)]
    flagged = {row.label: row.flagged for row in report.rows}
    assert flagged == {"q0": True, "q1": False, "q2": False}
    q0 = next(row for row in report.rows if row.label == "q0")
    assert q0.facility_gap == pytest.approx(100)
    assert [cell.stats.facility for cell in q0.cells] == [0, 100]
    client.force_login(make_user("trainer", groups=["Trainers"]))
    html = client.get(reverse("quizzes_statistics", args=[quiz.pk])).content.decode()
    assert html.count('data-flagged="yes"') == 1
