"""What the home page offers from courses (``core.home.HOME_SECTION_HOOK``): the reader's
required training first, then the courses anyone may take without an account."""

from django.utils import timezone
from django.utils.translation import get_language

from core.home import HomeSection

from .assignments.selectors import required_course_list_for_user
from .models import Audience, CoursePage


def required_training_section(request) -> HomeSection | None:
    """A signed-in civil servant with required courses not yet done sees them (and the nearest
    due date) before anything else."""
    if not request.user.is_authenticated:
        return None
    open_rows = [
        row for row in required_course_list_for_user(user=request.user) if row.status != "completed"
    ]
    if not open_rows:
        return None
    nearest = min(open_rows, key=lambda row: row.due_on)
    return HomeSection(
        template="courses/home/required.html",
        context={
            "count": len(open_rows),
            "nearest": nearest,
            "days_left": (nearest.due_on - timezone.localdate()).days,
        },
        order=10,
    )


def public_courses_section(request) -> HomeSection | None:
    """The live public courses in the reader's language (at most three), for visitors."""
    language = (get_language() or "").split("-")[0]
    courses = list(
        CoursePage.objects.live()
        .filter(audience__in=[Audience.PUBLIC, Audience.BOTH], locale__language_code=language)
        .order_by("path")[:3]
    )
    if not courses:
        return None
    return HomeSection(
        template="courses/home/public_courses.html", context={"courses": courses}, order=60
    )
