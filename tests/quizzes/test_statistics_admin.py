"""The statistics admin page on a fixed data set, with values computed by hand."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Attempt, AttemptQuestion
from quizzes.reports import quiz_statistics_get

pytestmark = pytest.mark.django_db

# Four learners, two 1-point questions:   q1  q2   score
MARKS = [(1, 1), (1, 1), (1, 0), (0, 0)]  # 100, 100, 50, 0


@pytest.fixture
def graded(make_user, make_question, make_quiz):
    q1, q2 = make_question(text="First", name="first"), make_question(text="Second", name="second")
    quiz = make_quiz([q1, q2], pass_mark=Decimal(70))
    now = timezone.now()
    for index, (m1, m2) in enumerate(MARKS):
        attempt = Attempt.objects.create(
            quiz=quiz,
            user=make_user(f"learner{index}"),
            state="finished",
            started_at=now,
            finished_at=now,
            max_points=2,
            points=m1 + m2,
            percent=Decimal((m1 + m2) * 50),
            passed=(m1 + m2) * 50 >= 70,
        )
        for position, (question, mark) in enumerate(((q1, m1), (q2, m2)), start=1):
            AttemptQuestion.objects.create(
                attempt=attempt,
                position=position,
                question=question,
                snapshot={
                    "question_id": question.pk,
                    "name": question.name,
                    "text": question.text,
                    "qtype": "single_choice",
                    "choices": [],
                },
                max_points=1,
                points=mark,
                state="complete",
            )
    # learner3 tried again and got everything right: counted with all attempts, not with the first.
    again = Attempt.objects.create(
        quiz=quiz,
        user=attempt.user,
        number=2,
        state="finished",
        started_at=now,
        finished_at=now,
        max_points=2,
        points=2,
        percent=Decimal(100),
        passed=True,
    )
    for position, question in enumerate((q1, q2), start=1):
        AttemptQuestion.objects.create(
            attempt=again,
            position=position,
            question=question,
            snapshot={
                "question_id": question.pk,
                "name": question.name,
                "text": question.text,
                "qtype": "single_choice",
                "choices": [],
            },
            max_points=1,
            points=1,
            state="complete",
        )
    # An unfinished attempt does not count.
    Attempt.objects.create(quiz=quiz, user=make_user("busy"), started_at=now, max_points=2)
    return quiz


def test_all_attempts_or_only_first_attempts(graded):
    everything = quiz_statistics_get(quiz=graded).summary
    assert everything.attempt_count == 5
    assert everything.mean_percent == pytest.approx(70.0)  # (100+100+50+0+100) / 5
    assert quiz_statistics_get(quiz=graded, first_only=True).summary.attempt_count == 4


def test_summary_and_item_analysis_match_hand_computed_values(graded):
    report = quiz_statistics_get(quiz=graded, first_only=True)
    summary = report.summary
    assert summary.attempt_count == 4
    assert summary.mean_percent == pytest.approx(62.5)
    assert summary.median_percent == pytest.approx(75.0)
    assert summary.pass_rate == pytest.approx(50.0)  # 2 of 4 at or above 70%
    first, second = report.questions
    assert first.label == "first" and first.stats.facility == pytest.approx(75.0)
    assert second.stats.facility == pytest.approx(50.0)
    # q1 marks [1,1,1,0] against the rest [1,1,0,0]: r = 0.5 / sqrt(0.75 × 1) = 0.57735
    assert first.stats.discrimination_index == pytest.approx(57.735, abs=0.01)
    assert second.stats.discrimination_index == pytest.approx(57.735, abs=0.01)
    assert "<svg" in report.histogram


def test_statistics_page_in_the_admin(client, make_user, graded, django_assert_max_num_queries):
    client.force_login(make_user("trainer", groups=["Trainers"]))
    url = reverse("quizzes_statistics", args=[graded.pk]) + "?attempts=first"
    with django_assert_max_num_queries(25):
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-stat="attempts">4<' in html
    assert 'data-stat="mean">62.50%' in html
    assert 'data-stat="median">75.00%' in html
    assert 'data-stat="pass-rate">50.00%' in html
    assert "57.74" in html and "<svg" in html


def test_statistics_need_the_permission(client, make_user, graded):
    client.force_login(make_user("nobody"))
    assert client.get(reverse("quizzes_statistics", args=[graded.pk])).status_code in (302, 403)


def test_statistics_name_each_question_by_its_words(client, make_user, graded):
    client.force_login(make_user("trainer", groups=["Trainers"]))
    html = client.get(reverse("quizzes_statistics", args=[graded.pk])).content.decode()
    texts = {row.question.text for row in graded.slots.all()}
    assert any(" ".join(text.split())[:40] in html for text in texts)
