"""Trainers and methodologists author questions and quizzes, publish them, mark essays and see
every learner's results."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [
    f"{action}_{model}"
    for model in ("question", "questioncategory", "quiz")
    for action in ("add", "change", "delete", "view")
] + ["publish_question", "publish_quiz", "view_all_results", "mark_attempts"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("quizzes")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    # Wagtail creates the snippets' "publish" permissions only after migrating; make them now.
    for model, verbose_name in (("question", "question"), ("quiz", "quiz")):
        content_type, _created = ContentType.objects.get_or_create(app_label="quizzes", model=model)
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"publish_{model}",
            defaults={"name": f"Can publish {verbose_name}"},
        )
    permissions = Permission.objects.filter(
        content_type__app_label="quizzes", codename__in=CODENAMES
    )
    for group in Group.objects.filter(name__in=["Trainers", "Methodologists"]):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=["Trainers", "Methodologists"]):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="quizzes"))


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0001_initial"),
        ("accounts", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
