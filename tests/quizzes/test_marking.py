"""The marking page: finished attempts filterable by quiz and learner; essays marked there."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from quizzes.attempts import answer_save, attempt_start, attempt_submit
from quizzes.marking import MESSAGE_POINTS_RANGE
from quizzes.models import Attempt
from tests.quizzes.conftest import uz

pytestmark = pytest.mark.django_db


@pytest.fixture
def essay_quiz(make_question, make_quiz):
    essay = make_question(
        qtype="essay",
        text="Reply to the complaint",
        answers=[],
        rubric="Greets, thanks, answers within 3 days",
    )
    return make_quiz([essay], title="Essay quiz", points=4, pass_mark=Decimal(50))


def finished(quiz, user, text="Dear citizen, thank you."):
    attempt = attempt_start(quiz=quiz, user=user)
    answer_save(attempt=attempt, responses={1: {"text": text}})
    return attempt_submit(attempt=attempt)


@pytest.fixture
def trainer(make_user):
    return make_user("trainer", groups=["Trainers"])


def test_list_filters_by_quiz_and_learner(
    client, make_user, make_question, make_quiz, essay_quiz, trainer, django_assert_max_num_queries
):
    alice, bob = make_user("alice", full_name="Alice Karimova"), make_user("bob")
    other = make_quiz([make_question()], title="Other quiz")
    finished(essay_quiz, alice)
    finished(essay_quiz, bob)
    attempt_submit(attempt=attempt_start(quiz=other, user=alice))
    attempt_start(quiz=other, user=bob)  # unfinished: not listed
    client.force_login(trainer)
    url = reverse("quizzes_marking")
    with django_assert_max_num_queries(30):
        page = client.get(url).content.decode()
    assert len(re.findall(r'href="/admin/quizzes/marking/\d+/"', page)) == 3

    def listed(**query):
        page = client.get(url, query).content.decode()
        return len(re.findall(r'href="/admin/quizzes/marking/\d+/"', page))

    assert listed(quiz=essay_quiz.pk) == 2
    assert listed(quiz=other.pk) == 1
    assert listed(user="karimova") == 2
    assert listed(user="bob") == 1
    assert listed(status="to_mark") == 2


def test_marking_an_essay_with_the_rubric(client, make_user, essay_quiz, trainer):
    attempt = finished(essay_quiz, make_user("alice"))
    client.force_login(trainer)
    url = reverse("quizzes_marking_attempt", args=[attempt.pk])
    page = client.get(url).content.decode()
    assert "Greets, thanks, answers within 3 days" in page and "Dear citizen, thank you." in page
    row = attempt.questions.get()
    bad = client.post(url, {"row": row.pk, f"row{row.pk}-points": "5", f"row{row.pk}-comment": ""})
    assert (
        bad.status_code == 400
        and uz(MESSAGE_POINTS_RANGE) % {"max": "4.00"} in bad.content.decode()
    )
    good = client.post(
        url, {"row": row.pk, f"row{row.pk}-points": "3", f"row{row.pk}-comment": "Good tone"}
    )
    assert good.status_code == 302
    attempt.refresh_from_db()
    assert attempt.percent == 75 and attempt.passed and not attempt.needs_marking
    # The learner sees the comment in the review.
    client.force_login(attempt.user)
    review = client.get(reverse("quizzes:review", args=[attempt.uuid])).content.decode()
    assert "Good tone" in review and "75%" in review


def test_learners_cannot_reach_the_marking_page(client, make_user, essay_quiz):
    attempt = finished(essay_quiz, make_user("alice"))
    client.force_login(make_user("bob"))
    assert client.get(reverse("quizzes_marking")).status_code in (302, 403)
    assert client.post(
        reverse("quizzes_marking_attempt", args=[attempt.pk]), {"row": 1}
    ).status_code in (302, 403)
    assert Attempt.objects.get(pk=attempt.pk).needs_marking
