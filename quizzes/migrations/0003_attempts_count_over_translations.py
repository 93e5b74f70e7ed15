"""Attempts carry their quiz's translation_key: the open attempt, the numbering and the limit
count over every language of a quiz. Existing attempts are renumbered per learner and quiz (all
languages) in the order they started; where a learner had one open attempt in several languages,
the older ones are closed (they keep no score)."""

from django.db import migrations, models


def fill_quiz_key(apps, schema_editor):
    Attempt = apps.get_model("quizzes", "Attempt")
    attempts = Attempt.objects.select_related("quiz").order_by("started_at", "pk")
    numbers: dict = {}
    open_by_owner: dict = {}
    for attempt in attempts:
        key = attempt.quiz.translation_key
        owner = attempt.user_id or f"session:{attempt.session_key}"
        attempt.quiz_key = key
        numbers[(key, owner)] = numbers.get((key, owner), 0) + 1
        attempt.number = numbers[(key, owner)]
        if attempt.state == "in_progress":
            older = open_by_owner.get((key, owner))
            if older is not None:
                Attempt.objects.filter(pk=older.pk).update(
                    state="finished", finished_at=attempt.started_at
                )
            open_by_owner[(key, owner)] = attempt
        attempt.save(update_fields=["quiz_key", "number"])


class Migration(migrations.Migration):
    dependencies = [("quizzes", "0002_staff_permissions")]

    operations = [
        migrations.RemoveConstraint(model_name="attempt", name="attempt_one_open_per_user"),
        migrations.RemoveConstraint(model_name="attempt", name="attempt_one_open_per_session"),
        migrations.RemoveConstraint(model_name="attempt", name="attempt_number_unique"),
        migrations.AddField(
            model_name="attempt",
            name="quiz_key",
            field=models.UUIDField(null=True, editable=False, verbose_name="quiz (all languages)"),
        ),
        migrations.RunPython(fill_quiz_key, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="attempt",
            name="quiz_key",
            field=models.UUIDField(
                db_index=True, editable=False, verbose_name="quiz (all languages)"
            ),
        ),
        migrations.AddConstraint(
            model_name="attempt",
            constraint=models.UniqueConstraint(
                condition=models.Q(("state", "in_progress"), ("user__isnull", False)),
                fields=("quiz_key", "user"),
                name="attempt_one_open_per_user",
            ),
        ),
        migrations.AddConstraint(
            model_name="attempt",
            constraint=models.UniqueConstraint(
                condition=models.Q(("state", "in_progress"), ("user__isnull", True)),
                fields=("quiz_key", "session_key"),
                name="attempt_one_open_per_session",
            ),
        ),
        migrations.AddConstraint(
            model_name="attempt",
            constraint=models.UniqueConstraint(
                condition=models.Q(("user__isnull", False)),
                fields=("quiz_key", "user", "number"),
                name="attempt_number_unique",
            ),
        ),
    ]
