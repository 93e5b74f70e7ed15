"""Trainers and Methodologists author practice scenarios, preview them, read their statistics and
review learners' free-text replies."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = ["add_scenario", "change_scenario", "view_scenario", "delete_scenario"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("simulations")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=["Trainers", "Methodologists"]):
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="simulations", codename__in=PERMISSIONS
            )
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=["Trainers", "Methodologists"]):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="simulations"))


class Migration(migrations.Migration):
    dependencies = [
        ("simulations", "0001_scenarios_and_attempts"),
        ("accounts", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
