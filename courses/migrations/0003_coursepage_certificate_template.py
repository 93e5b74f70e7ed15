"""Added the column that linked a course to its certificate template (``certificate_template_id``).

Rewritten (December 2026) when the link moved to ``certificates.CertificateAward``: this migration
first added a ``ForeignKey("certificates.CertificateTemplate")``, which made courses' migrations
depend on the certificates app. It now adds the same column as a plain indexed integer, so courses'
migrations name no app above courses. A database that applied the old version has the same column
and index (and a foreign-key constraint); ``certificates/0003_certificate_award`` copies the links and
``0007_remove_coursepage_certificate_template`` drops the column (PostgreSQL drops it with its
constraint), so both kinds of database end the same.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0002_methodologist_approval"),
    ]

    operations = [
        migrations.AddField(
            model_name="coursepage",
            name="certificate_template_id",
            field=models.BigIntegerField(blank=True, null=True, db_index=True),
        ),
    ]
