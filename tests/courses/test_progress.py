import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from courses import services
from courses.models import Audience, CompletionRule, Enrolment, LessonCompletion
from courses.rules import course_open_to
from courses.signals import course_completed

from .conftest import lessons_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed_signals():
    received = []

    def receiver(sender, enrolment, user, course, **kwargs):
        received.append((user.pk, course.pk))

    course_completed.connect(receiver)
    yield received
    course_completed.disconnect(receiver)


def test_enrolment_happens_once(make_course, make_user):
    course, user = make_course(), make_user()
    first = services.enrolment_create(user=user, course=course)
    second = services.enrolment_create(user=user, course=course)
    assert first.pk == second.pk
    assert Enrolment.objects.count() == 1


def test_completing_every_lesson_completes_the_course_once(
    make_course, make_user, completed_signals, django_capture_on_commit_callbacks
):
    course, user = make_course(lessons=3), make_user()
    lessons = lessons_of(course)
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in lessons[:2]:
            enrolment = services.lesson_complete(user=user, lesson=lesson)
        assert not enrolment.is_complete
        enrolment = services.lesson_complete(user=user, lesson=lessons[2])
        # A double submit of the last lesson neither duplicates nor re-completes.
        services.lesson_complete(user=user, lesson=lessons[2])
    assert enrolment.is_complete
    assert LessonCompletion.objects.filter(user=user).count() == 3
    assert completed_signals == [(user.pk, course.pk)]
    assert Enrolment.objects.get(user=user).last_lesson_id == lessons[2].pk


def test_share_of_lessons_rule_rounds_up(make_course, make_user):
    course = make_course(
        lessons=3, completion_rule=CompletionRule.PERCENT_OF_LESSONS, completion_percent=50
    )
    assert course.required_lesson_count(3) == 2
    assert course.required_lesson_count(4) == 2
    assert course.required_lesson_count(0) == 0
    user = make_user()
    first, second, _third = lessons_of(course)
    assert not services.lesson_complete(user=user, lesson=first).is_complete
    assert services.lesson_complete(user=user, lesson=second).is_complete


def test_unpublished_lessons_do_not_count(make_course, make_user):
    course, user = make_course(lessons=3), make_user()
    first, second, third = lessons_of(course)
    third.unpublish()
    services.lesson_complete(user=user, lesson=first)
    assert services.lesson_complete(user=user, lesson=second).is_complete
    with pytest.raises(ValidationError):
        services.lesson_complete(user=user, lesson=third)


def test_course_for_civil_servants_is_closed_to_citizens(make_course, make_user, civil_servant):
    course = make_course(audience=Audience.CIVIL_SERVANTS)
    citizen = make_user("citizen")
    assert not course_open_to(citizen, course)
    with pytest.raises(ValidationError) as raised:
        services.enrolment_create(user=citizen, course=course)
    assert raised.value.messages == [str(services.MESSAGE_COURSE_CLOSED)]
    assert not Enrolment.objects.exists()
    assert course_open_to(civil_servant, course)


@pytest.mark.parametrize(
    ("audience", "anonymous", "citizen"),
    [
        (Audience.PUBLIC, True, True),
        (Audience.BOTH, True, True),
        (Audience.CIVIL_SERVANTS, False, False),
    ],
)
def test_who_may_open_a_course(make_course, make_user, audience, anonymous, citizen):
    course = make_course(audience=audience, lessons=0)
    assert course_open_to(AnonymousUser(), course) is anonymous
    assert course_open_to(make_user("citizen"), course) is citizen
