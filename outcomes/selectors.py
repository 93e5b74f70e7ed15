"""Reads: the measured course of a course page, a form's headlines, a person's participation."""

from courses.models import Enrolment

from .models import Headline, MeasuredCourse, Participation, Phase, Sitting
from .scoring import Scores, scores_of

SESSION_KEY = "outcomes.participations"


def measured_course_for(course) -> MeasuredCourse | None:
    """The measured course of any language version of ``course``."""
    return (
        MeasuredCourse.objects.filter(course__translation_key=course.translation_key)
        .select_related("instrument")
        .first()
    )


def measured_course_get(key: str) -> MeasuredCourse | None:
    return MeasuredCourse.objects.filter(key=key).select_related("instrument", "course").first()


def headline_list(measured: MeasuredCourse, form: str) -> list[Headline]:
    return list(Headline.objects.filter(instrument_id=measured.instrument_id, form=form))


def participation_for(request, measured: MeasuredCourse) -> Participation | None:
    """The reader's participation: their account's, or the one their session holds."""
    if request.user.is_authenticated:
        return Participation.objects.filter(measured_course=measured, user=request.user).first()
    token = request.session.get(SESSION_KEY, {}).get(str(measured.pk))
    if not token:
        return None
    return Participation.objects.filter(
        measured_course=measured, token=token, user__isnull=True
    ).first()


def participation_by_token(token: str) -> Participation | None:
    return (
        Participation.objects.filter(token=token, simulated=False)
        .select_related("measured_course__course", "user")
        .first()
    )


def scores_by_phase(participation: Participation) -> dict[str, Scores]:
    return {
        sitting.phase: scores_of(sitting)
        for sitting in Sitting.objects.filter(participation=participation)
    }


PHASES = [Phase.PRE, Phase.POST, Phase.RETENTION]


def dashboard_test_list(user) -> list[dict]:
    """For the learner's dashboard: the test after a measured course they completed and have not
    taken yet, and the results of the tests they took (a few queries, whatever they did)."""
    measured_courses = list(MeasuredCourse.objects.select_related("course"))
    if not measured_courses:
        return []
    keys = {m.course.translation_key: m for m in measured_courses}
    completed = set(
        Enrolment.objects.filter(
            user=user, completed_at__isnull=False, course__translation_key__in=keys
        ).values_list("course__translation_key", flat=True)
    )
    taken = {
        p.measured_course_id: p
        for p in Participation.objects.filter(user=user).prefetch_related("sittings")
    }
    rows = []
    for measured in measured_courses:
        participation = taken.get(measured.pk)
        phases = {s.phase for s in participation.sittings.all()} if participation else set()
        course = measured.course.localized
        if measured.course.translation_key in completed and Phase.POST not in phases:
            rows.append({"course": course, "kind": "post", "key": measured.key})
        elif phases:
            rows.append({"course": course, "kind": "result", "token": participation.token})
    return rows
