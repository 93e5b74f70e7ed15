from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import Organization


class OrganizationForm(WagtailAdminModelForm):
    """Creates and moves organisations in the tree through treebeard, not a plain save."""

    parent = forms.ModelChoiceField(
        label=_("Parent organisation"),
        queryset=Organization.objects.order_by("path"),
        required=False,
        help_text=_("Leave empty for a top-level body such as a ministry."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["parent"].initial = self.instance.get_parent()
            # An organisation cannot move under itself or its own subtree.
            self.fields["parent"].queryset = Organization.objects.exclude(
                path__startswith=self.instance.path
            ).order_by("path")

    @transaction.atomic
    def save(self, commit=True):
        organization = super().save(commit=False)
        parent = self.cleaned_data.get("parent")
        if organization.pk is None:
            if parent is None:
                organization = Organization.add_root(instance=organization)
            else:
                organization = parent.add_child(instance=organization)
        else:
            organization.save()
            if parent != organization.get_parent():
                if parent is None:
                    organization.move(Organization.get_first_root_node(), pos="sorted-sibling")
                else:
                    organization.move(parent, pos="sorted-child")
                organization.refresh_from_db()
        return organization
