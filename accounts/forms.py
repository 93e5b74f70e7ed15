from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm as WagtailUserCreationForm
from wagtail.users.forms import UserEditForm as WagtailUserEditForm

User = get_user_model()

_PROFILE_FIELDS = ["full_name", "preferred_language", "preferred_script"]


class SignupForm(forms.Form):
    """Extra fields on allauth's citizen sign-up form."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=255,
        help_text=_("As it should appear on your certificates."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def signup(self, request, user):
        user.full_name = self.cleaned_data["full_name"].strip()
        language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
        if language in dict(settings.LANGUAGES):
            user.preferred_language = language
        user.save(update_fields=["full_name", "preferred_language"])


class UserCreationForm(WagtailUserCreationForm):
    """The Wagtail admin's "add user" form with one full-name field instead of first/last."""

    first_name = None
    last_name = None
    full_name = forms.CharField(label=_("Full name"), max_length=255)

    class Meta(WagtailUserCreationForm.Meta):
        fields = (WagtailUserCreationForm.Meta.fields - {"first_name", "last_name"}) | set(
            _PROFILE_FIELDS
        )


class UserEditForm(WagtailUserEditForm):
    first_name = None
    last_name = None
    full_name = forms.CharField(label=_("Full name"), max_length=255)

    class Meta(WagtailUserEditForm.Meta):
        fields = (WagtailUserEditForm.Meta.fields - {"first_name", "last_name"}) | set(
            _PROFILE_FIELDS
        )


class UserImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_(
            "Columns: full_name, email, organization_code, position_title, personnel_number, "
            "coordinator (yes/no), language (uz/ru/en). The first row holds the column names."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
