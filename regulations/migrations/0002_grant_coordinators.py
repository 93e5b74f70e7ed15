"""Coordinators assign codes of conduct and see who acknowledged them (their subtree only: see
regulations.wagtail_hooks and regulations.compliance), as they do for courses."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COORDINATOR_PERMISSIONS = [
    "add_codeassignment",
    "change_codeassignment",
    "delete_codeassignment",
    "view_codeassignment",
    "view_code_compliance",
]


def grant_coordinators(apps, schema_editor):
    app_config = apps.get_app_config("regulations")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Coordinators").first()
    if group is not None:
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="regulations", codename__in=COORDINATOR_PERMISSIONS
            )
        )


def revoke_coordinators(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Coordinators"):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="regulations", codename__in=COORDINATOR_PERMISSIONS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("regulations", "0001_codes_versions_acknowledgements"),
        ("accounts", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant_coordinators, revoke_coordinators)]
