"""The course → certificate template link moves from ``CoursePage.certificate_template`` (a
courses field pointing up at certificates) to ``CertificateAward``, owned by certificates.

The existing links are copied before courses drops its field: ``run_before`` orders that removal
after this migration without courses' migrations naming certificates.
"""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


def copy_links(apps, schema_editor):
    CoursePage = apps.get_model("courses", "CoursePage")
    CertificateAward = apps.get_model("certificates", "CertificateAward")
    CertificateAward.objects.bulk_create(
        CertificateAward(course_id=page_id, template_id=template_id)
        for page_id, template_id in CoursePage.objects.filter(
            certificate_template__isnull=False
        ).values_list("pk", "certificate_template_id")
    )


def copy_links_back(apps, schema_editor):
    CoursePage = apps.get_model("courses", "CoursePage")
    CertificateAward = apps.get_model("certificates", "CertificateAward")
    for award in CertificateAward.objects.all():
        CoursePage.objects.filter(pk=award.course_id).update(
            certificate_template_id=award.template_id
        )


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0002_group_permissions"),
        ("courses", "0006_training_assignments"),
    ]
    run_before = [("courses", "0007_remove_coursepage_certificate_template")]

    operations = [
        migrations.CreateModel(
            name="CertificateAward",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "course",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="certificate_awards",
                        to="courses.coursepage",
                        verbose_name="course",
                    ),
                ),
                (
                    "template",
                    models.ForeignKey(
                        help_text="Learners who complete the course receive this certificate.",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="awards",
                        to="certificates.certificatetemplate",
                        verbose_name="certificate template",
                    ),
                ),
            ],
            options={
                "verbose_name": "certificate awarded",
                "verbose_name_plural": "certificates awarded",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("course",), name="certificates_one_award_per_course"
                    )
                ],
            },
        ),
        migrations.RunPython(copy_links, copy_links_back),
    ]
