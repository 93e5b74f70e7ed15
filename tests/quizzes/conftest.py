import random
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Locale

from quizzes.models import Question, QuestionCategory, Quiz, QuizSlot


def choice(text, fraction=0, feedback=""):
    return ("choice", {"text": text, "fraction": Decimal(fraction), "feedback": feedback})


@pytest.fixture
def category(db):
    return QuestionCategory.objects.create(key="ethics", name="Ethics")


@pytest.fixture
def make_question(category):
    def make(qtype="single_choice", text="Which one?", answers=None, **fields):
        if answers is None and qtype == "single_choice":
            answers = [
                choice("Right answer", 100, "Well done"),
                choice("Wrong answer", 0, "Not this"),
                choice("Other wrong", 0),
            ]
        fields.setdefault("category", category)
        fields.setdefault("locale", Locale.get_default())
        question = Question(qtype=qtype, text=text, answers=answers or [], **fields)
        question.full_clean()
        question.save()
        return question

    return make


@pytest.fixture
def make_quiz(db):
    def make(questions=(), *, random_from=None, points=1, **fields):
        fields.setdefault("title", "Ethics quiz")
        fields.setdefault("locale", Locale.get_default())
        fields.setdefault("shuffle_choices", False)
        quiz = Quiz(**fields)
        for index, question in enumerate(questions):
            quiz.slots.add(QuizSlot(question=question, points=Decimal(points), sort_order=index))
        if random_from is not None:
            category, count = random_from
            quiz.slots.add(
                QuizSlot(
                    category=category, random_count=count, points=Decimal(points), sort_order=99
                )
            )
        quiz.save()
        return quiz

    return make


@pytest.fixture
def rng():
    return random.Random(4366)


def uz(message, /, **params) -> str:
    """A message as the unprefixed (Uzbek) pages show it."""
    with translation.override("uz"):
        text = gettext(message) if isinstance(message, str) else str(message)
    return text % params if params else text


@pytest.fixture(autouse=True)
def _english_for_the_format_tests(request):
    """The GIFT and Aiken tests compare messages with their English text; the quizzes catalogue
    now translates them, and the default language is Uzbek."""
    if request.module.__name__.rsplit(".", 1)[-1] in ("test_gift", "test_aiken"):
        with translation.override("en"):
            yield
    else:
        yield
