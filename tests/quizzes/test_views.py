"""The learner's pages: start, answer page by page without JavaScript, autosave, submit, review."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Attempt, QuestionCategory
from tests.quizzes.conftest import choice, uz

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(make_user):
    return make_user("learner")


@pytest.fixture
def quiz(make_question, make_quiz):
    questions = [make_question(text=f"Question {n}") for n in range(3)]
    return make_quiz(
        questions,
        questions_per_page=2,
        pass_mark=Decimal(60),
        pass_text="Well done, you passed.",
        fail_text="Read the lesson again.",
    )


def token_of(attempt, position, text):
    row = attempt.questions.get(position=position)
    ids = {c["text"]: c["id"] for c in row.snapshot["choices"]}
    return str(row.choice_order.index(ids[text]) + 1)


def start(client, quiz):
    response = client.post(reverse("quizzes:start", args=[quiz.pk]))
    assert response.status_code == 302
    return Attempt.objects.latest("pk")


def test_quiz_page_and_start(client, learner, quiz):
    client.force_login(learner)
    page = client.get(reverse("quizzes:quiz", args=[quiz.pk]))
    assert page.status_code == 200
    assert uz("Start the quiz") in page.content.decode()
    attempt = start(client, quiz)
    assert attempt.user == learner


def test_anonymous_is_sent_to_sign_in_unless_the_quiz_allows_visitors(client, quiz):
    response = client.post(reverse("quizzes:start", args=[quiz.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    quiz.allow_anonymous = True
    quiz.save()
    attempt = start(client, quiz)
    assert attempt.user is None and attempt.session_key == client.session.session_key
    # The same session resumes it; another browser cannot see it.
    assert client.get(reverse("quizzes:attempt", args=[attempt.uuid])).status_code == 200
    assert Client().get(reverse("quizzes:attempt", args=[attempt.uuid])).status_code == 404


def test_draft_quiz_is_visible_only_to_editors(client, learner, quiz, make_user):
    quiz.live = False
    quiz.save()
    client.force_login(learner)
    assert client.get(reverse("quizzes:quiz", args=[quiz.pk])).status_code == 404
    assert client.post(reverse("quizzes:start", args=[quiz.pk])).status_code == 404
    editor = make_user("editor", groups=["Trainers"])
    client.force_login(editor)
    page = client.get(reverse("quizzes:quiz", args=[quiz.pk]))
    assert (
        page.status_code == 200
        and uz("Draft: only editors can see this quiz.") in page.content.decode()
    )


def test_answers_are_saved_page_by_page_without_javascript(client, learner, quiz):
    client.force_login(learner)
    attempt = start(client, quiz)
    url = reverse("quizzes:attempt", args=[attempt.uuid])
    response = client.post(
        url,
        {
            "page": 1,
            "q1-shown": 1,
            "q1": token_of(attempt, 1, "Right answer"),
            "q2-shown": 1,
            "action": "next",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("?page=2")
    row = attempt.questions.get(position=1)
    assert row.response == {"choice": row.snapshot["choices"][0]["id"]}
    # Coming back to page 1 shows the saved choice.
    page = client.get(url + "?page=1").content.decode()
    assert f'value="{token_of(attempt, 1, "Right answer")}" checked' in page
    assert attempt.questions.get(position=2).response == {}


def test_autosave_saves_as_you_go(client, learner, quiz):
    client.force_login(learner)
    attempt = start(client, quiz)
    response = client.post(
        reverse("quizzes:autosave", args=[attempt.uuid]),
        {"q3-shown": 1, "q3": token_of(attempt, 3, "Wrong answer")},
    )
    assert response.status_code == 200 and response.json()["saved"] is True
    assert attempt.questions.get(position=3).response["choice"]


def test_forged_tokens_are_ignored(client, learner, quiz):
    client.force_login(learner)
    attempt = start(client, quiz)
    client.post(reverse("quizzes:autosave", args=[attempt.uuid]), {"q1-shown": 1, "q1": "99"})
    assert attempt.questions.get(position=1).response == {}


def test_other_users_cannot_open_or_save_an_attempt(client, learner, quiz, make_user):
    client.force_login(learner)
    attempt = start(client, quiz)
    client.force_login(make_user("intruder"))
    assert client.get(reverse("quizzes:attempt", args=[attempt.uuid])).status_code == 404
    assert (
        client.post(
            reverse("quizzes:autosave", args=[attempt.uuid]), {"q1-shown": 1, "q1": "1"}
        ).status_code
        == 404
    )
    assert client.post(reverse("quizzes:submit", args=[attempt.uuid])).status_code == 404
    assert client.get(reverse("quizzes:review", args=[attempt.uuid])).status_code == 404


def submit_all_right(client, attempt):
    for position in (1, 2, 3):
        client.post(
            reverse("quizzes:autosave", args=[attempt.uuid]),
            {f"q{position}-shown": 1, f"q{position}": token_of(attempt, position, "Right answer")},
        )
    return client.post(reverse("quizzes:submit", args=[attempt.uuid]))


def test_submit_twice_gives_one_graded_attempt_and_the_pass_text(client, learner, quiz):
    client.force_login(learner)
    attempt = start(client, quiz)
    first = submit_all_right(client, attempt)
    second = client.post(reverse("quizzes:submit", args=[attempt.uuid]))
    assert first["Location"] == second["Location"]
    attempt.refresh_from_db()
    assert attempt.percent == 100 and attempt.passed
    review = client.get(first["Location"]).content.decode()
    assert "Well done, you passed." in review
    assert (
        uz(
            "Your score: %(percent)s%% (%(points)s of %(max)s points).",
            percent="100",
            points="3",
            max="3",
        )
        in review
    )
    assert "Well done" in review  # the right choice's feedback


def test_fail_text(client, learner, quiz):
    client.force_login(learner)
    attempt = start(client, quiz)
    review = client.get(client.post(reverse("quizzes:submit", args=[attempt.uuid]))["Location"])
    assert "Read the lesson again." in review.content.decode()


def test_correct_answers_after_each_question_in_immediate_mode(client, learner, quiz):
    quiz.behaviour = "immediate"
    quiz.save()
    client.force_login(learner)
    attempt = start(client, quiz)
    url = reverse("quizzes:attempt", args=[attempt.uuid])
    page = client.get(url).content.decode()
    assert uz("Explanation:") not in page and uz("Check") in page
    client.post(
        url,
        {"page": 1, "q1-shown": 1, "q1": token_of(attempt, 1, "Wrong answer"), "action": "check-1"},
    )
    page = client.get(url + "?page=1").content.decode()
    assert uz("Incorrect") in page and "Not this" in page  # feedback after this question
    assert uz("Right answer:") + " Right answer" in page


def test_review_options_hide_points_and_right_answers(client, learner, quiz):
    quiz.review_options = ["immediately:attempt", "immediately:correctness"]
    quiz.save()
    client.force_login(learner)
    attempt = start(client, quiz)
    review = client.get(submit_all_right(client, attempt)["Location"]).content.decode()
    assert uz("Correct") in review
    assert (
        uz("Your score: %(percent)s%% (%(points)s of %(max)s points).").split(":")[0] not in review
        and uz("Right answer:") not in review
        and "Well done" not in review
    )


def test_review_later_uses_the_later_options(client, learner, quiz):
    quiz.review_options = ["immediately:attempt", "immediately:points"]
    quiz.save()
    client.force_login(learner)
    attempt = start(client, quiz)
    submit_all_right(client, attempt)
    Attempt.objects.filter(pk=attempt.pk).update(finished_at=timezone.now() - timedelta(hours=1))
    review = client.get(reverse("quizzes:review", args=[attempt.uuid])).content.decode()
    assert (
        uz("Your score: %(percent)s%% (%(points)s of %(max)s points).").split(":")[0] not in review
    )
    assert uz("Question %(number)s", number=1) not in review


def test_timed_out_attempt_page_goes_to_the_review(client, learner, quiz):
    quiz.time_limit_minutes = 1
    quiz.save()
    client.force_login(learner)
    attempt = start(client, quiz)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=5))
    response = client.get(reverse("quizzes:attempt", args=[attempt.uuid]))
    assert response["Location"] == reverse("quizzes:review", args=[attempt.uuid])
    attempt.refresh_from_db()
    assert attempt.submitted_by_timer
    save = client.post(reverse("quizzes:autosave", args=[attempt.uuid]), {"q1-shown": 1, "q1": "1"})
    assert save.status_code == 409 and save.json()["finished"] is True


def test_previous_scores_on_the_quiz_page_and_progress_per_category(
    client, learner, quiz, make_question, make_quiz, django_assert_max_num_queries
):
    client.force_login(learner)
    submit_all_right(client, start(client, quiz))
    page = client.get(reverse("quizzes:quiz", args=[quiz.pk])).content.decode()
    assert uz("Your previous attempts") in page and "100%" in page
    other = QuestionCategory.objects.create(key="law", name="Law")
    law_quiz = make_quiz([make_question(text="Law?", category=other)], title="Law quiz")
    client.post(reverse("quizzes:submit", args=[start(client, law_quiz).uuid]))
    with django_assert_max_num_queries(8):
        progress = client.get(reverse("quizzes:progress"))
    text = progress.content.decode()
    assert "Ethics" in text and "100%" in text
    assert "Law" in text and "0%" in text
    assert "Law quiz" in text and "Ethics quiz" in text


def test_viewing_other_users_results_needs_the_permission(client, learner, quiz, make_user):
    client.force_login(learner)
    attempt = start(client, quiz)
    submit_all_right(client, attempt)
    trainer = make_user("viewer")
    client.force_login(trainer)
    assert client.get(reverse("quizzes:review", args=[attempt.uuid])).status_code == 404
    trainer.user_permissions.add(Permission.objects.get(codename="view_all_results"))
    trainer = type(trainer).objects.get(pk=trainer.pk)
    client.force_login(trainer)
    review = client.get(reverse("quizzes:review", args=[attempt.uuid]))
    assert review.status_code == 200 and "Learner" in review.content.decode()  # the learner's name


def test_matching_and_text_questions_round_trip(client, learner, make_question, make_quiz):
    matching = make_question(
        qtype="matching",
        text="Match",
        answers=[
            ("pair", {"prompt": "Telegram", "answer": "Channel"}),
            ("pair", {"prompt": "Facebook", "answer": "Page"}),
        ],
    )
    short = make_question(
        qtype="short_answer", text="Who speaks?", answers=[choice("Press secretary", 100)]
    )
    numeric = make_question(
        qtype="numeric",
        text="How many days?",
        answers=[
            (
                "numeric",
                {
                    "value": Decimal(15),
                    "tolerance": Decimal(0),
                    "minimum": None,
                    "maximum": None,
                    "fraction": Decimal(100),
                    "feedback": "",
                },
            )
        ],
    )
    quiz = make_quiz([matching, short, numeric], questions_per_page=0)
    client.force_login(learner)
    attempt = start(client, quiz)
    row = attempt.questions.get(position=1)
    tokens = {text: str(i) for i, text in enumerate(row.choice_order, start=1)}
    url = reverse("quizzes:attempt", args=[attempt.uuid])
    client.post(
        url,
        {
            "page": 1,
            "q1-shown": 1,
            "q1-1": tokens["Channel"],
            "q1-2": tokens["Page"],
            "q2-shown": 1,
            "q2": "  press SECRETARY ",
            "q3-shown": 1,
            "q3": "15",
            "action": "save",
        },
    )
    client.post(reverse("quizzes:submit", args=[attempt.uuid]))
    attempt.refresh_from_db()
    assert attempt.percent == 100


def test_attempt_and_review_pages_have_a_bounded_query_count(
    client, learner, make_question, make_quiz, django_assert_max_num_queries
):
    quiz = make_quiz([make_question(text=f"Q{n}") for n in range(20)], questions_per_page=0)
    client.force_login(learner)
    attempt = start(client, quiz)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("quizzes:attempt", args=[attempt.uuid])).status_code == 200
    client.post(reverse("quizzes:submit", args=[attempt.uuid]))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("quizzes:review", args=[attempt.uuid])).status_code == 200


def test_interactive_mode_gives_a_hint_and_another_try(client, learner, make_question, make_quiz):
    question = make_question(
        answers=[
            choice("Right answer", 100),
            choice("Wrong answer", 0, "Not this"),
            ("hint", "Think of who runs the channel."),
        ]
    )
    quiz = make_quiz([question], behaviour="interactive", points=3)
    client.force_login(learner)
    attempt = start(client, quiz)
    url = reverse("quizzes:attempt", args=[attempt.uuid])
    wrong = token_of(attempt, 1, "Wrong answer")
    client.post(url, {"page": 1, "q1-shown": 1, "q1": wrong, "action": "check-1"})
    page = client.get(url).content.decode()
    assert "Think of who runs the channel." in page and uz("Incorrect") in page
    assert uz("Check") in page  # a second try
    right = token_of(attempt, 1, "Right answer")
    client.post(url, {"page": 1, "q1-shown": 1, "q1": right, "action": "check-1"})
    page = client.get(url).content.decode()
    assert uz("Correct") in page and f'value="{right}" checked' in page
    client.post(reverse("quizzes:submit", args=[attempt.uuid]))
    attempt.refresh_from_db()
    assert attempt.points == Decimal("2.001")  # 3 points less one penalty of 0.333


def test_review_names_the_learners_own_answer(client, learner, quiz):
    client.force_login(learner)
    attempt = start(client, quiz)
    review = client.get(submit_all_right(client, attempt)["Location"]).content.decode()
    assert uz("Your answer: %(answer)s", answer="Right answer") in review
    assert "question__choice--chosen" in review and uz("your answer") in review
