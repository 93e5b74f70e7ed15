"""The register's pages: public browsing, the check, open data, reports, proposals and review.

Views are thin: forms read input, ``selectors`` read, ``services`` write, ``rules`` decide.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Organization
from core import exports, ratelimit

from . import rules, selectors, services
from .forms import CheckForm, ProposeForm, ReportForm, ResolveForm, ReviewForm, StatusForm
from .models import Account, ImpostorReport, Network, RegisterSnapshot
from .presenters import check_data, verdict_message

PAGE_SIZE = 50
CHECK_LIMIT = (60, 60)  # requests per address per minute
EXPORT_LIMIT = (30, 60)
BROWSE_LIMIT = (120, 60)  # register, organisation and account pages
REPORT_LIMIT = (5, 3600)  # reports per address per hour


def _render(request, template: str, context: dict, **kwargs):
    """render() with what the register's navigation shows to this visitor."""
    context = {
        **context,
        "registry_can_propose": rules.can_propose_anywhere(request.user),
        "registry_can_review": rules.can_review(request.user),
    }
    return render(request, template, context, **kwargs)


def _limited(request, scope: str, limit: tuple[int, int]) -> bool:
    count, window = limit
    return not ratelimit.hit(
        scope, ratelimit.client_ip(request), limit=count, window_seconds=window
    )


def _too_many(request, *, as_json: bool = False):
    message = _("Too many requests from your address. Please wait a minute and try again.")
    if as_json:
        return JsonResponse({"error": message}, status=429)
    return _render(request, "registry/too_many.html", {"message": message}, status=429)


@require_GET
def register_view(request):
    if _limited(request, "registry-browse", BROWSE_LIMIT):
        return _too_many(request)
    q = request.GET.get("q", "").strip()[:200]
    network = request.GET.get("network", "")
    region = request.GET.get("region", "")
    rows = selectors.account_list(q=q, network=network, region=region)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode({k: v for k, v in (("q", q), ("network", network), ("region", region)) if v})
    return _render(
        request,
        "registry/register.html",
        {
            "page": page,
            "query": query + "&" if query else "",
            "q": q,
            "network": network,
            "region": region,
            "networks": selectors.approved_network_list(),
            "regions": selectors.region_list(),
            "organizations": selectors.organization_children_list(),
            "check_form": CheckForm(),
        },
    )


@require_GET
def organization_view(request, code):
    if _limited(request, "registry-browse", BROWSE_LIMIT):
        return _too_many(request)
    organization = get_object_or_404(Organization, code=code)
    return _render(
        request,
        "registry/organization.html",
        {
            "organization": organization,
            "ancestors": organization.get_ancestors(),
            "children": selectors.organization_children_list(organization),
            "accounts": selectors.account_list(organization=organization),
        },
    )


@require_GET
def account_view(request, pk):
    if _limited(request, "registry-browse", BROWSE_LIMIT):
        return _too_many(request)
    account = selectors.account_get(pk)
    if account is None:
        raise Http404
    page_url = request.build_absolute_uri(reverse("registry:account", args=[account.pk]))
    return _render(
        request,
        "registry/account.html",
        {
            "account": account,
            "events": account.events.all(),
            "page_url": page_url,
            "badge_url": request.build_absolute_uri(reverse("registry:badge", args=[account.pk])),
            "can_review": rules.can_review_organization(request.user, account.organization),
            "status_form": StatusForm(),
        },
    )


@never_cache
@require_GET
def check_view(request):
    form = CheckForm(request.GET or None)
    result = None
    if form.is_valid() and form.cleaned_data["q"]:
        if _limited(request, "registry-check", CHECK_LIMIT):
            return _too_many(request)
        result = selectors.account_check(form.cleaned_data["q"])
    return _render(
        request,
        "registry/check.html",
        {
            "form": form,
            "result": result,
            "message": verdict_message(result) if result else "",
            "report_url": reverse("registry:report")
            + "?"
            + urlencode({"text": result.query if result else ""}),
        },
    )


@never_cache
@require_GET
def check_json_view(request):
    q = request.GET.get("q", "").strip()
    if not q:
        return JsonResponse({"error": _("Give the link or handle in the q parameter.")}, status=400)
    if _limited(request, "registry-check", CHECK_LIMIT):
        return _too_many(request, as_json=True)
    data = check_data(selectors.account_check(q), request)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def networks_view(request):
    return _render(
        request,
        "registry/networks.html",
        {"networks": Network.objects.all()},
    )


@require_GET
def export_view(request, export_format):
    if _limited(request, "registry-export", EXPORT_LIMIT):
        return _too_many(request)
    if export_format == "json":
        document = selectors.register_document(timezone.localdate())
        response = JsonResponse(document, json_dumps_params={"ensure_ascii": False})
        response["Content-Disposition"] = (
            f'attachment; filename="{exports.dated_filename("official-accounts", "json")}"'
        )
        return response
    return exports.spreadsheet_response(
        exports.spreadsheet_cells(selectors.register_rows()),
        export_format=export_format,
        stem="official-accounts",
        sheet_title="Official accounts",
    )


@require_GET
def archive_view(request):
    return _render(request, "registry/archive.html", {"snapshots": selectors.snapshot_list()})


@require_GET
def snapshot_view(request, date):
    try:
        day = datetime.date.fromisoformat(date)
    except ValueError as error:
        raise Http404 from error
    snapshot = get_object_or_404(RegisterSnapshot, taken_on=day)
    response = JsonResponse(snapshot.document, json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="official-accounts-{date}.json"'
    return response


@require_GET
def badge_view(request, pk):
    """The badge a body puts on its site; it turns red once the account is suspended or closed,
    so an old badge never vouches for a dead account."""
    account = get_object_or_404(Account.objects.public().select_related("organization"), pk=pk)
    label = (
        _("Verified in the register")
        if account.is_official
        else _("Not active: check the register")
    )
    response = render(
        request,
        "registry/badge.svg",
        {
            "account": account,
            "label": label,
            "official": account.is_official,
            "colour": "#1d6b34" if account.is_official else "#a4161a",
        },
        content_type="image/svg+xml",
    )
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=600"
    return response


@never_cache
def report_view(request):
    if request.method == "POST":
        form = ReportForm(request.POST)
        if form.is_valid():
            if _limited(request, "registry-report", REPORT_LIMIT):
                return _too_many(request)
            if not form.cleaned_data["website"]:
                try:
                    services.report_submit(
                        text=form.cleaned_data["text"], note=form.cleaned_data["note"]
                    )
                except ValidationError as error:
                    form.add_error(None, error)
            if not form.errors:
                messages.success(
                    request,
                    _("Thank you. The registry editors will look at this account."),
                )
                return redirect("registry:check")
    else:
        form = ReportForm(initial={"text": request.GET.get("text", "")[:500]})
    return _render(request, "registry/report.html", {"form": form})


@never_cache
@login_required
def propose_view(request):
    organizations = rules.proposable_organization_list(request.user)
    if not organizations.exists():
        raise PermissionDenied
    form = ProposeForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.account_propose(
                proposer=request.user,
                organization=data["organization"],
                network=data["network"],
                text=data["text"],
                display_name=data["display_name"],
                kind=data["kind"],
                evidence=data["evidence"],
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Proposed. A registry editor will review it."))
            return redirect("registry:propose")
    return _render(
        request,
        "registry/propose.html",
        {"form": form, "proposals": selectors.proposals_of(request.user)[:50]},
    )


def _form_errors(form, error: ValidationError) -> None:
    """A service's errors on the fields they name (the rest above the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _editor_only(request):
    if not rules.can_review(request.user):
        raise PermissionDenied


@never_cache
@login_required
def review_view(request):
    _editor_only(request)
    scope = rules.reviewable_organization_list(request.user)
    return _render(
        request,
        "registry/review.html",
        {
            "proposals": selectors.proposal_list(scope),
            "reports": selectors.report_queue(scope),
            "review_form": ReviewForm(),
            "resolve_form": ResolveForm(),
        },
    )


@login_required
@require_POST
def review_decide_view(request, pk):
    _editor_only(request)
    account = get_object_or_404(Account, pk=pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose approve or reject."))
        return redirect("registry:review")
    decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
    try:
        if decision == "approve":
            services.account_approve(editor=request.user, account=account, note=note)
            messages.success(request, _("Approved: the account is in the register."))
        else:
            services.account_reject(editor=request.user, account=account, note=note)
            messages.success(request, _("Rejected."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("registry:review")
    return redirect("registry:review")


@login_required
@require_POST
def status_change_view(request, pk):
    _editor_only(request)
    account = get_object_or_404(Account, pk=pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.account_status_change(
                editor=request.user,
                account=account,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("The status is changed and kept in the history."))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    else:
        messages.error(request, _("Choose a status and give the reason."))
    return redirect("registry:account", pk=account.pk)


@login_required
@require_POST
def report_resolve_view(request, pk):
    _editor_only(request)
    report = get_object_or_404(ImpostorReport, pk=pk)
    form = ResolveForm(request.POST)
    if form.is_valid():
        try:
            services.report_resolve(
                editor=request.user,
                report=report,
                status=form.cleaned_data["status"],
                outcome=form.cleaned_data["outcome"],
            )
            messages.success(request, _("The report is closed."))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    else:
        messages.error(request, _("Choose an outcome and say what was done."))
    return redirect("registry:review")
