from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from accounts.models import Organization
from accounts.roles import coordinated_organization_list

from .compliance import ComplianceFilters
from .models import CoursePage, ManualCompletion, RequiredCourseStatus

# The picker writes WAGTAIL_DATE_FORMAT (day first); links and tests may pass ISO dates.
DATE_INPUTS = ["%d.%m.%Y", "%Y-%m-%d"]


class TrainingAssignmentForm(WagtailAdminModelForm):
    """Coordinators choose among the organisations they coordinate; superusers among all."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["course"].queryset = CoursePage.objects.order_by("title")
        if for_user is not None:
            self.fields["organization"].queryset = coordinated_organization_list(for_user).order_by(
                "path"
            )

    def save(self, commit=True):
        if self.instance.pk is None and self.for_user is not None:
            self.instance.created_by = self.for_user
        return super().save(commit=commit)


class ComplianceFilterForm(forms.Form):
    """The report's filters; an unknown or foreign value is simply not applied."""

    course = forms.TypedChoiceField(label=_("Course"), required=False, coerce=int, empty_value=None)
    due_from = forms.DateField(
        label=_("Due from"), required=False, widget=AdminDateInput(), input_formats=DATE_INPUTS
    )
    due_to = forms.DateField(
        label=_("Due to"), required=False, widget=AdminDateInput(), input_formats=DATE_INPUTS
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    # An id, not a choice: an organisation outside the user's scope must answer 404 (the
    # selectors check it), not be silently dropped. The select only offers the scope.
    organization = forms.IntegerField(label=_("Organisation"), required=False)

    def __init__(self, *args, courses=(), organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].widget = forms.Select(
            choices=[("", _("All organisations")), *organizations]
        )
        self.fields["course"].choices = [("", _("All courses"))] + [
            (course.pk, course.title) for course in courses
        ]
        self.fields["status"].choices = [("", _("Any status")), *RequiredCourseStatus.choices]

    def clean(self):
        cleaned = super().clean()
        due_from, due_to = cleaned.get("due_from"), cleaned.get("due_to")
        if due_from and due_to and due_from > due_to:
            self.add_error("due_to", _("The end of the period is before its start."))
        return cleaned

    def filters(self) -> ComplianceFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return ComplianceFilters(
            course_id=data.get("course"),
            due_from=data.get("due_from"),
            due_to=data.get("due_to"),
            organization_id=data.get("organization"),
            status=data.get("status") or "",
        )


class TrainingExceptionForm(forms.Form):
    """An extension, an exemption or lifting them, for one required course or a group."""

    EXTEND, EXEMPT, LIFT = "extend", "exempt", "lift"
    action = forms.ChoiceField(
        label=_("Exception"),
        widget=forms.RadioSelect,
        choices=[
            (EXTEND, _("Extend the due date")),
            (EXEMPT, _("Exempt from the course")),
            (LIFT, _("Lift the exception")),
        ],
        initial=EXTEND,
    )
    due_on = forms.DateField(
        label=_("New due date"),
        required=False,
        widget=AdminDateInput(),
        input_formats=DATE_INPUTS,
        help_text=_("For an extension."),
    )
    ends_on = forms.DateField(
        label=_("Exempt until"),
        required=False,
        widget=AdminDateInput(),
        input_formats=DATE_INPUTS,
        help_text=_("For an exemption; empty: until lifted."),
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class ManualCompletionForm(forms.Form):
    """A completion done elsewhere: where, when, the evidence file and a note."""

    source = forms.ChoiceField(
        label=_("Where"), choices=ManualCompletion.Source.choices, initial="classroom"
    )
    completed_on = forms.DateField(
        label=_("Completed on"), widget=AdminDateInput(), input_formats=DATE_INPUTS
    )
    evidence = forms.FileField(
        label=_("Evidence"),
        help_text=_(
            "An attendance sheet or a certificate from the other system: PDF, DOCX, ODT or XLSX."
        ),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ManualCompletionCorrectionForm(forms.Form):
    """A corrected date (and, when wrong, another evidence file or note), with the reason."""

    completed_on = forms.DateField(
        label=_("Completed on"), widget=AdminDateInput(), input_formats=DATE_INPUTS
    )
    evidence = forms.FileField(
        label=_("Evidence"), required=False, help_text=_("Empty: keep the file recorded before.")
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class AssignmentImportForm(forms.Form):
    """A course, an organisation in the user's scope, one due date and the file of people."""

    course = forms.ModelChoiceField(label=_("Course"), queryset=CoursePage.objects.none())
    organization = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organization.objects.none(),
        help_text=_("The people in the file must work in this organisation or below it."),
    )
    due_on = forms.DateField(
        label=_("Due date"), widget=AdminDateInput(), input_formats=DATE_INPUTS
    )
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_(
            "Columns: email or personnel_number (one of them per row, or both); full_name may "
            "be there for your reading. The first row holds the column names."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def __init__(self, *args, for_user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = CoursePage.objects.order_by("title")
        self.fields["organization"].queryset = coordinated_organization_list(for_user).order_by(
            "path"
        )
