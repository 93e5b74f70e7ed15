"""The demo loader: banks per language tied by question name, quizzes from YAML, idempotent."""

from io import StringIO
from pathlib import Path

import pytest

from quizzes.attempts import attempt_start
from quizzes.demo import load_quizzes
from quizzes.models import Question, Quiz

pytestmark = pytest.mark.django_db
DEMO = Path(__file__).parent / "data" / "demo"


def test_loads_banks_and_quizzes_in_every_language(make_user):
    quizzes = load_quizzes(DEMO, stdout=StringIO())
    assert list(quizzes) == ["sample-check"]
    assert Question.objects.count() == 6
    uz = Question.objects.get(name="sb-water", locale__language_code="uz")
    en = Question.objects.get(name="sb-water", locale__language_code="en")
    assert uz.translation_key == en.translation_key
    assert uz.qtype == "claim_verdict" and en.claim_source.startswith("Anonymous")
    quiz_uz = quizzes["sample-check"]
    quiz_en = Quiz.objects.get(key="sample-check", locale__language_code="en")
    assert quiz_uz.locale.language_code == "uz" and quiz_uz.live
    assert quiz_en.translation_key == quiz_uz.translation_key and quiz_en.title == "Sample check"
    assert quiz_en.time_limit_minutes == 10 and quiz_en.slots.count() == 2
    attempt = attempt_start(quiz=quiz_en, user=make_user("reader"))
    assert attempt.questions.count() == 3
    assert all(row.snapshot["text"][0] in "W“" for row in attempt.questions.all())


def test_running_twice_changes_nothing():
    load_quizzes(DEMO)
    revisions = sum(q.revisions.count() for q in Question.objects.all()) + sum(
        q.revisions.count() for q in Quiz.objects.all()
    )
    out = StringIO()
    load_quizzes(DEMO, stdout=out)
    assert out.getvalue() == ""
    assert Question.objects.count() == 6 and Quiz.objects.count() == 2
    assert revisions == sum(q.revisions.count() for q in Question.objects.all()) + sum(
        q.revisions.count() for q in Quiz.objects.all()
    )
