"""Who may read and take a course."""

from __future__ import annotations

from typing import TYPE_CHECKING

from accounts.roles import user_is_civil_servant, user_is_staff

if TYPE_CHECKING:  # the page models read their outlines through this module's callers
    from .models.pages import CoursePage


def course_open_to(user, course: CoursePage) -> bool:
    """Public courses are open to everyone, with or without an account; courses for civil
    servants to people with a current employment and to staff (who author and review them)."""
    if course.is_public:
        return True
    return user.is_authenticated and (user_is_civil_servant(user) or user_is_staff(user))
