"""A marker overrides any question's mark with a comment; every mark given is audited; the
attempt's result follows (a new pass is announced, a lost pass is flagged for review)."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse

from quizzes.attempts import answer_save, attempt_start, attempt_submit
from quizzes.marking import MESSAGE_COMMENT_REQUIRED, answer_mark
from quizzes.models import Attempt, MarkChange
from quizzes.signals import quiz_passed
from tests.quizzes.conftest import uz

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished(make_user, make_question, make_quiz):
    quiz = make_quiz(
        [make_question(text="First"), make_question(text="Second")],
        points=2,
        pass_mark=Decimal(75),
    )
    learner = make_user("learner")
    attempt = attempt_start(quiz=quiz, user=learner)
    rows = list(attempt.questions.all())
    right = next(c["id"] for c in rows[0].snapshot["choices"] if c["text"] == "Right answer")
    answer_save(attempt=attempt, responses={1: {"choice": right}})  # 2 of 4 points: 50 %
    return attempt_submit(attempt=attempt)


@pytest.fixture
def marker(make_user):
    return make_user("marker", groups=["Trainers"])


@pytest.fixture
def passed_signals():
    received = []
    quiz_passed.connect(
        lambda **kwargs: received.append(kwargs["attempt"].pk),
        weak=False,
        dispatch_uid="test-mark-changes",
    )
    yield received
    quiz_passed.disconnect(dispatch_uid="test-mark-changes")


def test_overriding_a_choice_mark_needs_a_comment_and_is_audited(
    finished, marker, passed_signals, django_capture_on_commit_callbacks
):
    second = finished.questions.get(position=2)
    with pytest.raises(ValidationError) as refused:
        answer_mark(row=second, points=Decimal(2), comment="  ", marker=marker)
    assert refused.value.messages == [str(MESSAGE_COMMENT_REQUIRED)]
    with django_capture_on_commit_callbacks(execute=True):
        answer_mark(
            row=second,
            points=Decimal("1.5"),
            comment="Both readings of the question are defensible.",
            marker=marker,
        )
    attempt = Attempt.objects.get(pk=finished.pk)
    assert (attempt.points, attempt.percent, attempt.passed) == (Decimal("3.5"), 87.5, True)
    assert passed_signals == [attempt.pk]
    change = MarkChange.objects.get()
    assert (change.kind, change.points_before, change.points_after) == ("manual", 0, Decimal("1.5"))
    assert (change.percent_before, change.percent_after) == (50, Decimal("87.5"))
    assert (change.passed_before, change.passed_after) == (False, True)
    assert change.changed_by == marker and "defensible" in change.comment


def test_a_pass_lowered_to_a_fail_is_flagged_not_revoked(
    finished, marker, passed_signals, django_capture_on_commit_callbacks
):
    answer_mark(
        row=finished.questions.get(position=2), points=Decimal(2), comment="Fair", marker=marker
    )
    assert Attempt.objects.get(pk=finished.pk).passed
    with django_capture_on_commit_callbacks(execute=True):
        answer_mark(
            row=finished.questions.get(position=1),
            points=Decimal(0),
            comment="Copied from a neighbour",
            marker=marker,
        )
    attempt = Attempt.objects.get(pk=finished.pk)
    assert (attempt.percent, attempt.passed, attempt.needs_review) == (50, False, True)
    assert MarkChange.objects.count() == 2


def test_the_marking_page_overrides_any_mark_and_shows_the_history(client, finished, marker):
    client.force_login(marker)
    url = reverse("quizzes_marking_attempt", args=[finished.pk])
    row = finished.questions.get(position=2)
    response = client.post(
        url, {"row": row.pk, f"row{row.pk}-points": "1", f"row{row.pk}-comment": ""}
    )
    assert response.status_code == 400
    assert uz("Say why the mark changes: a comment is required.") in response.content.decode()
    response = client.post(
        url, {"row": row.pk, f"row{row.pk}-points": "1", f"row{row.pk}-comment": "Half right"}
    )
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert "Half right" in html and "0 → 1" in html


def test_viewing_results_is_not_enough_to_change_a_mark(client, finished, make_user):
    viewer = make_user("viewer", is_staff=True)
    viewer.user_permissions.add(
        Permission.objects.get(codename="view_all_results"),
        Permission.objects.get(codename="access_admin"),
    )
    client.force_login(viewer)
    row = finished.questions.get(position=2)
    url = reverse("quizzes_marking_attempt", args=[finished.pk])
    response = client.post(
        url, {"row": row.pk, f"row{row.pk}-points": "2", f"row{row.pk}-comment": "x"}
    )
    assert response.status_code in (302, 403)  # Wagtail sends a refused admin user home
    assert not MarkChange.objects.exists()
    assert Attempt.objects.get(pk=finished.pk).percent == 50
