"""The acknowledgement report in the Wagtail admin ("Codes: compliance"): figures per
organisation of the coordinator's subtree and the people behind them, with CSV/XLSX export."""

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core.exports import FORMATS, spreadsheet_cells, spreadsheet_response
from core.parsing import parse_id
from courses.compliance import organization_in_scope

from .compliance import PERMISSION, code_choices, figures_by_organization, people_rows, scope_roots
from .selectors import STATUS_LABELS

PEOPLE_PER_PAGE = 50


def _code_id(request, codes) -> int | None:
    code_id = parse_id(request.GET.get("code", ""))
    return code_id if any(code.pk == code_id for code in codes) else None


def _export_rows(rows):
    yield [
        _("Name"),
        _("E-mail"),
        _("Organisation"),
        _("Code of conduct"),
        _("Version"),
        _("Due date"),
        _("Status"),
        _("Acknowledged at"),
    ]
    yield from spreadsheet_cells(
        (
            row.user.get_full_name(),
            row.user.email,
            row.organization.name,
            row.code.title,
            row.version.number,
            row.due_on,
            str(STATUS_LABELS[row.status]),
            timezone.localtime(row.acknowledged_at) if row.acknowledged_at else None,
        )
        for row in rows.iterator(chunk_size=1000)
    )


@never_cache
def code_compliance_view(request):
    user = request.user
    if not (user.is_superuser or user.has_perm(PERMISSION)):
        raise PermissionDenied
    roots = scope_roots(user)
    codes = code_choices(roots=roots)
    code_id = _code_id(request, codes)
    organization = None
    if request.GET.get("organization"):
        organization_id = parse_id(request.GET["organization"])
        if organization_id is None:
            raise Http404
        # Outside the user's subtrees: not found, as in courses' report.
        organization = organization_in_scope(roots=roots, organization_id=organization_id)
    today = timezone.localdate()
    rows = people_rows(roots=roots, code_id=code_id, organization=organization, today=today)
    if request.GET.get("export") in FORMATS:
        return spreadsheet_response(
            _export_rows(rows),
            export_format=request.GET.get("export"),
            stem="codes-acknowledgements",
            sheet_title=_("Acknowledgements"),
        )
    page = Paginator(rows, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "regulations/admin/compliance.html",
        {
            "codes": codes,
            "code_id": code_id,
            "figures": figures_by_organization(
                roots=roots, code_id=code_id, organization=organization, today=today
            ),
            "organization": organization,
            "page": page,
            "status_labels": STATUS_LABELS,
            "query": urlencode(
                {
                    key: value
                    for key, value in (
                        ("code", code_id),
                        ("organization", organization and organization.pk),
                    )
                    if value
                }
            ),
        },
    )
