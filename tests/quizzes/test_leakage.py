"""Correct answers, points and explanations never reach the browser before feedback is due.

Every page of an attempt in progress (and its autosave answers) is fetched and searched for the
choices' ids, the right answers' texts where they are not already on screen as options, the
feedback, explanations and the rubric."""

from decimal import Decimal

import pytest
from django.urls import reverse

from quizzes.models import Attempt
from tests.quizzes.conftest import choice, uz

pytestmark = pytest.mark.django_db

SECRET_FEEDBACK = "FEEDBACK-SECRET"
SECRET_EXPLANATION = "EXPLANATION-SECRET"


@pytest.fixture
def every_type(make_question):
    common = {"general_feedback": SECRET_EXPLANATION}
    return [
        make_question(
            text="Single?",
            answers=[
                choice("Alpha", 100, SECRET_FEEDBACK + "1"),
                choice("Beta", 0, SECRET_FEEDBACK + "2"),
            ],
            **common,
        ),
        make_question(
            qtype="multiple_choice",
            text="Multi?",
            answers=[
                choice("One", 50, SECRET_FEEDBACK + "3"),
                choice("Two", 50),
                choice("Three", -50),
            ],
            **common,
        ),
        make_question(
            qtype="true_false",
            text="Sky is blue?",
            correct=True,
            true_feedback=SECRET_FEEDBACK + "4",
            answers=[],
            **common,
        ),
        make_question(
            qtype="short_answer",
            text="Name it",
            answers=[choice("zebracorn", 100, SECRET_FEEDBACK + "5")],
            **common,
        ),
        make_question(
            qtype="numeric",
            text="Number?",
            answers=[
                (
                    "numeric",
                    {
                        "value": Decimal("4366.5"),
                        "tolerance": Decimal("0.25"),
                        "minimum": None,
                        "maximum": None,
                        "fraction": Decimal(100),
                        "feedback": SECRET_FEEDBACK + "6",
                    },
                )
            ],
            **common,
        ),
        make_question(
            qtype="matching",
            text="Match",
            answers=[
                ("pair", {"prompt": "Telegram", "answer": "Channel"}),
                ("pair", {"prompt": "Facebook", "answer": "Page"}),
            ],
            **common,
        ),
        make_question(qtype="essay", text="Write", answers=[], rubric="RUBRIC-SECRET", **common),
        make_question(
            qtype="claim_verdict",
            text="“Water cut for a week”",
            claim_source="Anonymous channel",
            answers=[
                choice(code, 100 if code == "false" else 0, SECRET_FEEDBACK + "7")
                for code in ("true", "mostly_true", "misleading", "false", "unverifiable")
            ],
            **common,
        ),
    ]


def secrets_of(attempt):
    found = {SECRET_FEEDBACK, SECRET_EXPLANATION, "RUBRIC-SECRET", "zebracorn", "4366", "fraction"}
    for row in attempt.questions.all():
        found.update(c["id"] for c in row.snapshot["choices"])
        found.update(p["id"] for p in row.snapshot["pairs"])
    found.discard("true")
    found.discard("false")
    return found


@pytest.mark.parametrize("behaviour", ["deferred", "immediate", "interactive"])
def test_no_answer_reaches_the_browser_during_the_attempt(
    client, make_user, make_quiz, every_type, behaviour
):
    quiz = make_quiz(every_type, questions_per_page=3, behaviour=behaviour, shuffle_choices=True)
    client.force_login(make_user("learner"))
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    attempt = Attempt.objects.get()
    secrets = secrets_of(attempt)
    pages = sorted({row.page for row in attempt.questions.all()})
    url = reverse("quizzes:attempt", args=[attempt.uuid])
    bodies = [client.get(reverse("quizzes:quiz", args=[quiz.pk])).content.decode()]
    for page in pages:
        # Answer everything on the page (first option), then fetch the page again.
        data = {"page": page, "action": "save"}
        for row in attempt.questions.filter(page=page):
            data[f"q{row.position}-shown"] = 1
            data[f"q{row.position}"] = "1"
        bodies.append(
            client.post(reverse("quizzes:autosave", args=[attempt.uuid]), data).content.decode()
        )
        bodies.append(client.get(f"{url}?page={page}").content.decode())
    bodies.append(client.get(reverse("quizzes:submit", args=[attempt.uuid])).content.decode())
    everything = "\n".join(bodies)
    assert "Single?" in everything and "Alpha" in everything  # the pages did render the questions
    leaks = sorted(secret for secret in secrets if secret in everything)
    assert leaks == []
    for marker in (
        "question__choice--right",
        uz("Right answer:"),
        uz("Explanation:"),
        "question--right",
        "question--wrong",
    ):
        assert marker not in everything


def test_after_submitting_the_review_shows_them(client, make_user, make_quiz, every_type):
    quiz = make_quiz(every_type, questions_per_page=0)
    client.force_login(make_user("learner"))
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    attempt = Attempt.objects.get()
    review = client.get(
        client.post(reverse("quizzes:submit", args=[attempt.uuid]))["Location"]
    ).content.decode()
    assert SECRET_EXPLANATION in review and "zebracorn" in review and "4366.5 ± 0.25" in review
    assert "RUBRIC-SECRET" not in review  # the rubric is for markers only
