from django import forms
from django.utils.translation import gettext_lazy as _


class RevocationForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the certificate and shown in the admin; not shown publicly."),
    )
    reissue = forms.BooleanField(
        label=_("Issue a new certificate in its place"),
        required=False,
        help_text=_("For example after the holder's name was corrected."),
    )
