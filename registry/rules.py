"""Who may do what in the register (the views, the admin and the tests ask these)."""

from accounts.models import Employment, Organization
from accounts.roles import coordinated_organization_list, coordinated_root_list

REGISTRY_EDITORS = "Registry editors"


def can_review(user) -> bool:
    """Registry editors approve proposals, change statuses and handle citizens' reports."""
    return user.is_authenticated and user.has_perm("registry.review_account")


def _subtrees(organizations):
    subtree = Organization.objects.none()
    for top in organizations:
        subtree = subtree | Organization.objects.filter(
            path__startswith=top.path, depth__gte=top.depth
        )
    return subtree


def reviewable_organization_list(user):
    """The organisations whose accounts and reports an editor handles: the subtrees of the
    organisations the editor works in (a regional editor sees the region), or every
    organisation for an editor of the central register office (no current employment) and a
    superuser."""
    if not can_review(user):
        return Organization.objects.none()
    if user.is_superuser:
        return Organization.objects.all()
    tops = list(
        Organization.objects.filter(
            employments__in=Employment.objects.current().filter(user=user)
        ).distinct()
    )
    return _subtrees(tops).distinct() if tops else Organization.objects.all()


def can_review_organization(user, organization: Organization | None) -> bool:
    """Reports that name no organisation go to every editor."""
    if not can_review(user):
        return False
    if organization is None:
        return True
    return reviewable_organization_list(user).filter(pk=organization.pk).exists()


def proposable_organization_list(user):
    """Where the user may propose accounts: the subtrees they coordinate, plus what they review
    as an editor (everything for a superuser)."""
    if not user.is_authenticated:
        return Organization.objects.none()
    if can_review(user):
        return reviewable_organization_list(user)
    return coordinated_organization_list(user)


def can_propose(user, organization: Organization) -> bool:
    return proposable_organization_list(user).filter(pk=organization.pk).exists()


def can_propose_anywhere(user) -> bool:
    """Shown on every admin page (the menu), so it answers from the cached roles: no query."""
    return user.is_authenticated and (can_review(user) or bool(coordinated_root_list(user)))
