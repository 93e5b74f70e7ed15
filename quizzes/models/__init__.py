from .attempts import Attempt, AttemptQuestion
from .bank import Question, QuestionCategory
from .marks import MarkChange
from .overrides import QuizOverride
from .quizzes import Quiz, QuizSlot

__all__ = [
    "Attempt",
    "AttemptQuestion",
    "MarkChange",
    "Question",
    "QuestionCategory",
    "Quiz",
    "QuizOverride",
    "QuizSlot",
]
