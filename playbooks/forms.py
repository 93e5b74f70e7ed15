from django import forms
from django.utils.translation import gettext_lazy as _

from core.validators import one_line

from .consultations import BODY_MAX_LENGTH
from .uploads import ALLOWED_EXTENSIONS

MARKDOWN_HELP = _(
    "Markdown: **bold**, *italic*, [a link](https://example.uz), lists with “- ”. HTML is removed."
)


class QuestionForm(forms.Form):
    title = forms.CharField(
        label=_("Your question in one line"), max_length=200, validators=[one_line]
    )
    body = forms.CharField(
        label=_("Details"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=BODY_MAX_LENGTH,
        help_text=MARKDOWN_HELP,
    )
    is_public = forms.BooleanField(
        label=_("Citizens may read this question and its answers"),
        required=False,
        initial=True,
    )


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=_("Your answer"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=BODY_MAX_LENGTH,
        help_text=MARKDOWN_HELP,
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class EditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False, validators=[one_line])
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=BODY_MAX_LENGTH,
        help_text=MARKDOWN_HELP,
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this post?"), max_length=500, required=False
    )


class ProposalForm(forms.Form):
    file = forms.FileField(
        label=_("Your revised file"),
        help_text=_("DOCX, ODT, XLSX or PDF."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{extension}" for extension in ALLOWED_EXTENSIONS)}
        ),
    )
    note = forms.CharField(
        label=_("What you changed and why"), widget=forms.Textarea(attrs={"rows": 4})
    )


class ProposalPublishForm(forms.Form):
    label = forms.CharField(label=_("Version"), max_length=32, validators=[one_line])
    change_note = forms.CharField(label=_("What changed"), widget=forms.Textarea(attrs={"rows": 3}))


class ProposalRejectForm(forms.Form):
    review_note = forms.CharField(
        label=_("Why the file is not accepted"), widget=forms.Textarea(attrs={"rows": 3})
    )


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Reason (kept in the audit log)"), required=False)
