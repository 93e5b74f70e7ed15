"""Reads of the register: the public check, the browsable list, exports and the review queues."""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Q

from accounts.models import Organization

from .lookalike import handle_skeleton
from .models import (
    Account,
    AccountStatus,
    ImpostorReport,
    Network,
    RegisterSnapshot,
    ReportStatus,
    Review,
)
from .normalise import Parsed, account_parse

NETWORKS_CACHE_KEY = "registry:networks:v1"
NETWORKS_CACHE_SECONDS = 300
CHECK_MATCH_LIMIT = 10
MIN_SKELETON = 3


class Verdict:
    OFFICIAL = "official"
    INACTIVE = "inactive"  # registered, but suspended or closed
    LOOKALIKE = "lookalike"
    NOT_REGISTERED = "not_registered"
    NETWORK_NOT_APPROVED = "network_not_approved"
    NOT_UNDERSTOOD = "not_understood"


@dataclass
class CheckResult:
    query: str
    verdict: str
    parsed: Parsed | None = None
    matches: list[Account] = field(default_factory=list)  # the account itself
    lookalikes: list[Account] = field(default_factory=list)  # real accounts it resembles


def network_table() -> dict:
    """``{"approved": {code: name}, "hosts": {host: code}}`` of the networks, cached briefly
    (networks change rarely; the check must stay one query on the accounts)."""

    def load():
        approved, hosts = {}, {}
        for network in Network.objects.all():
            if network.is_approved:
                approved[network.code] = network.name
            for host in network.host_list():
                hosts[host.lower()] = network.code
        return {"approved": approved, "hosts": hosts}

    return cache.get_or_set(NETWORKS_CACHE_KEY, load, NETWORKS_CACHE_SECONDS)


def network_table_forget() -> None:
    cache.delete(NETWORKS_CACHE_KEY)


def account_check(text: str) -> CheckResult:
    """Is what a citizen pasted an official account? One indexed query on the accounts: the
    exact canonical handle or the same look-alike skeleton (``lookalike.py``)."""
    from_cache = network_table()
    text = (text or "").strip()[:500]
    parsed = account_parse(text, extra_hosts=from_cache["hosts"])
    if parsed is None:
        return CheckResult(text, Verdict.NOT_UNDERSTOOD)
    handles = [parsed.handle]
    if parsed.network is None:
        handles.append("@" + parsed.handle)  # a bare handle may be a YouTube @handle
    skeleton = handle_skeleton(parsed.handle)
    rows = Account.objects.public().select_related("organization", "network")
    condition = Q(handle__in=handles)
    if len(skeleton) >= MIN_SKELETON:  # "x" or "_" resembles too much to warn about
        condition |= Q(skeleton=skeleton)
    if parsed.network:
        rows = rows.filter(condition, network__code=parsed.network)
    else:
        rows = rows.filter(condition)
    rows = list(rows.order_by("status", "organization__path")[:CHECK_MATCH_LIMIT])
    matches = [a for a in rows if a.handle in handles]
    lookalikes = [a for a in rows if a.handle not in handles and a.status == AccountStatus.ACTIVE]
    if any(a.status == AccountStatus.ACTIVE for a in matches):
        verdict = Verdict.OFFICIAL
    elif matches:
        verdict = Verdict.INACTIVE
    elif lookalikes:
        verdict = Verdict.LOOKALIKE
    elif parsed.network and parsed.network not in from_cache["approved"]:
        verdict = Verdict.NETWORK_NOT_APPROVED
    else:
        verdict = Verdict.NOT_REGISTERED
    return CheckResult(text, verdict, parsed, matches, lookalikes)


def approved_network_list():
    return Network.objects.filter(is_approved=True)


def region_list():
    """Top-level organisations that are regions: the register's "by region" filter."""
    return Organization.objects.filter(depth=1, kind=Organization.Kind.REGION).order_by("name")


def account_list(*, q: str = "", network: str = "", region: str = "", organization=None):
    """The public register, filtered; closed accounts included (they stay findable)."""
    rows = Account.objects.public().select_related("organization", "network")
    if q:
        parsed = account_parse(q)
        condition = Q(display_name__icontains=q) | Q(organization__name__icontains=q)
        if parsed is not None:
            condition |= Q(handle__icontains=parsed.handle)
        rows = rows.filter(condition)
    if network:
        rows = rows.filter(network__code=network)
    if region:
        top = Organization.objects.filter(code=region, depth=1).first()
        rows = rows.filter(organization__path__startswith=top.path) if top else rows.none()
    if organization is not None:
        rows = rows.filter(
            organization__path__startswith=organization.path,
            organization__depth__gte=organization.depth,
        )
    return rows.order_by("organization__path", "network__sort_order", "handle")


def organization_children_list(parent: Organization | None = None):
    """The organisations one level below ``parent`` (the tops of the tree when None), each with
    the number of its own accounts in the register: one query, for browsing the tree."""
    rows = parent.get_children() if parent is not None else Organization.get_root_nodes()
    return rows.annotate(
        account_count=Count("official_accounts", filter=Q(official_accounts__review="approved"))
    ).order_by("name")


def account_get(pk: int) -> Account | None:
    return (
        Account.objects.public()
        .select_related("organization", "network")
        .prefetch_related("events")
        .filter(pk=pk)
        .first()
    )


def proposal_list(organizations):
    """Proposals waiting, of the given organisations (an editor's scope, ``rules``)."""
    return (
        Account.objects.filter(review=Review.PROPOSED, organization__in=organizations)
        .select_related("organization", "network", "proposed_by")
        .order_by("created_at")
    )


def proposals_of(user):
    return (
        Account.objects.filter(proposed_by=user)
        .select_related("organization", "network")
        .order_by("-created_at")
    )


def report_queue(organizations):
    """New reports about the given organisations' accounts, and those that name none."""
    return (
        ImpostorReport.objects.filter(status=ReportStatus.NEW)
        .filter(Q(organization__in=organizations) | Q(organization__isnull=True))
        .select_related("organization", "imitated__network", "imitated__organization")
        .order_by("created_at")
    )


def register_rows():
    """The open-data rows (header first), oldest organisation path first."""
    yield [
        "organisation_code",
        "organisation",
        "network",
        "handle",
        "url",
        "name",
        "kind",
        "status",
        "registered_on",
        "verified_on",
        "status_since",
        "evidence",
    ]
    for account in account_list().iterator(chunk_size=2000):
        yield [
            account.organization.code,
            account.organization.name,
            account.network.code,
            account.handle,
            account.url,
            account.display_name,
            account.kind,
            account.status,
            account.registered_on,
            account.verified_on,
            account.status_changed_on,
            account.evidence,
        ]


def register_document(today) -> dict:
    """The register as JSON (exports and archived snapshots)."""
    rows = register_rows()
    header = next(rows)
    accounts = [
        {
            key: value.isoformat() if hasattr(value, "isoformat") else value
            for key, value in zip(header, row, strict=True)
        }
        for row in rows
    ]
    return {"date": today.isoformat(), "count": len(accounts), "accounts": accounts}


def snapshot_list():
    return RegisterSnapshot.objects.defer("document")
