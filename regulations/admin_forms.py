"""The code assignment form in the admin: coordinators choose among the organisations they
coordinate (as for training assignments); superusers among all."""

from wagtail.admin.forms import WagtailAdminModelForm

from accounts.roles import coordinated_organization_list

from .models import CodePage


class CodeAssignmentForm(WagtailAdminModelForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["code"].queryset = CodePage.objects.order_by("title")
        if for_user is not None and not for_user.is_superuser:
            self.fields["organization"].queryset = coordinated_organization_list(for_user).order_by(
                "path"
            )

    def save(self, commit=True):
        if self.instance.pk is None and self.for_user is not None:
            self.instance.created_by = self.for_user
        return super().save(commit=commit)
