"""Who may read and take a course."""

from accounts.models import Employment
from accounts.roles import user_is_staff

from .models import CoursePage


def user_is_civil_servant(user) -> bool:
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_is_civil_servant", None)
    if cached is None:
        cached = Employment.objects.current().filter(user=user).exists()
        user._is_civil_servant = cached
    return cached


def course_open_to(user, course: CoursePage) -> bool:
    """Public courses are open to everyone, with or without an account; courses for civil
    servants to people with a current employment and to staff (who author and review them)."""
    if course.is_public:
        return True
    return user.is_authenticated and (user_is_civil_servant(user) or user_is_staff(user))
