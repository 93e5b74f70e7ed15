from .attempts import Attempt, AttemptQuestion
from .bank import Question, QuestionCategory
from .quizzes import Quiz, QuizSlot

__all__ = ["Attempt", "AttemptQuestion", "Question", "QuestionCategory", "Quiz", "QuizSlot"]
