"""Question banks in nested categories: GIFT “$CATEGORY: a/b/c” keeps the path, random slots may
include subcategories or draw by tag, exporting a category exports its subcategories with their
paths."""

import random

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from quizzes.attempts import MESSAGE_NO_QUESTIONS, attempt_start
from quizzes.formats import gift
from quizzes.importing import questions_export, questions_import
from quizzes.models import Question, QuestionCategory, QuizSlot

pytestmark = pytest.mark.django_db

BANK = """$CATEGORY: $course$/top/Ethics

::e1:: Is the channel official? {T}

$CATEGORY: $course$/top/Ethics/Replies

::r1:: Reply within three days? {T}

$CATEGORY: $course$/top/Ethics/Replies/Complaints

::c1:: A complaint is answered by the press secretary. {T}

::c2:: A complaint may be ignored. {F}
"""


def test_import_keeps_the_path_as_nested_categories():
    questions_import(text=BANK, format="gift")
    complaints = Question.objects.get(name="c1").category
    assert complaints.path() == "Ethics/Replies/Complaints"
    replies = complaints.parent
    assert (replies.name, replies.parent.name, replies.parent.parent) == ("Replies", "Ethics", None)
    assert Question.objects.get(name="r1").category == replies
    # Importing again files the questions in the same categories.
    questions_import(text=BANK, format="gift")
    assert QuestionCategory.objects.count() == 3
    assert Question.objects.filter(category=complaints).count() == 4


def test_random_slots_draw_from_subcategories_only_when_asked(make_user, make_quiz):
    questions_import(text=BANK, format="gift")
    ethics = QuestionCategory.objects.get(name="Ethics")
    learner = make_user("learner")
    alone = make_quiz(random_from=(ethics, 10), title="Ethics only")
    attempt = attempt_start(quiz=alone, user=learner, rng=random.Random(1))
    assert [row.snapshot["name"] for row in attempt.questions.all()] == ["e1"]
    nested = make_quiz(random_from=(ethics, 10), title="Ethics and below")
    slot = nested.slots.get()
    slot.include_subcategories = True
    slot.save()
    attempt = attempt_start(quiz=nested, user=learner, rng=random.Random(1))
    assert sorted(row.snapshot["name"] for row in attempt.questions.all()) == [
        "c1",
        "c2",
        "e1",
        "r1",
    ]
    replies = QuestionCategory.objects.get(name="Replies")
    empty = QuestionCategory.objects.create(key="empty", name="Empty", parent=replies)
    nothing = make_quiz(random_from=(empty, 3), title="Empty")
    slot = nothing.slots.get()
    slot.include_subcategories = True
    slot.save()
    with pytest.raises(ValidationError) as refused:
        attempt_start(quiz=nothing, user=learner)
    assert refused.value.messages == [str(MESSAGE_NO_QUESTIONS)]


def test_exporting_a_category_exports_its_subcategories_with_their_paths():
    questions_import(text=BANK, format="gift")
    replies = QuestionCategory.objects.get(name="Replies")
    text = questions_export(category_key=replies.key, format="gift")
    parsed = gift.parse(text)
    assert [(question.name, question.category) for question in parsed] == [
        ("r1", "Ethics/Replies"),
        ("c1", "Ethics/Replies/Complaints"),
        ("c2", "Ethics/Replies/Complaints"),
    ]
    assert "e1" not in text
    # Into an empty bank: the same tree comes back.
    Question.objects.all().delete()
    for category in sorted(QuestionCategory.objects.all(), key=lambda c: -len(c.ancestors())):
        category.delete()  # the deepest first: a category with subcategories is protected
    questions_import(text=text, format="gift")
    assert Question.objects.get(name="c2").category.path() == "Ethics/Replies/Complaints"
    assert QuestionCategory.objects.get(name="Ethics").parent is None


def test_a_category_cannot_sit_inside_itself():
    top = QuestionCategory.objects.create(key="top", name="Top")
    below = QuestionCategory.objects.create(key="below", name="Below", parent=top)
    top.parent = below
    with pytest.raises(ValidationError):
        top.full_clean()


def test_random_slots_draw_by_tag_alone_or_within_a_category(make_user, make_question, make_quiz):
    other = QuestionCategory.objects.create(key="other", name="Other")
    tagged = make_question(text="Tagged here")
    tagged.tags.add("complaints")
    tagged.save()
    elsewhere = make_question(text="Tagged elsewhere", category=other)
    elsewhere.tags.add("Complaints")
    elsewhere.save()
    make_question(text="Not tagged")
    learner = make_user("learner")
    anywhere = make_quiz(title="By tag")
    anywhere.slots.add(QuizSlot(tag="complaints", random_count=10, points=1))
    anywhere.save()
    attempt = attempt_start(quiz=anywhere, user=learner)
    assert sorted(row.snapshot["text"] for row in attempt.questions.all()) == [
        "Tagged elsewhere",
        "Tagged here",
    ]
    within = make_quiz(title="By tag in a category")
    within.slots.add(QuizSlot(tag="complaints", category=other, random_count=10, points=1))
    within.save()
    attempt = attempt_start(quiz=within, user=learner)
    assert [row.snapshot["text"] for row in attempt.questions.all()] == ["Tagged elsewhere"]


def test_a_slot_is_a_question_or_a_random_draw(make_question, make_quiz):
    quiz = make_quiz([make_question()])
    with pytest.raises(ValidationError):
        QuizSlot(quiz=quiz, points=1).full_clean()
    QuizSlot(quiz=quiz, tag="complaints", points=1).full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        QuizSlot.objects.create(quiz=quiz, points=1)
