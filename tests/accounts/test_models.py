import datetime

import pytest
from django.db import IntegrityError, transaction

from accounts.models import Employment, Organization, Script, User
from accounts.roles import coordinated_organization_list, user_is_staff

pytestmark = pytest.mark.django_db


def test_user_is_named_by_full_name_and_keeps_language_and_script(make_user):
    user = make_user("bahodir", full_name="Karimov Bahodir Bahromovich")
    assert str(user) == "Karimov Bahodir Bahromovich"
    assert user.get_short_name() == "Karimov"
    assert user.preferred_language == "uz"
    assert user.preferred_script == Script.LATIN


def test_user_without_full_name_falls_back_to_username():
    user = User.objects.create_user(username="anvar", email="a@example.uz")
    assert str(user) == "anvar"


def test_two_users_cannot_share_an_email_in_any_case(make_user):
    make_user("one", email="Press@Example.uz")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(username="two", email="press@example.UZ")


def test_many_users_may_have_no_email():
    User.objects.create_user(username="one", email="")
    User.objects.create_user(username="two", email="")
    assert User.objects.filter(email="").count() == 2


def test_organization_codes_are_unique(organizations):
    with pytest.raises(IntegrityError), transaction.atomic():
        Organization.add_root(code="mininfo", name="Another", kind="agency")


def test_organization_tree_keeps_districts_under_their_region(organizations):
    region = organizations["tashkent-region"]
    assert {child.code for child in region.get_children()} == {"angren", "chirchiq"}
    assert organizations["chirchiq"].get_parent() == region


def test_one_open_employment_per_person_and_organization(make_user, organizations):
    user = make_user()
    Employment.objects.create(user=user, organization=organizations["chirchiq"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Employment.objects.create(user=user, organization=organizations["chirchiq"])
    # A finished job in the same place is history, not a duplicate.
    Employment.objects.create(
        user=user,
        organization=organizations["chirchiq"],
        started_on=datetime.date(2020, 1, 1),
        ended_on=datetime.date(2021, 1, 1),
    )


def test_employment_cannot_end_before_it_starts(make_user, organizations):
    with pytest.raises(IntegrityError), transaction.atomic():
        Employment.objects.create(
            user=make_user(),
            organization=organizations["angren"],
            started_on=datetime.date(2024, 5, 1),
            ended_on=datetime.date(2024, 4, 1),
        )


def test_organization_with_employees_cannot_be_deleted(make_user, organizations):
    Employment.objects.create(user=make_user(), organization=organizations["angren"])
    with pytest.raises(IntegrityError), transaction.atomic():
        organizations["angren"].delete()


def test_current_employments_exclude_ended_and_future(make_user, organizations):
    today = datetime.date.today()
    user = make_user()
    current = Employment.objects.create(user=user, organization=organizations["chirchiq"])
    Employment.objects.create(
        user=user,
        organization=organizations["angren"],
        started_on=today - datetime.timedelta(days=30),
        ended_on=today - datetime.timedelta(days=1),
    )
    Employment.objects.create(
        user=user,
        organization=organizations["mininfo"],
        started_on=today + datetime.timedelta(days=10),
    )
    assert list(Employment.objects.current()) == [current]


def test_coordinator_sees_own_subtree_only(region_coordinator, organizations):
    codes = set(coordinated_organization_list(region_coordinator).values_list("code", flat=True))
    assert codes == {"tashkent-region", "chirchiq", "angren"}


def test_former_coordinator_sees_nothing(region_coordinator):
    Employment.objects.filter(user=region_coordinator).update(
        started_on=datetime.date(2020, 1, 1), ended_on=datetime.date(2021, 1, 1)
    )
    assert not coordinated_organization_list(region_coordinator).exists()


def test_staff_means_admin_access(make_user, region_coordinator):
    assert user_is_staff(region_coordinator)
    assert not user_is_staff(make_user("citizen"))
