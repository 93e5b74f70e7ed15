from .assignments import ReminderSent, RequiredCourse, RequiredCourseStatus, TrainingAssignment
from .pages import Audience, CompletionRule, CourseIndexPage, CoursePage, CourseTopic, LessonPage
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
    "ReminderSent",
    "RequiredCourse",
    "RequiredCourseStatus",
    "TrainingAssignment",
]
