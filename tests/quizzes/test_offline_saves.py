"""Saves replayed after a dropped connection: each numbered save counts once and in order; the
attempt page carries what the script needs to keep answers on the device (docs/offline.md)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.attempts import AttemptClosed, SaveOutOfDate, answer_save, attempt_start
from quizzes.models import Attempt
from quizzes.previews import preview_start
from tests.quizzes.conftest import uz
from tests.quizzes.test_views import start, token_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(make_user):
    return make_user("learner")


@pytest.fixture
def quiz(make_question, make_quiz):
    questions = [make_question(text=f"Question {n}") for n in range(3)]
    return make_quiz(questions, questions_per_page=1, pass_mark=Decimal(60))


def save(client, attempt, seq, position, text):
    return client.post(
        reverse("quizzes:autosave", args=[attempt.uuid]),
        {
            "seq": seq,
            f"q{position}-shown": 1,
            f"q{position}": token_of(attempt, position, text),
        },
    )


def chosen(attempt, position):
    row = attempt.questions.get(position=position)
    return next(c["text"] for c in row.snapshot["choices"] if c["id"] == row.response["choice"])


def test_a_numbered_save_counts_once_and_an_older_one_never_overwrites(client, learner, quiz):
    client.force_login(learner)
    attempt = start(client, quiz)

    first = save(client, attempt, 1, 1, "Wrong answer")
    assert first.status_code == 200 and first.json()["seq"] == 1
    newer = save(client, attempt, 3, 1, "Right answer")
    assert newer.status_code == 200

    # The save numbered 2 arrives late (a retry after a lost answer): it changes nothing.
    late = save(client, attempt, 2, 1, "Wrong answer")
    assert late.status_code == 409
    assert late.json() == {
        "saved": False,
        "out_of_date": True,
        "last_seq": 3,
        "message": uz("This save was already received or is older than the last one."),
    }
    # Replaying the save already applied is refused the same way.
    assert save(client, attempt, 3, 1, "Wrong answer").status_code == 409
    assert chosen(attempt, 1) == "Right answer"
    attempt.refresh_from_db()
    assert attempt.last_save_seq == 3


def test_saves_replayed_in_order_after_reconnecting_all_count(client, learner, quiz):
    client.force_login(learner)
    attempt = start(client, quiz)
    # Answered offline on three pages; sent in order when the connection returns (gaps allowed:
    # a newer save of the same page replaced one still waiting).
    for seq, position in ((1, 1), (4, 2), (5, 3)):
        assert save(client, attempt, seq, position, "Right answer").status_code == 200
    assert [chosen(attempt, p) for p in (1, 2, 3)] == ["Right answer"] * 3
    response = client.post(reverse("quizzes:submit", args=[attempt.uuid]))
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.percent == Decimal(100)


def test_a_save_number_must_be_a_positive_number(client, learner, quiz):
    client.force_login(learner)
    attempt = start(client, quiz)
    for bad in ("0", "-1", "x", "99999999999"):
        response = client.post(
            reverse("quizzes:autosave", args=[attempt.uuid]), {"seq": bad, "q1-shown": 1}
        )
        assert response.status_code == 400
    attempt.refresh_from_db()
    assert attempt.last_save_seq == 0


def test_the_plain_form_saves_without_numbers_still_count(client, learner, quiz):
    client.force_login(learner)
    attempt = start(client, quiz)
    save(client, attempt, 7, 1, "Wrong answer")
    client.post(
        reverse("quizzes:attempt", args=[attempt.uuid]) + "?page=1",
        {"page": 1, "action": "save", "q1-shown": 1, "q1": token_of(attempt, 1, "Right answer")},
    )
    assert chosen(attempt, 1) == "Right answer"


def test_answers_received_in_the_grace_period_count_and_later_ones_do_not(
    learner, make_question, make_quiz, settings
):
    settings.QUIZ_GRACE_SECONDS = 10
    quiz = make_quiz([make_question(text="Timed")], time_limit_minutes=5)
    now = timezone.now()
    attempt = attempt_start(quiz=quiz, user=learner, now=now)
    row = attempt.questions.get()
    right = row.snapshot["choices"][0]["id"]
    deadline = attempt.deadline
    answer_save(
        attempt=attempt,
        responses={1: {"choice": right}},
        seq=1,
        now=deadline + timedelta(seconds=5),
    )
    assert attempt.questions.get().response == {"choice": right}
    with pytest.raises(SaveOutOfDate):
        answer_save(attempt=attempt, responses={1: {}}, seq=1, now=deadline)
    with pytest.raises(AttemptClosed):
        answer_save(attempt=attempt, responses={1: {}}, seq=2, now=deadline + timedelta(seconds=11))
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.submitted_by_timer
    assert attempt.questions.get().response == {"choice": right}


def test_the_attempt_page_gives_the_script_what_it_keeps_offline(client, learner, quiz):
    client.force_login(learner)
    attempt = start(client, quiz)
    save(client, attempt, 4, 1, "Right answer")
    page = client.get(reverse("quizzes:attempt", args=[attempt.uuid]) + "?page=2")
    html = page.content.decode()
    assert 'data-save-seq="4"' in html
    assert 'data-pages="1,2,3"' in html and 'data-page="2"' in html
    assert uz("Waiting for the connection — your answers are kept on this device") in html

    worker = client.get(reverse("quizzes:offline_worker"))
    assert worker.status_code == 200
    assert worker["Content-Type"].startswith("text/javascript")
    assert reverse("quizzes:offline_worker") == "/quizzes/attempts/offline-worker.js"


def test_the_review_page_tells_the_script_to_delete_the_device_copy(client, learner, quiz):
    client.force_login(learner)
    attempt = start(client, quiz)
    client.post(reverse("quizzes:submit", args=[attempt.uuid]))
    review = client.get(reverse("quizzes:review", args=[attempt.uuid])).content.decode()
    assert f'data-quiz-ended="{attempt.uuid}"' in review
    assert Attempt.objects.get(pk=attempt.pk).is_finished


def test_an_authors_preview_takes_numbered_saves_like_a_learners_attempt(make_user, quiz):
    """Previews are left out of Attempt.objects; the numbered save must still find its row."""
    author = make_user("author", groups=["Trainers"])
    attempt = preview_start(quiz=quiz, user=author)
    right = attempt.questions.get(position=1).snapshot["choices"][0]["id"]

    answer_save(attempt=attempt, responses={1: {"choice": right}}, seq=1)

    attempt.refresh_from_db()
    assert attempt.last_save_seq == 1
    assert attempt.questions.get(position=1).response == {"choice": right}
    with pytest.raises(SaveOutOfDate):
        answer_save(attempt=attempt, responses={1: {}}, seq=1)
