"""Labels of the claim-verdict scale (the same wording, and so the same translations, as the
lessons' fact-check block) and of true/false."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from quizzes.formats.types import VERDICT_CODES

VERDICT_LABELS = {
    "true": _("True"),
    "mostly_true": _("Mostly true"),
    "misleading": _("Misleading"),
    "false": _("False"),
    "unverifiable": _("Unverifiable"),
}
assert tuple(VERDICT_LABELS) == VERDICT_CODES  # noqa: S101 - the scale is fixed

TRUE_FALSE_LABELS = {
    "true": pgettext_lazy("true/false question", "True"),
    "false": pgettext_lazy("true/false question", "False"),
}
