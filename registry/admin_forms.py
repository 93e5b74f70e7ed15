"""The network editor: the kinds of information not to publish as checkboxes, not raw JSON."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import RestrictedInformation


class NetworkForm(WagtailAdminModelForm):
    restricted_kinds = forms.MultipleChoiceField(
        label=_("information that may not be published"),
        choices=RestrictedInformation.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
