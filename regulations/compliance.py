"""Reads behind the acknowledgement report: per organisation of the coordinator's subtree, how
many people must acknowledge a code's version in effect, how many did, how many are overdue; and
the people behind the figures, for the screen and the CSV/XLSX export.

Scope as for courses' compliance report: superusers see everything; anyone else with the
"see who acknowledged the codes" permission sees the subtrees they coordinate. Figures are one
GROUP BY over the current requirement rows (nothing loops over people), so the number of
queries does not grow with organisations, codes or people.
"""

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from accounts.models import Organization
from accounts.roles import coordinated_root_list

from .models import AcknowledgementRequirement, CodePage
from .selectors import ACKNOWLEDGED, OVERDUE, PENDING, status_expression, status_q

PERMISSION = "regulations.view_code_compliance"


def scope_roots(user) -> list[Organization] | None:
    """The tops of the subtrees the user may see; None means everything (superusers)."""
    if user.is_superuser:
        return None
    if not user.has_perm(PERMISSION):
        return []
    return coordinated_root_list(user)


def rows_in_scope(*, roots, code_id: int | None = None):
    rows = AcknowledgementRequirement.objects.filter(current=True)
    if code_id:
        rows = rows.filter(code_id=code_id)
    if roots is None:
        return rows
    q = Q(pk__in=[])
    for root in roots:
        q |= Q(organization__path__startswith=root.path)
    return rows.filter(q)


def code_choices(*, roots) -> list[CodePage]:
    """The codes assigned within the scope (one query)."""
    code_ids = rows_in_scope(roots=roots).values("code_id")
    return list(CodePage.objects.filter(pk__in=code_ids).order_by("title"))


def figures_by_organization(*, roots, code_id=None, today: datetime.date | None = None) -> list:
    """[{organization, code, assigned, acknowledged, overdue, pending}] ordered by organisation
    and code: one query."""
    today = today or timezone.localdate()
    rows = (
        rows_in_scope(roots=roots, code_id=code_id)
        .values(
            "organization_id",
            "organization__name",
            "organization__path",
            "code_id",
            "code__title",
            "version__number",
        )
        .annotate(
            assigned=Count("pk"),
            acknowledged=Count("pk", filter=status_q(ACKNOWLEDGED, today)),
            overdue=Count("pk", filter=status_q(OVERDUE, today)),
            pending=Count("pk", filter=status_q(PENDING, today)),
        )
        .order_by("organization__path", "code__title", "version__number")
    )
    result = list(rows)
    for row in result:
        row["rate"] = round(100 * row["acknowledged"] / row["assigned"], 1)
    return result


def people_rows(*, roots, code_id=None, today: datetime.date | None = None):
    """Each current requirement with its learner, organisation, code, version and status."""
    today = today or timezone.localdate()
    return (
        rows_in_scope(roots=roots, code_id=code_id)
        .select_related("user", "organization", "code", "version")
        .annotate(status=status_expression(today))
        .order_by("organization__path", "user__full_name", "code__title", "pk")
    )
