"""The course → certificate template link moves from ``CoursePage.certificate_template_id`` (a
courses column pointing up at certificates) to ``CertificateAward``, owned by certificates.

The existing links are copied before courses drops its column: ``run_before`` orders that removal
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
            certificate_template_id__isnull=False
        ).values_list("pk", "certificate_template_id")
    )
    awards = dict(CertificateAward.objects.values_list("course_id", "pk"))
    templates = set(
        apps.get_model("certificates", "CertificateTemplate").objects.values_list("pk", flat=True)
    )
    # The award is a child of the page, kept in its revisions: give every stored revision of a
    # course the award its old field named, so that publishing a pending draft or reverting to an
    # older revision keeps (or restores) the course's certificate instead of dropping it.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    course_type = ContentType.objects.filter(app_label="courses", model="coursepage").first()
    if course_type is None:
        return
    revisions = Revision.objects.filter(content_type=course_type)
    for revision in revisions.iterator():
        content = revision.content
        if "certificate_awards" in content:
            continue
        page_id = int(revision.object_id)
        template_id = content.get("certificate_template")
        content["certificate_awards"] = (
            [{"pk": awards.get(page_id), "course": page_id, "template": template_id}]
            if template_id in templates
            else []
        )
        Revision.objects.filter(pk=revision.pk).update(content=content)


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
        ("wagtailcore", "0098_apitoken"),
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
