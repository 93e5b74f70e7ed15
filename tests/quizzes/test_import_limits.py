"""Issue 15, item 12: a GIFT $CATEGORY name longer than the column is refused with its line,
and nothing is imported (SQLite would have stored it; PostgreSQL fails mid-import)."""

import pytest

from quizzes.importing import ImportFailed, questions_import
from quizzes.models import Question, QuestionCategory
from tests.quizzes.conftest import uz

pytestmark = pytest.mark.django_db


def test_a_category_name_longer_than_the_column_is_refused():
    text = f"$CATEGORY: {'x' * 300}\n\n::q::Text {{=a ~b}}\n"
    with pytest.raises(ImportFailed) as failure:
        questions_import(text=text, format="gift")
    assert failure.value.errors == [
        (3, uz("The category name is longer than %(max)s characters.", max=200))
    ]
    assert not Question.objects.exists() and not QuestionCategory.objects.exists()


def test_a_long_path_with_a_short_last_name_is_fine():
    text = f"$CATEGORY: {'deep/' * 80}ethics\n\n::q::Text {{=a ~b}}\n"
    (question,) = questions_import(text=text, format="gift")
    assert question.category.name == "ethics"
