"""Previews: an author tries a draft or live quiz as a learner would, and one question in each
behaviour; previews never reach results, grades, statistics, marking, completion or the attempt
limit, and are deleted after a day."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from courses.models import LessonCompletion
from quizzes.attempts import AttemptClosed, answer_save, attempt_start
from quizzes.models import Attempt
from quizzes.previews import preview_start, previews_delete_stale
from quizzes.reports import quiz_statistics_get
from quizzes.selectors import attempts_left, marking_queryset, quizzes_grade
from quizzes.signals import quiz_passed
from tests.courses import conftest as course_fixtures
from tests.quizzes.conftest import choice, uz
from tests.quizzes.test_quiz_in_course import embed

pytestmark = pytest.mark.django_db

catalogue = course_fixtures.catalogue
make_course = course_fixtures.make_course


@pytest.fixture
def author(make_user):
    return make_user("author", groups=["Trainers"])


@pytest.fixture
def draft_quiz(make_question, make_quiz):
    # A question never published, in a quiz never published: what an author checks first.
    question = make_question(text="Who answers comments?", live=False)
    return make_quiz([question], title="Draft check", live=False, attempts_allowed=1)


def token(attempt, text):
    row = attempt.questions.get(position=1)
    choice_id = next(c["id"] for c in row.snapshot["choices"] if c["text"] == text)
    return str(row.choice_order.index(choice_id) + 1)


@pytest.fixture
def passed_signals():
    received = []

    def receiver(**kwargs):
        received.append(kwargs)

    quiz_passed.connect(receiver, weak=False, dispatch_uid="test-previews")
    yield received
    quiz_passed.disconnect(dispatch_uid="test-previews")


def test_author_previews_a_draft_quiz_and_nothing_counts(
    client, author, draft_quiz, passed_signals, django_capture_on_commit_callbacks
):
    client.force_login(author)
    page = client.get(reverse("quizzes:quiz", args=[draft_quiz.pk])).content.decode()
    assert uz("Preview the quiz") in page and uz("Start the quiz") not in page
    response = client.post(reverse("quizzes:preview", args=[draft_quiz.pk]), {"fresh": "1"})
    preview = Attempt.all_objects.get()
    assert preview.is_preview and response["Location"].endswith(f"/{preview.uuid}/")
    html = client.get(response["Location"]).content.decode()
    assert "Who answers comments?" in html
    assert (
        uz(
            "This attempt is not counted in results, statistics or completion, and is deleted after"
            " a day."
        )
        in html
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("quizzes:submit", args=[preview.uuid]),
            {"q1-shown": 1, "q1": token(preview, "Right answer")},
        )
    preview.refresh_from_db()
    assert preview.is_finished and preview.passed and preview.percent == Decimal(100)
    review = client.get(reverse("quizzes:review", args=[preview.uuid])).content.decode()
    assert uz("Passed.") in review and uz("Start a new preview") in review
    # Never announced, never in results, grades, statistics or marking, no attempt used.
    assert passed_signals == []
    assert not Attempt.objects.exists()
    assert not marking_queryset().exists()
    assert quizzes_grade(user=author, quizzes=[draft_quiz]) is None
    assert quiz_statistics_get(quiz=draft_quiz).summary.attempt_count == 0
    assert attempts_left(quiz=draft_quiz, attempts=draft_quiz.attempts.all()) == 1
    marking = client.get(reverse("quizzes_marking")).content.decode()
    assert reverse("quizzes_marking_attempt", args=[preview.pk]) not in marking


def test_a_preview_uses_no_attempt_and_never_completes_a_lesson(
    client, author, make_question, make_quiz, make_course, django_capture_on_commit_callbacks
):
    quiz = make_quiz([make_question()], title="Lesson check", attempts_allowed=1)
    lesson = embed(make_course(lessons=1), quiz)
    client.force_login(author)
    client.post(reverse("quizzes:preview", args=[quiz.pk]), {"fresh": "1"})
    preview = Attempt.all_objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("quizzes:submit", args=[preview.uuid]),
            {"q1-shown": 1, "q1": token(preview, "Right answer")},
        )
    assert Attempt.all_objects.get().passed
    assert not LessonCompletion.objects.filter(user=author, lesson=lesson).exists()
    # The single attempt the quiz allows is still there to take for real.
    real = attempt_start(quiz=quiz, user=author)
    assert real.number == 1 and not real.is_preview
    assert Attempt.objects.get() == real


def test_only_editors_preview_and_only_the_author_opens_a_preview(
    client, author, draft_quiz, make_user, make_question, make_quiz
):
    live = make_quiz([make_question()], title="Live check")
    learner = make_user("learner")
    client.force_login(learner)
    assert client.post(reverse("quizzes:preview", args=[live.pk])).status_code == 404
    page = client.get(reverse("quizzes:quiz", args=[live.pk])).content.decode()
    assert uz("Preview the quiz") not in page
    preview = preview_start(quiz=draft_quiz, user=author)
    assert client.get(reverse("quizzes:attempt", args=[preview.uuid])).status_code == 404
    other_author = make_user("other", groups=["Trainers"])
    client.force_login(other_author)
    assert client.get(reverse("quizzes:attempt", args=[preview.uuid])).status_code == 404
    client.force_login(author)
    assert client.get(reverse("quizzes:attempt", args=[preview.uuid])).status_code == 200


def test_previews_resume_restart_and_are_deleted_after_a_day(author, draft_quiz):
    now = timezone.now()
    first = preview_start(quiz=draft_quiz, user=author, now=now)
    assert preview_start(quiz=draft_quiz, user=author, now=now) == first  # resumed
    second = preview_start(quiz=draft_quiz, user=author, fresh=True, now=now)
    assert second != first and list(Attempt.all_objects.all()) == [second]
    assert previews_delete_stale(now=now + timedelta(hours=23)) == 0
    assert previews_delete_stale(now=now + timedelta(hours=25)) == 1
    assert not Attempt.all_objects.exists()
    preview_start(quiz=draft_quiz, user=author, now=now - timedelta(days=2))
    call_command("submit_overdue_attempts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not Attempt.all_objects.exists()


def test_timed_preview_is_submitted_by_the_server_at_its_deadline(author, make_question, make_quiz):
    quiz = make_quiz([make_question()], time_limit_minutes=5)
    now = timezone.now()
    preview = preview_start(quiz=quiz, user=author, now=now)
    assert preview.deadline == now + timedelta(minutes=5)
    with pytest.raises(AttemptClosed):
        answer_save(attempt=preview, responses={1: {}}, now=now + timedelta(minutes=6))
    preview.refresh_from_db()
    assert preview.is_finished and preview.submitted_by_timer and preview.is_preview


@pytest.mark.parametrize("behaviour", ["deferred", "immediate", "interactive"])
def test_question_preview_in_each_behaviour(client, author, make_question, behaviour):
    question = make_question(
        text="Which body registers official accounts?",
        answers=[
            choice("The information service", 100, "Yes."),
            choice("Any citizen", 0, "No: only the service."),
            choice("Nobody", 0),
            ("hint", "Read section 2."),
        ],
        general_feedback="Section 2 of the decree.",
        live=False,
    )
    client.force_login(author)
    url = reverse("quizzes_question_preview", args=[question.pk])
    page = client.get(url, {"behaviour": behaviour}).content.decode()
    assert "Which body registers official accounts?" in page
    assert "No: only the service." not in page and "Section 2 of the decree." not in page
    state = client.session["quizzes_question_preview"]
    wrong = str(
        state["choice_order"].index(
            next(c["id"] for c in state["snapshot"]["choices"] if c["text"] == "Any citizen")
        )
        + 1
    )
    action = "finish" if behaviour == "deferred" else "check-1"
    response = client.post(
        f"{url}?behaviour={behaviour}", {"q1-shown": 1, "q1": wrong, "action": action}
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "No: only the service." in page
    if behaviour == "interactive":
        assert "Read section 2." in page  # the hint, and another try
        assert 'value="check-1"' in page
    else:
        assert "Section 2 of the decree." in page
    assert not Attempt.all_objects.exists()


def test_question_preview_needs_the_permission_and_is_linked_from_the_editor(
    client, author, make_user, make_question
):
    question = make_question()
    url = reverse("quizzes_question_preview", args=[question.pk])
    client.force_login(make_user("learner"))
    assert client.get(url).status_code in (302, 403)
    client.force_login(author)
    edit = client.get(reverse("wagtailsnippets_quizzes_question:edit", args=[question.pk]))
    assert url in edit.content.decode()
