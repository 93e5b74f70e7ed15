"""Two requests submitting the same attempt at once (a double click, two tabs): one grading.

Not a django_db test: the threads need committed rows (see the committed_database fixture)."""

import time
from decimal import Decimal

import pytest
from django.db import connection
from wagtail.models import Locale

from accounts.models import User
from quizzes import attempts
from quizzes.models import Attempt, Question, QuestionCategory, Quiz, QuizSlot
from tests.concurrency import run_at_once


def test_two_concurrent_submits_give_one_graded_attempt(committed_database):
    with committed_database():
        if connection.vendor == "sqlite":
            pytest.skip("SQLite serialises writers; the race needs PostgreSQL")
        category = QuestionCategory.objects.create(key="race-bank", name="Race")
        question = Question.objects.create(
            category=category,
            locale=Locale.get_default(),
            qtype="single_choice",
            text="Race?",
            answers=[
                ("choice", {"text": "Yes", "fraction": Decimal(100), "feedback": ""}),
                ("choice", {"text": "No", "fraction": Decimal(0), "feedback": ""}),
            ],
        )
        quiz = Quiz(title="Race quiz", locale=Locale.get_default())
        quiz.slots.add(QuizSlot(question=question, points=Decimal(1)))
        quiz.save()
        user = User.objects.create_user(username="quiz-racer", email="quiz-racer@example.uz")
        attempt = attempts.attempt_start(quiz=quiz, user=user)
        row = attempt.questions.get()
        right = next(c["id"] for c in row.snapshot["choices"] if c["text"] == "Yes")
        attempts.answer_save(attempt=attempt, responses={1: {"choice": right}})
        # Slow every grading down so that the two transactions overlap.
        original = attempts._submit_locked
        calls = []

        def slow_submit(locked, **kwargs):
            calls.append(locked.pk)
            time.sleep(0.3)
            return original(locked, **kwargs)

        attempts._submit_locked = slow_submit

        def submit():
            fresh = Attempt.objects.get(pk=attempt.pk)
            return attempts.attempt_submit(attempt=fresh).finished_at

        try:
            results, errors = run_at_once(submit)
            assert errors == []
            assert calls == [attempt.pk]  # graded once
            assert len(set(results)) == 1
            finished = Attempt.objects.get(pk=attempt.pk)
            assert finished.state == "finished" and finished.points == 1
            assert Attempt.objects.filter(user=user).count() == 1
        finally:
            attempts._submit_locked = original
            Attempt.objects.filter(user=user).delete()
            quiz.delete()
            question.delete()
            category.delete()
            user.delete()
            connection.close()
