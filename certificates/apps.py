from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from core.scripts import script_changed
        from courses.signals import course_completed

        from .models import Certificate
        from .permissions import ReadOnlyPermissionPolicy
        from .receivers import issue_on_course_completion, render_again_in_new_script

        register_permission_policy(Certificate, ReadOnlyPermissionPolicy(Certificate))

        course_completed.connect(issue_on_course_completion, dispatch_uid="certificates.issue")
        script_changed.connect(render_again_in_new_script, dispatch_uid="certificates.script")
