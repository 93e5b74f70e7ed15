"""What the check says, in the reader's language, for the HTML page and the JSON answer."""

from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Account
from .selectors import CheckResult, Verdict


def verdict_message(result: CheckResult) -> str:
    messages = {
        Verdict.OFFICIAL: _("Official: this account is in the register."),
        Verdict.INACTIVE: _(
            "This account was in the register but is no longer active: do not trust it."
        ),
        Verdict.LOOKALIKE: _(
            "Warning: this account is not in the register but looks like an official one."
        ),
        Verdict.NOT_REGISTERED: _("This account is not in the register of official accounts."),
        Verdict.NETWORK_NOT_APPROVED: _(
            "State bodies may not keep official accounts on this network: "
            "an account there is not official."
        ),
        Verdict.NOT_UNDERSTOOD: _(
            "This does not look like a link to an account or a handle. "
            "Paste the address from the browser, or the @handle."
        ),
    }
    return messages[result.verdict]


def account_data(account: Account, request) -> dict:
    return {
        "organisation": {"code": account.organization.code, "name": account.organization.name},
        "network": account.network.code,
        "handle": account.handle,
        "url": account.url,
        "name": account.display_name,
        "kind": account.kind,
        "kind_label": account.get_kind_display(),
        "status": account.status,
        "status_label": account.get_status_display(),
        "registered_on": account.registered_on.isoformat() if account.registered_on else None,
        "verified_on": account.verified_on.isoformat() if account.verified_on else None,
        "status_since": (
            account.status_changed_on.isoformat() if account.status_changed_on else None
        ),
        "register_page": request.build_absolute_uri(reverse("registry:account", args=[account.pk])),
    }


def check_data(result: CheckResult, request) -> dict:
    return {
        "query": result.query,
        "verdict": result.verdict,
        "message": verdict_message(result),
        "network": result.parsed.network if result.parsed else None,
        "handle": result.parsed.handle if result.parsed else None,
        "accounts": [account_data(account, request) for account in result.matches],
        "lookalike_of": [account_data(account, request) for account in result.lookalikes],
    }
