"""Reads behind the acknowledgement report: per organisation of the coordinator's subtree, how
many people must acknowledge a code's version in effect, how many did, how many are overdue; and
the people behind the figures, for the screen and the CSV/XLSX export.

Scope as for courses' compliance report: superusers see everything; anyone else with the
"see who acknowledged the codes" permission sees the subtrees they coordinate. Figures are one
GROUP BY over the current requirement rows (nothing loops over people), so the number of
queries does not grow with organisations, codes or people.
"""

import datetime

from django.db.models import Case, CharField, Count, Q, Value, When
from django.db.models.functions import Substr
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


def rows_in_scope(*, roots, code_id: int | None = None, organization=None):
    rows = AcknowledgementRequirement.objects.filter(current=True)
    if code_id:
        rows = rows.filter(code_id=code_id)
    if organization is not None:
        rows = rows.filter(organization__path__startswith=organization.path)
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


def figures_by_organization(
    *, roots, code_id=None, organization=None, today: datetime.date | None = None
) -> list:
    """[{organization, code, assigned, acknowledged, overdue, pending}] ordered by organisation
    and code: one query."""
    today = today or timezone.localdate()
    rows = (
        rows_in_scope(roots=roots, code_id=code_id, organization=organization)
        .values(
            "organization_id",
            "organization__name",
            "organization__path",
            "code_id",
            "code__title",
            "version__number",
        )
        .annotate(**_counts(today))
        .order_by("organization__path", "code__title", "version__number")
    )
    result = list(rows)
    for row in result:
        row["rate"] = round(100 * row["acknowledged"] / row["assigned"], 1)
    return result


def _counts(today) -> dict:
    return {
        "assigned": Count("pk"),
        "acknowledged": Count("pk", filter=status_q(ACKNOWLEDGED, today)),
        "overdue": Count("pk", filter=status_q(OVERDUE, today)),
        "pending": Count("pk", filter=status_q(PENDING, today)),
    }


def figures_for_level(*, roots, report, today: datetime.date) -> list[dict]:
    """The codes beside the courses on one level of courses' compliance report: for each
    organisation row of `report` (its children, and "directly in it"), per code, the people
    bound, acknowledged, overdue and still to acknowledge, rolled up through the tree by path
    prefix like the courses' figures. One query."""
    organization = report.organization
    steplen = Organization.steplen
    rows = rows_in_scope(roots=roots, organization=organization)
    if organization is not None:
        key = Substr("organization__path", 1, (organization.depth + 1) * steplen)
    elif roots is None:
        key = Substr("organization__path", 1, steplen)
    elif roots:
        key = Case(
            *[
                When(organization__path__startswith=root.path, then=Value(root.path))
                for root in roots
            ],
            default=Value(""),
            output_field=CharField(),
        )
    else:
        return []
    grouped = (
        rows.annotate(prefix=key)
        .values("prefix", "code__title", "version__number")
        .annotate(**_counts(today))
        .order_by("code__title")
    )
    by_prefix: dict[str, list[dict]] = {}
    for item in grouped:
        item["rate"] = round(100 * item["acknowledged"] / item["assigned"], 1)
        by_prefix.setdefault(item.pop("prefix"), []).append(item)
    level = [(row.organization, row.direct) for row in report.rows]
    if (
        organization is not None
        and organization.path in by_prefix
        and not any(direct for _org, direct in level)
    ):
        # People directly in the organisation bound by a code, though by no course.
        level.insert(0, (organization, True))
    return [
        {"organization": org, "direct": direct, **item}
        for org, direct in level
        for item in by_prefix.get(org.path, ())
    ]


def people_rows(*, roots, code_id=None, organization=None, today: datetime.date | None = None):
    """Each current requirement with its learner, organisation, code, version and status."""
    today = today or timezone.localdate()
    return (
        rows_in_scope(roots=roots, code_id=code_id, organization=organization)
        .select_related("user", "organization", "code", "version")
        .annotate(status=status_expression(today))
        .order_by("organization__path", "user__full_name", "code__title", "pk")
    )
