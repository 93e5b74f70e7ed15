"""The rubric a trainer or a peer marks a free-text reply with."""

from django import forms
from django.utils.translation import gettext_lazy as _

MESSAGE_REVIEW_SAVED = _("Review saved.")
RUBRIC = [(value, str(value)) for value in range(4)]


class ReviewForm(forms.Form):
    tone = forms.TypedChoiceField(label=_("Tone"), choices=RUBRIC, coerce=int)
    accuracy = forms.TypedChoiceField(label=_("Accuracy"), choices=RUBRIC, coerce=int)
    legality = forms.TypedChoiceField(label=_("Legality"), choices=RUBRIC, coerce=int)
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=2000, widget=forms.Textarea
    )
