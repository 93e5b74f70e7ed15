"""Read-only queries behind the compliance report, its exports and the coordinators' digest.

Figures roll up through the organisation tree by materialised path: a required course counts for
every organisation whose path is a prefix of its organisation's path. One level of the report
(the children of an organisation, with "directly in it") is one GROUP BY over the path prefix of
that level's length, with conditional counts per status; nothing loops over people.

Scope: superusers see every organisation; anyone else with the "see the compliance report"
permission sees the subtrees they coordinate (accounts.roles), and nothing else: organisations
outside are not found (404), not merely hidden.
"""

import datetime
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Case, CharField, Count, Q, Value, When
from django.db.models.functions import Substr
from django.http import Http404
from django.utils import timezone
from wagtail import hooks

from accounts.models import Organization
from accounts.roles import coordinated_root_list

from .assignments.selectors import status_expression, status_q
from .models import (
    CoursePage,
    RequiredCourse,
    RequiredCourseStatus,
    TrainingAssignment,
    TrainingException,
)

ORGANIZATIONS_PER_PAGE = 50
PEOPLE_PER_PAGE = 50
TIMELINE_MONTHS = 12


@dataclass
class ComplianceFilters:
    course_id: int | None = None
    due_from: datetime.date | None = None
    due_to: datetime.date | None = None
    organization_id: int | None = None
    status: str = ""

    def rows_q(self) -> Q:
        q = Q()
        if self.course_id:
            q &= Q(course_id=self.course_id)
        if self.due_from:
            q &= Q(due_on__gte=self.due_from)
        if self.due_to:
            q &= Q(due_on__lte=self.due_to)
        return q


FIGURE_NAMES = (
    "assigned",
    "completed",
    "in_progress",
    "overdue",
    "not_started",
    "extended",
    "exempted",
    "exempted_compliant",
)


@dataclass
class Figures:
    assigned: int = 0
    completed: int = 0
    in_progress: int = 0
    overdue: int = 0
    not_started: int = 0
    extended: int = 0
    exempted: int = 0
    # Exempted where the assignment counts exemptions as compliant.
    exempted_compliant: int = 0

    @property
    def compliant(self) -> int:
        return self.completed + self.exempted_compliant

    @property
    def rate(self) -> float:
        """Compliance rate in per cent: completed, plus exempted where the assignment allows
        it (0 when nothing is assigned)."""
        return round(100 * self.compliant / self.assigned, 1) if self.assigned else 0.0

    def add(self, other: "Figures") -> None:
        for name in FIGURE_NAMES:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class ComplianceRow:
    organization: Organization
    figures: Figures
    direct: bool = False  # the people directly in the current organisation, not below it
    has_children: bool = False


@dataclass
class ComplianceReport:
    organization: Organization | None  # the level shown; None: the top of the user's scope
    ancestors: list[Organization]
    rows: list[ComplianceRow]
    page: object
    totals: Figures
    timeline: list[tuple[datetime.date, int]]
    filters: ComplianceFilters
    courses: list[CoursePage] = field(default_factory=list)


# Sections of other apps beside the courses ------------------------------------------------------

# Apps above courses with requirements of their own (regulations: codes to acknowledge) show them
# beside the courses on the same level of the report: ``@hooks.register(COMPLIANCE_SECTION_HOOK)``
# on ``fn(*, user, report, roots, today) -> ComplianceSection | None``. The section gets the
# level being shown (``report.organization`` and ``report.rows``), so its figures follow the same
# drill-down; it should cost a fixed number of queries.
COMPLIANCE_SECTION_HOOK = "register_compliance_section"


@dataclass(frozen=True)
class ComplianceSection:
    template: str
    context: dict = field(default_factory=dict)


def compliance_section_list(*, user, report, roots, today=None) -> list[ComplianceSection]:
    today = today or timezone.localdate()
    sections = (
        section_for(user=user, report=report, roots=roots, today=today)
        for section_for in hooks.get_hooks(COMPLIANCE_SECTION_HOOK)
    )
    return [section for section in sections if section is not None]


# Scope ------------------------------------------------------------------------------------------


def scope_roots(user) -> list[Organization] | None:
    """The tops of the subtrees the user may see; None means everything (superusers). The tops,
    not every organisation in them, are the report's first level and its path-prefix filters."""
    if user.is_superuser:
        return None
    if not user.has_perm("courses.view_compliance_report"):
        return []
    return coordinated_root_list(user)


def _in_roots_q(roots: list[Organization] | None, prefix: str = "") -> Q:
    if roots is None:
        return Q()
    q = Q(pk__in=[])
    for root in roots:
        q |= Q(**{prefix + "path__startswith": root.path})
    return q


def organization_in_scope(*, roots, organization_id) -> Organization:
    """The organisation if the user may see it, else 404 (never a hint that it exists)."""
    organization = (
        Organization.objects.filter(_in_roots_q(roots), pk=organization_id).first()
        if roots != []
        else None
    )
    if organization is None:
        raise Http404
    return organization


def rows_in_scope(*, roots, organization: Organization | None, filters: ComplianceFilters):
    rows = RequiredCourse.objects.filter(filters.rows_q())
    if organization is not None:
        return rows.filter(organization__path__startswith=organization.path)
    if roots == []:
        return rows.none()
    return rows.filter(_in_roots_q(roots, "organization__"))


def _figures_annotations(today) -> dict:
    exempt = status_q(RequiredCourseStatus.EXEMPT, today)
    return {
        "assigned": Count("pk"),
        "completed": Count("pk", filter=status_q(RequiredCourseStatus.COMPLETED, today)),
        "in_progress": Count("pk", filter=status_q(RequiredCourseStatus.IN_PROGRESS, today)),
        "overdue": Count("pk", filter=status_q(RequiredCourseStatus.OVERDUE, today)),
        "not_started": Count("pk", filter=status_q(RequiredCourseStatus.NOT_STARTED, today)),
        "extended": Count("pk", filter=status_q(RequiredCourseStatus.EXTENDED, today)),
        "exempted": Count("pk", filter=exempt),
        "exempted_compliant": Count(
            "pk", filter=exempt & Q(assignment__exemption_counts_as_compliant=True)
        ),
    }


def _figures_by_prefix(rows, *, length=None, organizations=(), today) -> dict[str, Figures]:
    """Figures per organisation path prefix, in one query: the prefix of `length` characters
    (one level of the tree), or else the path of whichever of `organizations` contains the
    row (a coordinator's tops, which may lie at different depths)."""
    if length is not None:
        key = Substr("organization__path", 1, length)
    else:
        key = Case(
            *[
                When(organization__path__startswith=org.path, then=Value(org.path))
                for org in organizations
            ],
            default=Value(""),
            output_field=CharField(),
        )
    grouped = (
        rows.annotate(prefix=key)
        .values("prefix")
        .annotate(**_figures_annotations(today))
        .order_by()
    )
    return {item.pop("prefix"): Figures(**item) for item in grouped}


def _level(roots, organization):
    """The organisations listed at this level, as a queryset ordered by name."""
    if organization is not None:
        return Organization.objects.filter(
            path__startswith=organization.path, depth=organization.depth + 1
        )
    if roots is None:
        return Organization.objects.filter(depth=1)
    return Organization.objects.filter(pk__in=[root.pk for root in roots])


_UNSET = object()


def _scope(*, user, filters: ComplianceFilters, roots):
    """The user's scope roots (unless already known) and the chosen organisation within them."""
    if roots is _UNSET:
        roots = scope_roots(user)
    organization = (
        organization_in_scope(roots=roots, organization_id=filters.organization_id)
        if filters.organization_id
        else None
    )
    return roots, organization


def compliance_report_get(
    *, user, filters: ComplianceFilters, page_number=1, today=None, roots=_UNSET, courses=None
) -> ComplianceReport:
    """One level of the report: a fixed number of queries whatever the number of people.
    `roots` (scope_roots) and `courses` (course_choices) may be passed in when already known."""
    today = today or timezone.localdate()
    roots, organization = _scope(user=user, filters=filters, roots=roots)
    ancestors = []
    if organization is not None:
        ancestor_paths = [
            organization.path[:end]
            for end in range(Organization.steplen, len(organization.path), Organization.steplen)
        ]
        ancestors = list(
            Organization.objects.filter(_in_roots_q(roots), path__in=ancestor_paths).order_by(
                "depth"
            )
        )
    level = _level(roots, organization).order_by("name", "pk")
    page = Paginator(level, ORGANIZATIONS_PER_PAGE).get_page(page_number)
    page_organizations = list(page.object_list)
    rows = rows_in_scope(roots=roots, organization=organization, filters=filters)

    steplen = Organization.steplen
    if organization is not None:
        # Children group under their own paths, people directly in it under its path.
        by_prefix = _figures_by_prefix(rows, length=(organization.depth + 1) * steplen, today=today)
    elif roots is None:
        by_prefix = _figures_by_prefix(rows, length=steplen, today=today)
    elif page_organizations:
        by_prefix = _figures_by_prefix(rows, organizations=roots, today=today)
    else:
        by_prefix = {}
    totals = Figures()
    for prefix, figures in by_prefix.items():
        if prefix:
            totals.add(figures)
    result_rows = [
        ComplianceRow(
            organization=org,
            figures=by_prefix.get(org.path, Figures()),
            has_children=org.numchild > 0,
        )
        for org in page_organizations
    ]
    if organization is not None and organization.path in by_prefix:
        result_rows.insert(
            0,
            ComplianceRow(
                organization=organization, figures=by_prefix[organization.path], direct=True
            ),
        )
    return ComplianceReport(
        organization=organization,
        ancestors=ancestors,
        rows=result_rows,
        page=page,
        totals=totals,
        timeline=completion_timeline(rows=rows, today=today),
        filters=filters,
        courses=course_choices(user=user, roots=roots) if courses is None else courses,
    )


def completion_timeline(*, rows, today) -> list[tuple[datetime.date, int]]:
    """Completions per month over the last TIMELINE_MONTHS months, oldest first: one aggregate
    with a conditional count per month (plain comparisons with the months' local boundaries,
    which indexes and every database handle, unlike truncating each row's timestamp)."""
    months = [today.replace(day=1)]
    for _month in range(TIMELINE_MONTHS - 1):
        months.insert(0, (months[0] - datetime.timedelta(days=1)).replace(day=1))
    bounds = [
        timezone.make_aware(datetime.datetime.combine(month, datetime.time.min))
        for month in [*months, (months[-1] + datetime.timedelta(days=32)).replace(day=1)]
    ]
    counts = rows.filter(completed_at__gte=bounds[0], completed_at__lt=bounds[-1]).aggregate(
        **{
            f"m{number}": Count(
                "pk",
                filter=Q(completed_at__gte=bounds[number], completed_at__lt=bounds[number + 1]),
            )
            for number in range(len(months))
        }
    )
    return [(month, counts[f"m{number}"]) for number, month in enumerate(months)]


def course_choices(*, user, roots) -> list[CoursePage]:
    """The courses assigned anywhere in the user's scope, for the course filter."""
    assignments = TrainingAssignment.objects.all()
    if roots is not None:
        assignments = assignments.filter(_in_roots_q(roots, "organization__"))
    return list(
        CoursePage.objects.filter(pk__in=assignments.values("course_id"))
        .order_by("title")
        .only("pk", "title")
    )


def organization_choices(*, roots) -> list[tuple[int, str]]:
    """The organisations in the user's scope, in tree order and indented, for the filter."""
    organizations = Organization.objects.order_by("path").values_list("pk", "name", "depth")
    if roots is not None:
        organizations = organizations.filter(_in_roots_q(roots))
    return [(pk, "\u2003" * (depth - 1) + name) for pk, name, depth in organizations]


def compliance_totals(*, user, filters: ComplianceFilters, today=None) -> Figures:
    """The user's whole scope in one aggregate (the coordinators' digest)."""
    today = today or timezone.localdate()
    roots = scope_roots(user) if not user.is_superuser else None
    rows = rows_in_scope(roots=roots, organization=None, filters=filters)
    return Figures(**rows.aggregate(**_figures_annotations(today)))


def compliance_level_all(
    *, user, filters: ComplianceFilters, today=None, roots=_UNSET
) -> ComplianceReport:
    """Every organisation of the level (no paging), for the export."""
    if roots is _UNSET:
        roots = scope_roots(user)
    report = compliance_report_get(
        user=user, filters=filters, page_number=1, today=today, roots=roots, courses=[]
    )
    if report.page.paginator.num_pages > 1:
        # Rare: over 50 organisations at one level. Aggregate the rest page by page.
        for number in range(2, report.page.paginator.num_pages + 1):
            more = compliance_report_get(
                user=user, filters=filters, page_number=number, today=today, roots=roots, courses=[]
            )
            report.rows.extend(row for row in more.rows if not row.direct)
    return report


# People ---------------------------------------------------------------------------------------


def people_rows(*, user, filters: ComplianceFilters, today=None, roots=_UNSET):
    """The required courses in the chosen organisation's subtree (the whole scope when none),
    with their status, for the drill-down and the people export."""
    today = today or timezone.localdate()
    roots, organization = _scope(user=user, filters=filters, roots=roots)
    rows = rows_in_scope(roots=roots, organization=organization, filters=filters)
    if filters.status in RequiredCourseStatus.values:
        rows = rows.filter(status_q(filters.status, today))
    return organization, rows.annotate(status=status_expression(today))


def people_page_get(*, user, filters: ComplianceFilters, page_number=1, today=None, roots=_UNSET):
    organization, rows = people_rows(user=user, filters=filters, today=today, roots=roots)
    rows = rows.select_related("user", "course", "organization").order_by(
        "organization__path", "user__full_name", "user_id", "course_id"
    )
    return organization, Paginator(rows, PEOPLE_PER_PAGE).get_page(page_number)


# Exceptions -----------------------------------------------------------------------------------


def exception_rows(*, user, filters: ComplianceFilters, roots=_UNSET):
    """The extensions and exemptions granted in the chosen organisation's subtree (the whole
    scope when none), newest first: the audit trail and its export."""
    roots, organization = _scope(user=user, filters=filters, roots=roots)
    rows = TrainingException.objects.all()
    if filters.course_id:
        rows = rows.filter(course_id=filters.course_id)
    if organization is not None:
        rows = rows.filter(organization__path__startswith=organization.path)
    elif roots == []:
        rows = rows.none()
    else:
        rows = rows.filter(_in_roots_q(roots, "organization__"))
    return organization, rows.select_related("user", "course", "organization", "created_by")
