"""Signal receivers that keep acknowledgement requirements in step with people, assignments and
published versions. Connected in RegulationsConfig.ready()."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from accounts.models import Employment
from accounts.signals import employments_created

from . import services
from .models import CodeAssignment, CodeVersionPage


def employment_changed(sender, instance: Employment, **kwargs):
    services.acknowledgement_requirements_refresh(user_ids=[instance.user_id])


def employments_imported(sender, user_ids, **kwargs):
    services.acknowledgement_requirements_refresh(user_ids=list(user_ids))


def assignment_changed(sender, instance: CodeAssignment, **kwargs):
    code_id = instance.code_id
    transaction.on_commit(lambda: services.acknowledgement_requirements_refresh(code_ids=[code_id]))


def version_published(sender, instance, **kwargs):
    """A new material version in effect today asks everyone again; one taking effect later is
    picked up by the daily run (regulations.reminders)."""
    code = instance.get_parent()
    code_ids = list(
        CodeAssignment.objects.filter(code__translation_key=code.translation_key)
        .values_list("code_id", flat=True)
        .distinct()
    )
    if code_ids:
        transaction.on_commit(
            lambda: services.acknowledgement_requirements_refresh(code_ids=code_ids)
        )


def connect() -> None:
    uid = "regulations."
    post_save.connect(employment_changed, sender=Employment, dispatch_uid=uid + "employment")
    post_delete.connect(employment_changed, sender=Employment, dispatch_uid=uid + "employment-d")
    employments_created.connect(employments_imported, dispatch_uid=uid + "import")
    post_save.connect(assignment_changed, sender=CodeAssignment, dispatch_uid=uid + "assignment")
    post_delete.connect(
        assignment_changed, sender=CodeAssignment, dispatch_uid=uid + "assignment-d"
    )
    page_published.connect(version_published, sender=CodeVersionPage, dispatch_uid=uid + "pub")
    page_unpublished.connect(version_published, sender=CodeVersionPage, dispatch_uid=uid + "unpub")
