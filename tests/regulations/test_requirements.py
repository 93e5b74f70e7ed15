"""Acknowledgement requirements follow the code's material versions: a material version asks
everyone again (with a due date), an editorial one does not; earlier acknowledgements stay."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import Employment
from regulations.models import (
    Acknowledgement,
    AcknowledgementRequirement,
    ChangeKind,
    CodeAssignment,
)
from regulations.rules import MESSAGE_CHECK_FIRST, MESSAGE_NOT_CURRENT
from regulations.services import (
    acknowledgement_record,
    acknowledgement_requirements_refresh,
    code_assignment_create,
)

from .conftest import DAY, TODAY, V1_SECTIONS

pytestmark = pytest.mark.django_db

V2_SECTIONS = [*V1_SECTIONS, ("Budget", "No personal PR is paid from the budget.")]


def current_rows(user):
    return AcknowledgementRequirement.objects.filter(user=user, current=True)


def test_assigning_a_code_requires_its_version_in_effect(add_version, assign_code, learner):
    v1 = add_version(1)
    assign_code(days=30)
    [row] = current_rows(learner)
    assert row.version == v1
    assert row.acknowledged_at is None
    # Due 30 days after the version took effect (the learner joined long before).
    assert row.due_on == v1.effective_on + 30 * DAY


def test_people_outside_the_subtree_are_not_required(add_version, assign_code, learner):
    add_version(1)
    assign_code(organization="angren")
    assert not current_rows(learner).exists()


def test_a_material_version_requires_acknowledging_again(add_version, assign_code, learner):
    v1 = add_version(1)
    assign_code(days=14)
    acknowledgement_record(user=learner, version=v1)
    assert current_rows(learner).get().acknowledged_at is not None

    v2 = add_version(2, kind=ChangeKind.MATERIAL, sections=V2_SECTIONS, effective_on=TODAY)

    [row] = current_rows(learner)
    assert row.version == v2
    assert row.acknowledged_at is None
    assert row.due_on == TODAY + 14 * DAY
    # The acknowledgement of version 1 stays on record, and so does its met requirement.
    assert Acknowledgement.objects.filter(user=learner, version_number=1).exists()
    old = AcknowledgementRequirement.objects.get(user=learner, version=v1)
    assert old.current is False and old.acknowledged_at is not None


def test_an_editorial_version_does_not(add_version, assign_code, learner):
    v1 = add_version(1)
    assign_code()
    acknowledgement_record(user=learner, version=v1)

    add_version(2, kind=ChangeKind.EDITORIAL, effective_on=TODAY)

    [row] = current_rows(learner)
    assert row.version == v1
    assert row.acknowledged_at is not None
    assert AcknowledgementRequirement.objects.filter(user=learner).count() == 1


def test_acknowledging_an_editorial_version_meets_the_material_one(
    add_version, assign_code, learner
):
    add_version(1)
    assign_code()
    v2 = add_version(2, kind=ChangeKind.EDITORIAL, effective_on=TODAY)
    acknowledgement_record(user=learner, version=v2)
    assert current_rows(learner).get().acknowledged_at is not None


def test_an_unmet_requirement_of_a_replaced_version_is_dropped(add_version, assign_code, learner):
    v1 = add_version(1)
    assign_code()
    add_version(2, sections=V2_SECTIONS, effective_on=TODAY)
    assert not AcknowledgementRequirement.objects.filter(user=learner, version=v1).exists()


def test_a_future_version_is_required_once_in_effect(add_version, assign_code, learner):
    v1 = add_version(1)
    assign_code()
    v2 = add_version(2, sections=V2_SECTIONS, effective_on=TODAY + 5 * DAY)
    assert current_rows(learner).get().version == v1
    acknowledgement_requirements_refresh(today=TODAY + 5 * DAY)
    assert current_rows(learner).get().version == v2


def test_only_the_version_in_effect_can_be_acknowledged(add_version, assign_code, learner):
    v1 = add_version(1)
    add_version(2, sections=V2_SECTIONS, effective_on=TODAY)
    with pytest.raises(ValidationError) as error:
        acknowledgement_record(user=learner, version=v1)
    assert error.value.messages == [str(MESSAGE_NOT_CURRENT)]
    assert not Acknowledgement.objects.exists()


def test_acknowledging_twice_keeps_one_record(add_version, learner):
    v1 = add_version(1)
    first = acknowledgement_record(user=learner, version=v1)
    second = acknowledgement_record(user=learner, version=v1)
    assert first.pk == second.pk
    assert Acknowledgement.objects.count() == 1


def test_a_short_check_must_be_passed_first(add_version, learner, make_quiz_for_check):
    quiz = make_quiz_for_check()
    v1 = add_version(1, check_quiz=quiz)
    with pytest.raises(ValidationError) as error:
        acknowledgement_record(user=learner, version=v1)
    assert error.value.messages == [str(MESSAGE_CHECK_FIRST)]
    now = timezone.now()
    attempt = quiz.attempts.create(
        user=learner, started_at=now, finished_at=now, state="finished", passed=True
    )
    acknowledgement = acknowledgement_record(user=learner, version=v1)
    assert acknowledgement.quiz_attempt == attempt


def test_a_new_employment_brings_the_requirement(
    add_version, assign_code, make_user, organizations
):
    add_version(1)
    assign_code(days=10)
    newcomer = make_user("newcomer")
    Employment.objects.create(user=newcomer, organization=organizations["angren"], started_on=TODAY)
    row = current_rows(newcomer).get()
    assert row.due_on == TODAY + 10 * DAY
    assert row.joined_on == TODAY


def test_positions_limit_who_is_required(add_version, code, organizations, learner, make_user):
    add_version(1)
    press = make_user("press")
    Employment.objects.create(
        user=press,
        organization=organizations["chirchiq"],
        position_title="Press secretary",
        started_on=TODAY - DAY,
    )
    code_assignment_create(
        code=code, organization=organizations["tashkent-region"], positions=["press secretary"]
    )
    acknowledgement_requirements_refresh()
    assert current_rows(press).exists()
    assert not current_rows(learner).exists()


def test_coordinators_assign_only_in_their_subtree(code, organizations, region_coordinator):
    assignment = code_assignment_create(
        code=code, organization=organizations["chirchiq"], created_by=region_coordinator
    )
    assert assignment.pk
    with pytest.raises(PermissionDenied):
        code_assignment_create(
            code=code, organization=organizations["mininfo"], created_by=region_coordinator
        )
    assert CodeAssignment.objects.count() == 1


def test_a_move_inside_the_subtree_keeps_the_joining_date(add_version, assign_code, learner):
    """The same coverage rule as required courses (courses.assignments.coverage)."""
    add_version(1)
    assign_code(days=10)
    employment = Employment.objects.get(user=learner)
    joined = current_rows(learner).get().joined_on
    Employment.objects.filter(pk=employment.pk).update(ended_on=TODAY - DAY)
    Employment.objects.create(
        user=learner,
        organization=employment.organization.get_parent(),
        started_on=TODAY - DAY,
    )
    assert current_rows(learner).get().joined_on == joined


def test_leaving_the_subtree_drops_an_unmet_requirement(add_version, assign_code, learner):
    add_version(1)
    assign_code()
    employment = Employment.objects.get(user=learner)
    employment.ended_on = TODAY
    employment.save()
    assert not AcknowledgementRequirement.objects.filter(user=learner).exists()
