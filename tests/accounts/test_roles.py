"""Who is who: the questions every app asks accounts.roles."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.models import Employment
from accounts.roles import (
    coordinated_organization_list,
    coordinated_root_list,
    user_is_civil_servant,
)

pytestmark = pytest.mark.django_db


def test_a_civil_servant_has_a_current_employment(make_user, organizations):
    citizen, servant, former = make_user("citizen"), make_user("servant"), make_user("former")
    Employment.objects.create(user=servant, organization=organizations["chirchiq"])
    Employment.objects.create(
        user=former,
        organization=organizations["angren"],
        started_on=datetime.date(2020, 1, 1),
        ended_on=datetime.date(2021, 1, 1),
    )

    assert not user_is_civil_servant(AnonymousUser())
    assert not user_is_civil_servant(citizen)
    assert user_is_civil_servant(servant)
    assert not user_is_civil_servant(former)


def test_coordinated_roots_are_the_tops_of_the_subtrees(make_user, organizations):
    user = make_user("coordinator")
    for code in ("chirchiq", "tashkent-region", "mininfo"):
        Employment.objects.create(user=user, organization=organizations[code], is_coordinator=True)

    tops = coordinated_root_list(user)

    assert sorted(org.code for org in tops) == ["mininfo", "tashkent-region"]
    assert set(coordinated_organization_list(user).values_list("code", flat=True)) == {
        "mininfo",
        "tashkent-region",
        "chirchiq",
        "angren",
    }


def test_an_employment_without_the_coordinator_mark_coordinates_nothing(make_user, organizations):
    user = make_user("clerk")
    Employment.objects.create(user=user, organization=organizations["tashkent-region"])

    assert coordinated_root_list(user) == []
    assert not coordinated_organization_list(user).exists()
