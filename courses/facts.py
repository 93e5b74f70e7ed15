"""What a course page states before a learner starts: required for them and by when, whether it
ends in a test, and what it awards.

Courses state what they know (the reader's required-course row, the lessons with a quiz); an app
above courses adds its own facts by registering a function with
``@hooks.register(COURSE_FACT_HOOK)``: it takes ``(course, request)`` and returns a
``CourseFact`` or None (certificates: "ends with a certificate"). Each fact costs one query.
"""

from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail import hooks

from .models.assignments import RequiredCourse

COURSE_FACT_HOOK = "register_course_fact"


@dataclass(frozen=True)
class CourseFact:
    text: str
    # A CSS modifier: "required", "overdue", "test", "certificate".
    kind: str = ""


def _required_fact(course, user) -> CourseFact | None:
    if not user.is_authenticated:
        return None
    row = (
        RequiredCourse.objects.filter(user=user, course__translation_key=course.translation_key)
        .order_by("due_on")
        .first()
    )
    if row is None:
        return None
    if row.completed_at is not None:
        return CourseFact(_("Required for you: completed."), "required")
    days = (row.due_on - timezone.localdate()).days
    date = formats.date_format(row.due_on, "DATE_FORMAT")
    if days < 0:
        return CourseFact(
            ngettext(
                "Required for you: it was due on %(date)s (%(days)d day ago).",
                "Required for you: it was due on %(date)s (%(days)d days ago).",
                -days,
            )
            % {"date": date, "days": -days},
            "overdue",
        )
    return CourseFact(
        ngettext(
            "Required for you: complete it by %(date)s (%(days)d day left).",
            "Required for you: complete it by %(date)s (%(days)d days left).",
            days,
        )
        % {"date": date, "days": days},
        "required",
    )


def course_fact_list(*, course, lessons, request) -> list[CourseFact]:
    """The facts to show on the course page; ``lessons`` are its live lessons (already read)."""
    facts = []
    required = _required_fact(course, request.user)
    if required is not None:
        facts.append(required)
    if lessons and lessons[-1].has_quiz:
        facts.append(CourseFact(_("Ends with a test: pass it to complete the course."), "test"))
    elif any(lesson.has_quiz for lesson in lessons):
        facts.append(CourseFact(_("Includes a test: pass it to complete its lesson."), "test"))
    for fact_for in hooks.get_hooks(COURSE_FACT_HOOK):
        fact = fact_for(course, request)
        if fact is not None:
            facts.append(fact)
    return facts
