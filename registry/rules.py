"""Who may do what in the register (the views, the admin and the tests ask these)."""

from accounts.models import Organization
from accounts.roles import coordinated_organization_list, coordinated_root_list

REGISTRY_EDITORS = "Registry editors"


def can_review(user) -> bool:
    """Registry editors approve proposals, change statuses and handle citizens' reports."""
    return user.is_authenticated and user.has_perm("registry.review_account")


def proposable_organization_list(user):
    """Where the user may propose accounts: the subtrees they coordinate (everything for an
    editor or a superuser)."""
    if not user.is_authenticated:
        return Organization.objects.none()
    if can_review(user):
        return Organization.objects.all()
    return coordinated_organization_list(user)


def can_propose(user, organization: Organization) -> bool:
    return proposable_organization_list(user).filter(pk=organization.pk).exists()


def can_propose_anywhere(user) -> bool:
    """Shown on every admin page (the menu), so it answers from the cached roles: no query."""
    return user.is_authenticated and (can_review(user) or bool(coordinated_root_list(user)))
