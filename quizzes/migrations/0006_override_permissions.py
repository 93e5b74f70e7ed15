"""Trainers and methodologists give learners extra time, attempts or other dates."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [f"{action}_quizoverride" for action in ("add", "change", "delete", "view")]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("quizzes")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="quizzes", codename__in=CODENAMES
    )
    for group in Group.objects.filter(name__in=["Trainers", "Methodologists"]):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=["Trainers", "Methodologists"]):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="quizzes", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [("quizzes", "0005_quiz_overrides")]

    operations = [migrations.RunPython(grant, revoke)]
