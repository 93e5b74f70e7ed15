"""What happens before a lesson page is served: who may read it, and the reader's progress.

Registered as Wagtail's ``before_serve_page`` hook (wagtail_hooks.py), so the page model only
describes content. Previews do not pass through here (Wagtail serves them without the hook).
"""

from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.template.response import TemplateResponse

from . import services
from .models import LessonPage
from .rules import course_open_to
from .session_progress import session_lesson_visit


def lesson_serve_check(page, request, serve_args, serve_kwargs) -> HttpResponse | None:
    """A closed course sends visitors to sign in and tells signed-in readers why (403);
    otherwise the visit is recorded (the account's progress, or the visitor's session if it
    already holds progress) and Wagtail serves the lesson."""
    if not isinstance(page, LessonPage):
        return None
    course = page.course
    if not course_open_to(request.user, course):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return TemplateResponse(
            request, "courses/course_closed.html", {"page": page, "course": course}, status=403
        )
    if request.user.is_authenticated:
        services.lesson_visit(user=request.user, lesson=page, course=course)
    elif not request.session.is_empty():
        session_lesson_visit(request.session, course_id=course.pk, lesson_id=page.pk)
    return None
