import pytest
from django.contrib.auth.models import Group

from accounts.models import Employment
from registry.models import AccountKind, Network
from registry.rules import REGISTRY_EDITORS
from registry.services import account_build, account_register


@pytest.fixture
def editor(make_user):
    user = make_user("editor", full_name="Registry Editor")
    user.groups.add(Group.objects.get(name=REGISTRY_EDITORS))
    return user


@pytest.fixture
def regional_editor(make_user, organizations):
    """A registry editor working in the Tashkent region's administration."""
    user = make_user("regional-editor")
    user.groups.add(Group.objects.get(name=REGISTRY_EDITORS))
    Employment.objects.create(user=user, organization=organizations["tashkent-region"])
    return user


@pytest.fixture
def networks(db):
    return {network.code: network for network in Network.objects.all()}


@pytest.fixture
def register_account(organizations, networks, editor):
    """Puts an account straight into the register (as an import does)."""

    def register(text, *, network="telegram", org="mininfo", name="Axborot agentligi", **extra):
        account = account_build(
            organization=organizations[org],
            network=networks[network],
            text=text,
            display_name=name,
            kind=extra.pop("kind", AccountKind.BODY),
            evidence=extra.pop("evidence", "Buyruq No. 12, 2024-03-01"),
        )
        return account_register(account=account, editor=editor)

    return register
