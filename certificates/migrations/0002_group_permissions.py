"""Trainers design certificate templates; Methodologists also view, revoke and reissue
certificates."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TRAINER_PERMISSIONS = [
    "add_certificatetemplate",
    "change_certificatetemplate",
    "view_certificatetemplate",
]
METHODOLOGIST_PERMISSIONS = [
    *TRAINER_PERMISSIONS,
    "delete_certificatetemplate",
    "view_certificate",
    "revoke_certificate",
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("certificates")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in (
        ("Trainers", TRAINER_PERMISSIONS),
        ("Methodologists", METHODOLOGIST_PERMISSIONS),
    ):
        group = Group.objects.get(name=group_name)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="certificates", codename__in=codenames
            )
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=["Trainers", "Methodologists"]):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="certificates"))


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0001_initial"),
        ("accounts", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
