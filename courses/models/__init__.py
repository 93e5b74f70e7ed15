from .assignments import (
    ReminderSent,
    RequiredCourse,
    RequiredCourseStatus,
    SubtreeAssignment,
    TrainingAssignment,
    TrainingException,
)
from .choices import Audience, CompletionRule
from .manual import ManualCompletion
from .pages import CourseIndexPage, CoursePage, CourseTopic, LessonPage
from .placements import QuizPlacement
from .progress import Enrolment, LessonCompletion

__all__ = [
    "Audience",
    "CompletionRule",
    "CourseIndexPage",
    "CoursePage",
    "CourseTopic",
    "Enrolment",
    "LessonCompletion",
    "LessonPage",
    "ManualCompletion",
    "QuizPlacement",
    "ReminderSent",
    "RequiredCourse",
    "RequiredCourseStatus",
    "SubtreeAssignment",
    "TrainingAssignment",
    "TrainingException",
]
