"""Labels of the claim-verdict scale (core.verdicts, shared with the lessons' fact-check block)
and of true/false."""

from django.utils.translation import pgettext_lazy

from core.verdicts import Verdict

VERDICT_LABELS = dict(Verdict.choices)

TRUE_FALSE_LABELS = {
    "true": pgettext_lazy("true/false question", "True"),
    "false": pgettext_lazy("true/false question", "False"),
}
