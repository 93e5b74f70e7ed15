"""Overrides per learner or organisation: extra time, extra attempts, other dates, each with a
reason; the server's deadline and attempt limit follow them, and the learner sees them."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from accounts.models import Employment
from quizzes.attempts import (
    MESSAGE_NO_ATTEMPTS_LEFT,
    MESSAGE_NOT_OPEN,
    AttemptClosed,
    answer_save,
    attempt_start,
    attempt_submit,
)
from quizzes.models import QuizOverride
from quizzes.overrides import quiz_settings_for
from tests.quizzes.conftest import uz

pytestmark = pytest.mark.django_db


@pytest.fixture
def timed_quiz(make_question, make_quiz):
    return make_quiz([make_question()], time_limit_minutes=10, attempts_allowed=1)


@pytest.fixture
def learners(make_user):
    return make_user("aziza"), make_user("bobur")


def test_extra_time_moves_the_deadline_the_server_enforces(timed_quiz, learners):
    aziza, bobur = learners
    QuizOverride.objects.create(
        quiz=timed_quiz, user=aziza, time_limit_minutes=25, reason="Documented need: screen reader"
    )
    now = timezone.now()
    hers = attempt_start(quiz=timed_quiz, user=aziza, now=now)
    his = attempt_start(quiz=timed_quiz, user=bobur, now=now)
    assert hers.deadline == now + timedelta(minutes=25)
    assert his.deadline == now + timedelta(minutes=10)
    # At minute 20 her answer is still taken; his is refused and his attempt is submitted.
    answer_save(attempt=hers, responses={1: {}}, now=now + timedelta(minutes=20))
    hers.refresh_from_db()
    assert not hers.is_finished
    with pytest.raises(AttemptClosed):
        answer_save(attempt=his, responses={1: {}}, now=now + timedelta(minutes=20))
    his.refresh_from_db()
    assert his.is_finished and his.submitted_by_timer


def test_an_override_on_one_language_counts_for_every_translation(timed_quiz, learners):
    aziza, _bobur = learners
    QuizOverride.objects.create(quiz=timed_quiz, user=aziza, time_limit_minutes=30, reason="r")
    translation = timed_quiz.copy_for_translation(
        Locale.objects.get_or_create(language_code="ru")[0]
    )
    translation.save()
    assert quiz_settings_for(quiz=translation, user=aziza).time_limit_minutes == 30


def test_an_organisation_override_gives_extra_attempts_to_its_people(
    timed_quiz, learners, organizations
):
    aziza, bobur = learners
    Employment.objects.create(user=aziza, organization=organizations["chirchiq"])
    # On the region: applies to the district's people too.
    QuizOverride.objects.create(
        quiz=timed_quiz,
        organization=organizations["tashkent-region"],
        attempts_allowed=2,
        reason="Pilot region retakes",
    )
    for learner in (aziza, bobur):
        attempt_submit(attempt=attempt_start(quiz=timed_quiz, user=learner))
    second = attempt_start(quiz=timed_quiz, user=aziza)
    assert second.number == 2
    with pytest.raises(ValidationError) as refused:
        attempt_start(quiz=timed_quiz, user=bobur)
    assert refused.value.messages == [str(MESSAGE_NO_ATTEMPTS_LEFT)]


def test_own_override_wins_over_the_organisations_and_dates_open_the_quiz(
    make_question, make_quiz, learners, organizations
):
    aziza, bobur = learners
    now = timezone.now()
    quiz = make_quiz(
        [make_question()], close_at=now - timedelta(days=1), open_at=now - timedelta(days=9)
    )
    Employment.objects.create(user=aziza, organization=organizations["mininfo"])
    QuizOverride.objects.create(
        quiz=quiz,
        organization=organizations["mininfo"],
        close_at=now + timedelta(days=1),
        time_limit_minutes=60,
        reason="Agency sat the test late",
    )
    QuizOverride.objects.create(
        quiz=quiz, user=aziza, close_at=now + timedelta(hours=2), reason="Sick leave until today"
    )
    settings = quiz_settings_for(quiz=quiz, user=aziza)
    assert settings.close_at == now + timedelta(hours=2) and settings.time_limit_minutes is None
    attempt = attempt_start(quiz=quiz, user=aziza, now=now)
    assert attempt.deadline == now + timedelta(hours=2)  # the close date is the deadline
    with pytest.raises(ValidationError) as refused:
        attempt_start(quiz=quiz, user=bobur, now=now)
    assert refused.value.messages == [str(MESSAGE_NOT_OPEN)]


def test_the_learner_sees_their_settings_on_the_quiz_page(client, timed_quiz, learners):
    aziza, bobur = learners
    QuizOverride.objects.create(
        quiz=timed_quiz, user=aziza, time_limit_minutes=25, attempts_allowed=3, reason="Need"
    )
    client.force_login(aziza)
    html = client.get(reverse("quizzes:quiz", args=[timed_quiz.pk])).content.decode()
    assert uz("Special arrangements apply to you: the settings above are yours.") in html
    assert "25" in html and "Need" not in html  # the reason stays in the admin
    client.force_login(bobur)
    html = client.get(reverse("quizzes:quiz", args=[timed_quiz.pk])).content.decode()
    assert uz("Special arrangements apply to you: the settings above are yours.") not in html


def test_an_override_needs_one_target_a_change_and_a_reason(timed_quiz, learners, organizations):
    aziza, _bobur = learners
    with pytest.raises(ValidationError):
        QuizOverride(quiz=timed_quiz, user=aziza, reason="Nothing changed").full_clean()
    with pytest.raises(ValidationError):
        QuizOverride(
            quiz=timed_quiz,
            user=aziza,
            organization=organizations["mininfo"],
            time_limit_minutes=5,
            reason="Both",
        ).full_clean()
    for fields in (
        {"user": aziza, "time_limit_minutes": 5, "reason": ""},
        {"time_limit_minutes": 5, "reason": "Nobody"},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            QuizOverride.objects.create(quiz=timed_quiz, **fields)


def test_trainers_add_an_override_by_username_in_the_admin(client, make_user, timed_quiz, learners):
    trainer = make_user("trainer", groups=["Trainers"])
    client.force_login(trainer)
    response = client.post(
        reverse("wagtailsnippets_quizzes_quizoverride:add"),
        {
            "quiz": timed_quiz.pk,
            "user": "aziza",
            "organization": "",
            "time_limit_minutes": "20",
            "attempts_allowed": "",
            "open_at": "",
            "close_at": "",
            "reason": "Documented need",
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    override = QuizOverride.objects.get()
    assert override.user == learners[0] and override.created_by == trainer
    assert override.time_limit_minutes == 20 and override.quiz.pass_mark == Decimal(70)
    client.force_login(learners[1])
    assert client.get(reverse("wagtailsnippets_quizzes_quizoverride:list")).status_code in (
        302,
        403,
    )


def test_an_override_saved_during_an_attempt_moves_its_deadline(
    client, make_user, timed_quiz, learners
):
    aziza, bobur = learners
    hers = attempt_start(quiz=timed_quiz, user=aziza)
    his = attempt_start(quiz=timed_quiz, user=bobur)
    client.force_login(make_user("trainer", groups=["Trainers"]))
    form = {
        "quiz": timed_quiz.pk,
        "user": "aziza",
        "organization": "",
        "time_limit_minutes": "30",
        "attempts_allowed": "",
        "open_at": "",
        "close_at": "",
        "reason": "Documented need",
    }
    client.post(reverse("wagtailsnippets_quizzes_quizoverride:add"), form)
    override = QuizOverride.objects.get()
    hers.refresh_from_db()
    his.refresh_from_db()
    assert hers.deadline == hers.started_at + timedelta(minutes=30)
    assert his.deadline == his.started_at + timedelta(minutes=10)
    edit = reverse("wagtailsnippets_quizzes_quizoverride:edit", args=[override.pk])
    client.post(edit, {**form, "time_limit_minutes": "20"})
    hers.refresh_from_db()
    assert hers.deadline == hers.started_at + timedelta(minutes=20)
    client.post(reverse("wagtailsnippets_quizzes_quizoverride:delete", args=[override.pk]))
    assert not QuizOverride.objects.exists()
    hers.refresh_from_db()
    assert hers.deadline == hers.started_at + timedelta(minutes=10)
