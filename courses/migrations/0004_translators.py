"""Trainers and methodologists may translate pages and snippets into the other languages
(wagtail.contrib.simple_translation's "Translate" action)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    app_config = apps.get_app_config("simple_translation")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(
        content_type__app_label="simple_translation", codename="submit_translation"
    )
    for group in Group.objects.filter(name__in=["Trainers", "Methodologists"]):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=["Trainers", "Methodologists"]):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="simple_translation")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0003_coursepage_certificate_template"),
        ("simple_translation", "0001_initial"),
        ("accounts", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
