"""Trainers and Methodologists manage template files and versions, review proposed revisions and
moderate the consultation threads."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = [
    "add_templatefile",
    "change_templatefile",
    "delete_templatefile",
    "view_templatefile",
    "view_templateversion",
    "view_templateproposal",
    "review_templateproposal",
    "view_post",
    "moderate_post",
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("playbooks")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="playbooks", codename__in=PERMISSIONS
    )
    for group in Group.objects.filter(name__in=["Trainers", "Methodologists"]):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=["Trainers", "Methodologists"]):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="playbooks"))


class Migration(migrations.Migration):
    dependencies = [
        ("playbooks", "0001_initial"),
        ("accounts", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
