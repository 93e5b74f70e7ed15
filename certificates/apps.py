from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from wagtail.admin.panels import InlinePanel
        from wagtail.permissions import register_permission_policy

        from core.scripts import script_changed
        from courses.models import CoursePage
        from courses.signals import course_completed, manual_completion_recorded

        from .models import Certificate
        from .permissions import ReadOnlyPermissionPolicy
        from .receivers import (
            issue_on_course_completion,
            issue_on_manual_completion,
            render_again_in_new_script,
        )

        register_permission_policy(Certificate, ReadOnlyPermissionPolicy(Certificate))

        # The course editor chooses the certificate a course awards (the link is ours).
        CoursePage.panels_extend(
            InlinePanel(
                "certificate_awards",
                max_num=1,
                heading=_("Certificate"),
                label=_("Certificate template"),
                help_text=_(
                    "Learners who complete the course receive this certificate. "
                    "None: the course awards no certificate."
                ),
            )
        )
        course_completed.connect(issue_on_course_completion, dispatch_uid="certificates.issue")
        manual_completion_recorded.connect(
            issue_on_manual_completion, dispatch_uid="certificates.issue-manual"
        )
        script_changed.connect(render_again_in_new_script, dispatch_uid="certificates.script")
