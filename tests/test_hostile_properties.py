"""Issue 15, defence in depth: random and hostile values posted to every learner form and JSON
endpoint never answer 500, and an answer of 4xx changes no row.

Hypothesis draws the values (bounded: a few dozen examples per endpoint, so the file runs in
seconds in ``make test``); the database is not reset between examples, so each example compares
a fingerprint of the learner tables before and after its request.
"""

import hashlib
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Locale

from accounts.models import Employment, User
from courses.models import Audience, Enrolment, LessonCompletion, LessonPage
from playbooks.models import Post, PostVote, Thread
from quizzes.models import Attempt, AttemptQuestion, Question, QuestionCategory, Quiz, QuizSlot
from tests.courses.conftest import catalogue, make_course  # noqa: F401 - fixtures
from tests.playbooks.conftest import board, library  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

HOSTILE = st.one_of(
    st.sampled_from(
        [
            "²",
            "٣",
            "9" * 30,
            str(2**63),
            "-1",
            "0",
            "",
            " ",
            "\x00",
            "a\x00b",
            '"',
            "'",
            "\n",
            "\r\n",
            "<script>alert(1)</script>",
            "check-999",
            "check-²",
            "page-²",
            "page-0",
            "next",
            "finish",
            "1e9",
            "NaN",
            "%00",
            "../../etc/passwd",
            "‮",
            "🙂" * 5,
        ]
    ),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(max_size=40),
)
BOUNDED = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)


def fingerprint(user: User) -> str:
    user.refresh_from_db()
    parts = [
        user.preferred_script,
        user.preferred_language,
        user.full_name,
        *(
            str(model.objects.count())
            for model in (
                Attempt,
                AttemptQuestion,
                Thread,
                Post,
                PostVote,
                Enrolment,
                LessonCompletion,
            )
        ),
        repr(list(AttemptQuestion.objects.order_by("pk").values_list("response", "state"))),
        repr(list(Attempt.objects.order_by("pk").values_list("state", "number"))),
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def check(client: Client, user: User, method: str, path: str, data=None):
    before = fingerprint(user)
    response = getattr(client, method)(path, data or {})
    assert response.status_code < 500, (path, data)
    if response.status_code >= 400:
        assert fingerprint(user) == before, (path, data, response.status_code)
    return response


@pytest.fixture
def learner(make_user, organizations):
    user = make_user("learner")
    Employment.objects.create(user=user, organization=organizations["chirchiq"])
    return user


@pytest.fixture
def quiz(db):
    category = QuestionCategory.objects.create(key="ethics", name="Ethics")
    questions = []
    for qtype, answers in (
        ("single_choice", True),
        ("multiple_choice", True),
        ("short_answer", True),
    ):
        question = Question(
            qtype=qtype,
            text=f"{qtype}?",
            category=category,
            locale=Locale.get_default(),
            answers=[
                ("choice", {"text": "Right", "fraction": Decimal(100), "feedback": ""}),
                ("choice", {"text": "Wrong", "fraction": Decimal(0), "feedback": ""}),
            ]
            if answers
            else [],
        )
        question.full_clean()
        question.save()
        questions.append(question)
    quiz = Quiz(title="Hostile", locale=Locale.get_default(), questions_per_page=2)
    for index, question in enumerate(questions):
        quiz.slots.add(QuizSlot(question=question, points=Decimal(1), sort_order=index))
    quiz.save()
    return quiz


@pytest.fixture
def signed_in(client, learner):
    client.force_login(learner)
    return client


@given(lesson=HOSTILE)
@BOUNDED
def test_quiz_page_and_start(signed_in, learner, quiz, lesson):
    check(signed_in, learner, "get", f"/quizzes/{quiz.pk}/", {"lesson": lesson})
    check(signed_in, learner, "post", f"/quizzes/{quiz.pk}/start/", {"lesson": lesson})


@given(segment=HOSTILE)
@BOUNDED
def test_ids_in_addresses(signed_in, learner, segment):
    part = quote(segment, safe="")
    for path in (
        f"/quizzes/{part}/",
        f"/quizzes/{part}/start/",
        f"/learning/courses/{part}/enrol/",
        f"/consultations/{part}/",
        f"/quizzes/attempts/{part}/",
    ):
        check(signed_in, learner, "post" if path.endswith(("start/", "enrol/")) else "get", path)


@given(answer=HOSTILE, action=HOSTILE, page=HOSTILE, other=HOSTILE)
@BOUNDED
def test_attempt_forms_and_autosave(signed_in, learner, quiz, answer, action, page, other):
    signed_in.post(f"/quizzes/{quiz.pk}/start/")
    attempt = Attempt.objects.filter(user=learner, state="in_progress").first()
    if attempt is None:
        return
    base = f"/quizzes/attempts/{attempt.uuid}/"
    fields = {"q1-shown": "1", "q1": answer, "q2-shown": other, "q2": [answer, other]}
    check(signed_in, learner, "post", base, {**fields, "action": action, "page": page})
    check(signed_in, learner, "get", base, {"page": page})
    check(signed_in, learner, "post", base + "save/", {**fields, "q3-shown": "1", "q3": other})


@given(title=HOSTILE, body=HOSTILE, playbook=HOSTILE)
@BOUNDED
def test_ask_a_question(signed_in, learner, board, title, body, playbook):  # noqa: F811
    check(
        signed_in,
        learner,
        "post",
        "/consultations/ask/",
        {"title": title, "body": body, "playbook": playbook},
    )


@given(query=HOSTILE, page=HOSTILE)
@BOUNDED
def test_searches(client, learner, library, query, page):  # noqa: F811
    check(client, learner, "get", "/search/", {"q": query, "page": page})
    check(client, learner, "get", library.url, {"q": query, "page": page})


@given(script=HOSTILE, language=HOSTILE, next_url=HOSTILE)
@BOUNDED
def test_language_and_script_switches(signed_in, learner, script, language, next_url):
    check(signed_in, learner, "post", "/i18n/setscript/", {"script": script, "next": next_url})
    check(signed_in, learner, "post", "/i18n/setlang/", {"language": language, "next": next_url})
    check(signed_in, learner, "get", "/", {"script": script})


@given(course_id=HOSTILE)
@BOUNDED
def test_enrol_and_lesson_complete(signed_in, learner, make_course, course_id):  # noqa: F811
    course = make_course("Hostile course", audience=Audience.PUBLIC, lessons=1)
    lesson = LessonPage.objects.child_of(course).first()
    check(signed_in, learner, "post", f"/learning/courses/{course.pk}/enrol/", {"x": course_id})
    check(signed_in, learner, "post", f"/learning/lessons/{lesson.pk}/complete/", {"x": course_id})
