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


class ArchiveRequestForm(forms.Form):
    """A course and/or an organisation; the organisations offered are the user's subtrees, so
    one outside them is refused as an invalid choice."""

    course = forms.ModelChoiceField(
        label=_("Course"), queryset=None, required=False, empty_label=_("All courses")
    )
    organization = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=None,
        required=False,
        empty_label=_("All organisations I coordinate"),
        help_text=_("Certificates of the people working in it and in the organisations below."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from accounts.roles import coordinated_organization_list  # noqa: PLC0415
        from courses.models import CoursePage  # noqa: PLC0415

        self.fields["course"].queryset = CoursePage.objects.order_by("title")
        self.fields["organization"].queryset = coordinated_organization_list(user).order_by("path")

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("course") and not cleaned.get("organization"):
            raise forms.ValidationError(_("Choose a course, an organisation or both."))
        return cleaned
