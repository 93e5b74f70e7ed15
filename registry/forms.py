"""Forms of the register's pages; the services validate and write."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import Organization

from .models import AccountKind, AccountStatus, Network, ReportStatus


class CheckForm(forms.Form):
    q = forms.CharField(
        label=_("Link or handle of the account"),
        max_length=500,
        required=False,
        widget=forms.TextInput(
            attrs={"placeholder": _("e.g. https://t.me/… or @handle"), "autocomplete": "off"}
        ),
    )


class ReportForm(forms.Form):
    text = forms.CharField(label=_("Link or handle of the account"), max_length=500)
    note = forms.CharField(
        label=_("What makes you think it pretends to be official?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    # A field people do not see: robots fill it, and their report is dropped.
    website = forms.CharField(required=False, widget=forms.HiddenInput)


class ProposeForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organization.objects.none()
    )
    network = forms.ModelChoiceField(
        label=_("Network"), queryset=Network.objects.filter(is_approved=True)
    )
    text = forms.CharField(
        label=_("Address or handle"),
        max_length=500,
        help_text=_("Paste the link as it appears in the browser; it is stored in one form."),
    )
    display_name = forms.CharField(label=_("Name shown on the account"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=AccountKind.choices)
    evidence = forms.CharField(
        label=pgettext_lazy("registry", "Evidence"),
        max_length=500,
        required=False,
        help_text=_("The document that created the account, e.g. Order No. 45 of 12 March 2024."),
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations.order_by("path")


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Reject"))], widget=forms.HiddenInput
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=AccountStatus.choices)
    note = forms.CharField(label=_("Reason"), max_length=500)


class ResolveForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (ReportStatus.CONFIRMED, ReportStatus.CONFIRMED.label),
            (ReportStatus.DISMISSED, ReportStatus.DISMISSED.label),
        ],  # fmt: skip
    )
    outcome = forms.CharField(label=_("What was done"), max_length=500)
