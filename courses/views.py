from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import services
from .assignments.selectors import required_course_list_for_user
from .assignments.services import recertification_start
from .dashboard import dashboard_panel_list
from .models import CoursePage, LessonPage, RequiredCourse
from .rules import course_open_to
from .selectors import dashboard_get
from .session_progress import session_lesson_complete
from .signals import fact_check_answered
from .team import is_line_manager, team_rows


def _live_or_404(model, pk):
    return get_object_or_404(model.objects.live(), pk=pk)


@require_POST
def enrol_view(request, course_id):
    course = _live_or_404(CoursePage, course_id)
    outline_start = course.lessons().first()
    if not request.user.is_authenticated:
        if not course.is_public:
            return redirect_to_login(course.url)
        # Visitors read public courses without enrolling; progress stays in their session.
        return redirect(outline_start.url if outline_start else course.url)
    try:
        services.enrolment_create(user=request.user, course=course)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(course.url)
    messages.success(request, _("You are enrolled. Good luck!"))
    return redirect(outline_start.url if outline_start else course.url)


@require_POST
def lesson_complete_view(request, lesson_id):
    lesson = _live_or_404(LessonPage, lesson_id)
    course = lesson.course
    if not course_open_to(request.user, course):
        raise Http404
    if request.user.is_authenticated:
        try:
            enrolment = services.lesson_complete(user=request.user, lesson=lesson, course=course)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect(lesson.url)
        course_done = enrolment.is_complete
    elif lesson.has_quiz:
        # As for accounts: passing the quiz, not a button, completes a lesson with a quiz.
        messages.error(request, str(services.MESSAGE_PASS_THE_QUIZ))
        return redirect(lesson.url)
    elif lesson.activity_message is not None:
        messages.error(request, str(lesson.activity_message))
        return redirect(lesson.url)
    else:
        session_lesson_complete(request.session, course_id=course.pk, lesson_id=lesson.pk)
        course_done = False
    next_lesson = course.lessons().filter(path__gt=lesson.path).first()
    if course_done:
        messages.success(request, _("Course complete. Well done!"))
        return redirect(course.url)
    if next_lesson is not None:
        return redirect(next_lesson.url)
    return redirect(course.url)


@require_POST
def fact_check_answer_view(request, lesson_id, block_id):
    """A learner's verdict on one fact check: announced (``fact_check_answered``: outcomes records
    it), then shown on the lesson as before (``?verdict-<block id>=``), other answers kept."""
    lesson = _live_or_404(LessonPage, lesson_id)
    if not course_open_to(request.user, lesson.course):
        raise Http404
    block = next(
        (b for b in lesson.body if b.block_type == "fact_check" and b.id == block_id), None
    )
    if block is None:
        raise Http404
    name = f"verdict-{block_id}"
    answer = block.value.answer_for(request.POST.get(name))
    if answer is None:
        return HttpResponseBadRequest(_("Choose one of the verdicts."))
    fact_check_answered.send(
        sender=LessonPage,
        request=request,
        lesson=lesson,
        block_id=block_id,
        chosen=answer.chosen,
        is_correct=answer.is_correct,
    )
    kept = [
        (key, value)
        for key, values in request.POST.lists()
        if key.startswith("verdict-") and key != name
        for value in values
        if value
    ]
    query = urlencode([*kept, (name, answer.chosen)])
    return redirect(f"{lesson.url}?{query}#fact-check-{block_id}")


@never_cache
@login_required
def dashboard_view(request):
    required = required_course_list_for_user(user=request.user)
    return render(
        request,
        "courses/dashboard.html",
        {
            "dashboard": dashboard_get(request=request, required=required),
            "panels": dashboard_panel_list(request),
            "required_courses": required,
        },
    )


@require_POST
@login_required
def recertification_start_view(request, required_course_id):
    """Take an expired required course again (the learner's own rows only)."""
    row = get_object_or_404(RequiredCourse, pk=required_course_id, user=request.user)
    try:
        enrolment = recertification_start(user=request.user, required_course=row)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("dashboard")
    messages.success(request, _("The course starts again. Good luck!"))
    return redirect(enrolment.course.url)


@never_cache
@login_required
def team_view(request):
    """A line manager's read-only report of their people's required training (no admin access
    needed); anyone else is not a manager and gets 404."""
    if not is_line_manager(request.user):
        raise Http404
    return render(request, "courses/team.html", {"rows": team_rows(manager=request.user)})
