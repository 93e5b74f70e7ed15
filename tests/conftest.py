import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from accounts.models import Employment, Organization, User
from accounts.roles import COORDINATORS


@pytest.fixture
def organizations(db):
    """A small tree: agency; region → two districts."""
    agency = Organization.add_root(code="mininfo", name="Information Agency", kind="agency")
    region = Organization.add_root(code="tashkent-region", name="Tashkent Region", kind="region")
    chirchiq = region.add_child(code="chirchiq", name="Chirchiq", kind="district")
    angren = region.add_child(code="angren", name="Angren", kind="district")
    return {org.code: org for org in (agency, region, chirchiq, angren)}


@pytest.fixture
def make_user(db):
    def make(username="person", *, password="correct-horse-battery", groups=(), **fields):
        fields.setdefault("email", f"{username}@example.uz")
        fields.setdefault("full_name", username.title())
        user = User.objects.create_user(username=username, password=password, **fields)
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        for name in groups:
            user.groups.add(Group.objects.get(name=name))
        return user

    return make


@pytest.fixture
def region_coordinator(make_user, organizations):
    user = make_user("coordinator", groups=[COORDINATORS])
    Employment.objects.create(
        user=user, organization=organizations["tashkent-region"], is_coordinator=True
    )
    return user
