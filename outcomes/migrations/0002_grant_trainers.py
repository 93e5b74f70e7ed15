"""Trainers and methodologists see the outcomes report (exercise difficulty included);
methodologists also choose which courses are measured and edit the headlines."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Trainers": ["view_outcomes_report"],
    "Methodologists": [
        "view_outcomes_report",
        "add_measuredcourse",
        "change_measuredcourse",
        "view_measuredcourse",
        "add_headline",
        "change_headline",
        "view_headline",
    ],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("outcomes")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="outcomes", codename__in=codenames
                )
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label="outcomes", codename__in=codenames
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("outcomes", "0001_initial"),
        ("accounts", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
