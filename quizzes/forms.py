from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from quizzes.models import Attempt, QuestionCategory, Quiz

MAX_IMPORT_BYTES = 2 * 1024 * 1024


class MarkingFilterForm(forms.Form):
    quiz = forms.ModelChoiceField(
        label=_("Quiz"), queryset=Quiz.objects.order_by("title"), required=False
    )
    user = forms.CharField(label=_("Learner (username or name)"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All")),
            ("to_mark", _("Waiting for marking")),
            ("marked", _("Graded")),
            ("to_review", _("Result to review")),
        ],
    )


class MarkForm(forms.Form):
    points = forms.DecimalField(label=_("Points"), min_value=0, decimal_places=2, max_digits=6)
    comment = forms.CharField(
        label=_("Comment for the learner"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File"), help_text=_("UTF-8 text, at most 2 MB."))
    format = forms.ChoiceField(label=_("Format"), choices=[("gift", "GIFT"), ("aiken", "Aiken")])
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=QuestionCategory.objects.all(),
        required=False,
        help_text=_("Questions without a “$CATEGORY:” line go here."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from error


def attempt_user_filter(attempts, text):
    text = (text or "").strip()
    if not text:
        return attempts
    return attempts.filter(Q(user__username__icontains=text) | Q(user__full_name__icontains=text))


__all__ = ["Attempt", "ImportForm", "MarkForm", "MarkingFilterForm", "attempt_user_filter"]
