"""Issue 15, items 10 and 12: ids and numbers from a request are parsed in one helper
(core.parsing); hostile values answer 4xx (or are ignored) and write nothing."""

import pytest
from django.urls import reverse

from core.parsing import clean_query, parse_id, parse_int
from playbooks.models import Thread
from quizzes.models import Attempt, AttemptQuestion
from tests.playbooks.conftest import board, library  # noqa: F401 - fixtures
from tests.quizzes.conftest import category, make_question, make_quiz  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

HUGE = "9" * 30


@pytest.mark.parametrize(
    ("value", "expected"),
    [("12", 12), ("²", None), ("٣", None), ("1\x00", None), (HUGE, None), ("", None), ("-3", -3)],
)
def test_parse_int_takes_ascii_digits_within_bounds(value, expected):
    assert parse_int(value) == expected


def test_parse_id_is_positive_and_bounded():
    assert parse_id("0") is None and parse_id("-1") is None and parse_id(str(2**40)) is None
    assert parse_id("7") == 7


def test_clean_query_drops_quotes_and_control_characters():
    assert clean_query('"ethics\x00 "media\n') == "ethics media"


@pytest.fixture
def quiz(make_quiz, make_question):  # noqa: F811
    return make_quiz([make_question(text=f"Q{n}") for n in range(2)], questions_per_page=1)


@pytest.fixture
def attempt(client, make_user, quiz):
    client.force_login(make_user("learner"))
    client.post(reverse("quizzes:start", args=[quiz.pk]), {"lesson": "²"})
    return Attempt.objects.get()


def saved(attempt):
    return list(AttemptQuestion.objects.filter(attempt=attempt).values_list("response", "state"))


def test_superscript_digits_in_answers_are_ignored_not_a_500(client, attempt):
    before = saved(attempt)
    response = client.post(
        reverse("quizzes:autosave", args=[attempt.uuid]), {"q1-shown": 1, "q1": "²"}
    )
    assert response.status_code == 200
    assert attempt.lesson_id is None
    assert saved(attempt)[1] == before[1]
    response = client.post(
        reverse("quizzes:submit", args=[attempt.uuid]), {"q1-shown": 1, "q1": HUGE}
    )
    assert response.status_code == 302


@pytest.mark.parametrize("action", ["page-²", "page-99", "check-999", "check-²", "launch", HUGE])
def test_a_made_up_action_is_refused_and_saves_nothing(client, attempt, action):
    before = saved(attempt)
    response = client.post(
        reverse("quizzes:attempt", args=[attempt.uuid]) + "?page=1",
        {"q1-shown": 1, "q1": "1", "action": action},
    )
    assert response.status_code == 400
    assert "Hech narsa oʻzgartirilmadi" in response.content.decode()
    assert saved(attempt) == before


def test_a_superscript_page_number_shows_the_first_page(client, attempt):
    assert (
        client.get(reverse("quizzes:attempt", args=[attempt.uuid]) + "?page=²").status_code == 200
    )


@pytest.mark.parametrize(
    "path",
    [
        f"/quizzes/{HUGE}/",
        f"/quizzes/{2**63}/start/",
        f"/learning/courses/{HUGE}/enrol/",
        f"/consultations/{HUGE}/",
    ],
)
def test_huge_ids_in_addresses_are_not_found(client, make_user, path):
    client.force_login(make_user("learner"))
    assert client.post(path).status_code in (404, 405)
    assert client.get(path).status_code in (404, 405)


@pytest.mark.parametrize("value", ["²", HUGE, "1\x00"])
def test_a_question_with_a_hostile_playbook_id_is_not_found(client, make_user, board, value):  # noqa: F811
    client.force_login(make_user("learner"))
    response = client.post(reverse("playbooks:ask"), {"playbook": value, "title": "Q", "body": "B"})
    assert response.status_code == 404
    assert not Thread.objects.exists()


@pytest.mark.parametrize("query", ['"', 'ethics "', "\x00", "a\x00b", "'", "*", "(", "OR"])
def test_search_survives_quotes_and_nul(client, library, query):  # noqa: F811
    assert client.get("/search/", {"q": query}).status_code == 200
    assert client.get(library.url, {"q": query}).status_code == 200


def test_signed_in_learners_get_a_403_page_from_the_admin(client, make_user):
    client.force_login(make_user("learner"))
    response = client.get("/admin/")
    assert response.status_code == 403
    assert "Kirish taqiqlangan" in response.content.decode()
    client.logout()
    assert client.get("/admin/").status_code == 302  # to the sign-in page, as before


def test_staff_still_reach_the_admin(client, make_user):
    client.force_login(make_user("trainer", groups=["Trainers"]))
    assert client.get("/admin/").status_code == 200
