"""The tests a learner takes (before the course, after it, four weeks later) and their result."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from courses.outlines import course_outline_get
from courses.rules import course_open_to

from . import services
from .models import FormOrder, Phase
from .rules import participation_owned_by, post_test_open, pre_test_open, retention_test_open
from .selectors import (
    headline_list,
    measured_course_get,
    participation_by_token,
    participation_for,
    scores_by_phase,
)


def _answers(request, headlines) -> dict[int, bool] | None:
    said = {h.pk: request.POST.get(f"h-{h.pk}") for h in headlines}
    if any(value not in ("real", "fake") for value in said.values()):
        return None
    return {pk: value == "real" for pk, value in said.items()}


def _test_page(request, *, measured, course, phase, form_order, headlines, error="", status=200):
    return render(
        request,
        "outcomes/test.html",
        {
            "measured": measured,
            "course": course,
            "phase": phase,
            "form_order": form_order,
            "headlines": [(h, h.text_in(request.LANGUAGE_CODE)) for h in headlines],
            "error": error,
        },
        status=status,
    )


@never_cache
def course_test_view(request, key, phase):
    """The test before the course (optional, with a consent line and a skip button) or after it
    (once the course is complete)."""
    measured = measured_course_get(key)
    if measured is None or phase not in (Phase.PRE, Phase.POST):
        raise Http404
    course = measured.course.localized.specific
    if not course.live or not course_open_to(request.user, course):
        raise Http404
    outline = course_outline_get(course=course, request=request)
    participation = participation_for(request, measured)
    if phase == Phase.PRE:
        is_open = pre_test_open(participation, lessons_done=outline.progress.done_count)
    else:
        is_open = post_test_open(participation, course_complete=outline.progress.is_complete)
    if not is_open:
        if participation is not None and participation.sittings.exists():
            return redirect("outcomes:result", participation.token)
        messages.info(request, _("This test is not open to you now."))
        return redirect(course.url)

    next_url = outline.first_lesson.url if outline.first_lesson else course.url
    if request.method == "POST" and phase == Phase.PRE and "skip" in request.POST:
        services.pre_test_skip(request, measured, participation)
        return redirect(next_url)

    if participation is not None:
        form_order = participation.form_order
    else:
        posted = request.POST.get("order")
        form_order = posted if posted in FormOrder.values else services.form_order_next(measured)
    form = form_order[0] if phase == Phase.PRE else form_order[1]
    headlines = headline_list(measured, form)
    if request.method != "POST":
        return _test_page(
            request,
            measured=measured,
            course=course,
            phase=phase,
            form_order=form_order,
            headlines=headlines,
        )
    said_real = _answers(request, headlines)
    if said_real is None:
        return _test_page(
            request,
            measured=measured,
            course=course,
            phase=phase,
            form_order=form_order,
            headlines=headlines,
            error=str(services.MESSAGE_ANSWER_EVERY_HEADLINE),
            status=400,
        )
    if participation is None:
        participation = services.participation_start(
            request, measured, pre_skipped=phase == Phase.POST, form_order=form_order
        )
    try:
        services.sitting_record(participation=participation, phase=phase, said_real=said_real)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(course.url)
    if phase == Phase.PRE:
        messages.success(request, _("Thank you. Now the course: good luck!"))
        return redirect(next_url)
    return redirect("outcomes:result", participation.token)


def _own_participation(request, token):
    participation = participation_by_token(token)
    if participation is None or not participation_owned_by(participation, request.user):
        raise Http404
    return participation


@never_cache
def retention_view(request, token):
    """The test four weeks after the course, from the link kept or e-mailed."""
    participation = _own_participation(request, token)
    if not retention_test_open(participation):
        return redirect("outcomes:result", token)
    measured = participation.measured_course
    course = measured.course.localized.specific
    headlines = headline_list(measured, participation.form_for(Phase.RETENTION))
    if request.method == "POST":
        said_real = _answers(request, headlines)
        if said_real is not None:
            try:
                services.sitting_record(
                    participation=participation, phase=Phase.RETENTION, said_real=said_real
                )
            except ValidationError as error:
                messages.error(request, error.messages[0])
            return redirect("outcomes:result", token)
        return _test_page(
            request,
            measured=measured,
            course=course,
            phase=Phase.RETENTION,
            form_order=participation.form_order,
            headlines=headlines,
            error=str(services.MESSAGE_ANSWER_EVERY_HEADLINE),
            status=400,
        )
    return _test_page(
        request,
        measured=measured,
        course=course,
        phase=Phase.RETENTION,
        form_order=participation.form_order,
        headlines=headlines,
    )


@never_cache
def result_view(request, token):
    """The learner's own scores and how they changed; the link to keep for the last test."""
    participation = _own_participation(request, token)
    scores = scores_by_phase(participation)
    rows = [(phase, scores.get(phase.value)) for phase in (Phase.PRE, Phase.POST, Phase.RETENTION)]
    pre, post = scores.get(Phase.PRE), scores.get(Phase.POST)
    later = scores.get(Phase.RETENTION)
    change = post.discernment - pre.discernment if pre and post else None
    return render(
        request,
        "outcomes/result.html",
        {
            "participation": participation,
            "course": participation.measured_course.course.localized.specific,
            "rows": rows,
            "change": change,
            "change_abs": abs(change) if change is not None else None,
            "later_change": later.discernment - pre.discernment if pre and later else None,
            "retention_open": retention_test_open(participation),
            "keep_url": request.build_absolute_uri(request.path),
        },
    )
