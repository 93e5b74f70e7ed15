"""An organisation marks that it uses a playbook (in any of the playbook's languages).

Raises ``PermissionDenied`` or ``ValidationError`` with the messages below.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import Employment

from .models import Adoption, PlaybookPage

MESSAGE_NO_ORGANIZATION = _("Only civil servants with a current position can mark this.")
MESSAGE_NOT_YOUR_ORGANIZATION = _("Choose one of your own organisations.")


@transaction.atomic
def adoption_toggle(*, user, playbook: PlaybookPage, organization_id: int | None = None) -> bool:
    """Mark (or unmark) that the user's organisation uses this playbook; True when marked."""
    organizations = list(
        Employment.objects.current()
        .filter(user=user)
        .values_list("organization_id", flat=True)
        .distinct()
    )
    if not organizations:
        raise PermissionDenied(MESSAGE_NO_ORGANIZATION)
    if organization_id is None:
        organization_id = organizations[0]
    if organization_id not in organizations:
        raise ValidationError(MESSAGE_NOT_YOUR_ORGANIZATION, code="not_your_organization")
    existing = Adoption.objects.filter(
        playbook__translation_key=playbook.translation_key, organization_id=organization_id
    )
    if existing.exists():
        existing.delete()
        return False
    try:
        with transaction.atomic():
            Adoption.objects.create(
                playbook=playbook, organization_id=organization_id, marked_by=user
            )
    except IntegrityError:
        pass
    return True
