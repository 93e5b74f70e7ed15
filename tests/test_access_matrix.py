"""Issue 15: the access matrix as a parametrised test, every object × every role with the
status expected. A later feature that opens one of these to the wrong role fails here.

Roles: a visitor, a citizen (signed in, no employment), a civil servant, the owner of the
attempts (a civil servant), a trainer (staff) and a coordinator. Objects: quizzes by audience,
attempts in progress (view, save, submit) and finished (review), progress, certificate
verification, admin areas. The certificate PDF rows belong with the certificate storage work.
"""

from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.models import Locale

from accounts.models import Employment
from accounts.roles import COORDINATORS, TRAINERS
from courses.models import Audience, LessonPage
from quizzes.attempts import attempt_start, attempt_submit
from quizzes.models import Question, QuestionCategory, Quiz, QuizSlot
from tests.courses.conftest import catalogue, make_course  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

ROLES = ("visitor", "citizen", "civil_servant", "owner", "trainer", "coordinator")
SIGN_IN = 302  # sent to the sign-in page


def make_quiz(title: str) -> Quiz:
    category, _created = QuestionCategory.objects.get_or_create(key="ethics", name="Ethics")
    question = Question(
        qtype="single_choice",
        text="Which one?",
        category=category,
        locale=Locale.get_default(),
        answers=[
            ("choice", {"text": "Right", "fraction": Decimal(100), "feedback": ""}),
            ("choice", {"text": "Wrong", "fraction": Decimal(0), "feedback": ""}),
        ],
    )
    question.save()
    quiz = Quiz(title=title, locale=Locale.get_default())
    quiz.slots.add(QuizSlot(question=question, points=Decimal(1), sort_order=0))
    quiz.save()
    return quiz


def place(course, quiz):
    lesson = LessonPage.objects.child_of(course).first()
    lesson.body = [*lesson.body.raw_data, {"type": "quiz", "value": {"quiz": quiz.pk}}]
    lesson.save_revision().publish()


@pytest.fixture
def world(make_course, make_user, organizations):  # noqa: F811
    public_quiz, servants_quiz = make_quiz("Public quiz"), make_quiz("Servants quiz")
    place(make_course("Public", audience=Audience.PUBLIC, lessons=1), public_quiz)
    place(make_course("Servants", audience=Audience.CIVIL_SERVANTS, lessons=1), servants_quiz)
    users = {
        "citizen": make_user("citizen"),
        "civil_servant": make_user("servant"),
        "owner": make_user("owner"),
        "trainer": make_user("trainer", groups=[TRAINERS]),
        "coordinator": make_user("coordinator", groups=[COORDINATORS]),
    }
    for name in ("civil_servant", "owner"):
        Employment.objects.create(user=users[name], organization=organizations["chirchiq"])
    Employment.objects.create(
        user=users["coordinator"], organization=organizations["chirchiq"], is_coordinator=True
    )
    finished = attempt_submit(attempt=attempt_start(quiz=servants_quiz, user=users["owner"]))
    in_progress = attempt_start(quiz=public_quiz, user=users["owner"])
    return {
        "users": users,
        "public_quiz": public_quiz,
        "servants_quiz": servants_quiz,
        "finished": finished,
        "in_progress": in_progress,
    }


def url_for(world, target: str) -> tuple[str, str]:
    """(method, address) of a matrix row."""
    public, servants = world["public_quiz"], world["servants_quiz"]
    open_uuid, done_uuid = world["in_progress"].uuid, world["finished"].uuid
    return {
        "public quiz": ("get", reverse("quizzes:quiz", args=[public.pk])),
        "servants quiz": ("get", reverse("quizzes:quiz", args=[servants.pk])),
        "start servants quiz": ("post", reverse("quizzes:start", args=[servants.pk])),
        "attempt: view": ("get", reverse("quizzes:attempt", args=[open_uuid])),
        "attempt: save": ("post", reverse("quizzes:autosave", args=[open_uuid])),
        "attempt: submit page": ("get", reverse("quizzes:submit", args=[open_uuid])),
        "finished attempt: review": ("get", reverse("quizzes:review", args=[done_uuid])),
        "progress": ("get", reverse("quizzes:progress")),
        "verification of an unknown code": ("get", "/certificates/verify/UNKNOWN-1/"),
        "admin home": ("get", "/admin/"),
        "admin: quiz snippets": ("get", "/admin/snippets/quizzes/quiz/"),
        "admin: users": ("get", "/admin/users/"),
    }[target]


ANY = object()
# target: status per role, in the order of ROLES.
MATRIX = {
    "public quiz": (200, 200, 200, 200, 200, 200),
    "servants quiz": (SIGN_IN, 404, 200, 200, 200, 200),
    "start servants quiz": (SIGN_IN, 404, 302, 302, 302, 302),
    "attempt: view": (404, 404, 404, 200, 404, 404),
    "attempt: save": (404, 404, 404, 200, 404, 404),
    "attempt: submit page": (404, 404, 404, 200, 404, 404),
    "finished attempt: review": (404, 404, 404, 200, 200, 404),
    "progress": (SIGN_IN, 200, 200, 200, 200, 200),
    "verification of an unknown code": (404, 404, 404, 404, 404, 404),
    "admin home": (SIGN_IN, 403, 403, 403, 200, 200),
    "admin: quiz snippets": (SIGN_IN, 403, 403, 403, 200, ANY),
    "admin: users": (SIGN_IN, 403, 403, 403, 302, 302),
}


@pytest.mark.parametrize("target", list(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(client, world, target, role):
    expected = MATRIX[target][ROLES.index(role)]
    if role != "visitor":
        client.force_login(world["users"][role])
    method, address = url_for(world, target)
    response = getattr(client, method)(address)
    if expected is ANY:
        assert response.status_code < 500
    else:
        assert response.status_code == expected, (target, role, response.status_code)
