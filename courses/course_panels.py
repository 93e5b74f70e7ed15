"""Panels that apps above courses show on a course page, between its progress and its lessons.

Courses own the page; an app with something to offer a learner of one course (outcomes: the
optional test before the first lesson and the test after the last) registers a function with
``@hooks.register(COURSE_PANEL_HOOK)`` in its ``wagtail_hooks.py``. The function takes
``(course, request, outline)`` (``outline`` is the reader's ``CourseOutline``, already read) and
returns a ``CoursePanel``, or None to show nothing.
"""

from dataclasses import dataclass, field

from wagtail import hooks

COURSE_PANEL_HOOK = "register_course_panel"


@dataclass(frozen=True)
class CoursePanel:
    # Rendered with the panel's context as ``panel`` (e.g. ``panel.start_url``).
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


def course_panel_list(*, course, request, outline) -> list[CoursePanel]:
    panels = (
        panel_for(course, request, outline) for panel_for in hooks.get_hooks(COURSE_PANEL_HOOK)
    )
    return sorted((panel for panel in panels if panel is not None), key=lambda p: p.order)
