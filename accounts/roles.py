"""The role groups and the questions the rest of the site asks about roles."""

from django.utils.translation import gettext_lazy as _

from .models import Employment, Organization, User

TRAINERS = "Trainers"
METHODOLOGISTS = "Methodologists"
COORDINATORS = "Coordinators"

# Group names are stored in English (they are keys); these are their labels for people.
ROLE_LABELS = {
    TRAINERS: _("Trainers"),
    METHODOLOGISTS: _("Methodologists"),
    COORDINATORS: _("Coordinators"),
}


def user_is_civil_servant(user) -> bool:
    """Anyone with a current employment in an organisation (cached on the user object)."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_is_civil_servant", None)
    if cached is None:
        cached = Employment.objects.current().filter(user=user).exists()
        user._is_civil_servant = cached
    return cached


def user_is_staff(user: User) -> bool:
    """Anyone who can reach the Wagtail admin (trainers, methodologists, coordinators, admins)."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin")


def coordinated_root_list(user: User) -> list[Organization]:
    """The tops of the subtrees the user coordinates (a current employment marked coordinator
    covers its organisation and everything below it), outermost first, none inside another: one
    query, cached on the user object (one request's menu, scope and report share it).
    Superusers are not special here; callers decide what a superuser sees."""
    cached = getattr(user, "_coordinated_roots", None)
    if cached is not None:
        return cached
    roots = list(
        Organization.objects.filter(
            employments__in=Employment.objects.current().filter(user=user, is_coordinator=True)
        )
        .distinct()
        .order_by("path")
    )
    tops = []
    for organization in roots:  # drop organisations inside another coordinated one
        if not any(organization.path.startswith(top.path) for top in tops):
            tops.append(organization)
    user._coordinated_roots = tops
    return tops


def coordinated_organization_list(user: User):
    """The organisations whose subtree the user coordinates (all of them for a superuser)."""
    if user.is_superuser:
        return Organization.objects.all()
    roots = coordinated_root_list(user)
    if not roots:
        return Organization.objects.none()
    subtree = Organization.objects.none()
    for root in roots:
        subtree = subtree | Organization.objects.filter(
            path__startswith=root.path, depth__gte=root.depth
        )
    return subtree.distinct()
