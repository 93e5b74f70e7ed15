"""The first load of the register from existing lists: ``manage.py registry_import FILE.csv``.

Columns ``organisation_code,network,url,name,kind``. Every row is checked first (organisation
known, network approved, address of that network, kind known, not already registered, not twice
in the file); any error stops the whole import and names its line. Then all rows go in one
transaction, each with an "imported" event in the history.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Organization

from .models import Account, AccountKind, EventAction, Network, Review
from .services import account_build, account_register

COLUMNS = ("organisation_code", "network", "url", "name", "kind")
MAX_ROWS = 20_000


@dataclass
class ImportResult:
    created: list[Account] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # "line N: message"


def _rows(text: str):
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip().lower() for name in reader.fieldnames or []]
    reader.fieldnames = header
    return header, reader


def registry_import(text: str, *, editor=None, note: str = "") -> ImportResult:
    """Checks every row, then registers all of them or none."""
    result = ImportResult()
    header, reader = _rows(text)
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        result.errors.append(
            _("line 1: required columns are missing: %(columns)s") % {"columns": ", ".join(missing)}
        )
        return result
    organizations = {o.code: o for o in Organization.objects.all()}
    networks = {n.code: n for n in Network.objects.all()}
    built, seen = [], {}
    for number, row in enumerate(reader, start=2):
        if number - 1 > MAX_ROWS:
            result.errors.append(_("line %(line)d: too many rows") % {"line": number})
            break
        row = {key: (value or "").strip() for key, value in row.items() if key}
        if not any(row.values()):
            continue
        organization = organizations.get(row["organisation_code"])
        network = networks.get(row["network"].lower())
        problems = []
        if organization is None:
            problems.append(
                _("unknown organisation code “%(code)s”") % {"code": row["organisation_code"]}
            )
        if network is None:
            problems.append(_("unknown network “%(network)s”") % {"network": row["network"]})
        if row["kind"] not in AccountKind.values:
            problems.append(
                _("kind must be one of %(kinds)s") % {"kinds": ", ".join(AccountKind.values)}
            )
        if not row["name"]:
            problems.append(_("the name is empty"))
        if not problems:
            try:
                account = account_build(
                    organization=organization,
                    network=network,
                    text=row["url"],
                    display_name=row["name"],
                    kind=row["kind"],
                )
            except ValidationError as error:
                problems.extend(error.messages)
            else:
                key = (network.code, account.handle)
                if key in seen:
                    problems.append(_("the same account as on line %(line)d") % {"line": seen[key]})
                seen[key] = number
                built.append(account)
        result.errors.extend(
            _("line %(line)d: %(message)s") % {"line": number, "message": problem}
            for problem in problems
        )
    if result.errors:
        return result
    with transaction.atomic():
        for account in built:
            account.review = Review.APPROVED
            result.created.append(
                account_register(
                    account=account, editor=editor, action=EventAction.IMPORTED, note=note
                )
            )
    return result
