from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.home import HOME_SECTION_HOOK, HomeSection
from core.menus import PermissionMenuItem
from courses.dashboard import DASHBOARD_PANEL_HOOK, DashboardPanel
from courses.facts import COURSE_FACT_HOOK, CourseFact

from . import admin_actions, admin_views, archive_views
from .archives import user_may_request_archives
from .models import Certificate, CertificateAward, CertificateTemplate
from .selectors import certificate_list_for_user

DASHBOARD_CERTIFICATES = 5


@hooks.register(DASHBOARD_PANEL_HOOK)
def certificates_dashboard_panel(request):
    """The learner's latest certificates on /dashboard/, with a link to all of them."""
    return DashboardPanel(
        template="certificates/dashboard_panel.html",
        context={"certificates": certificate_list_for_user(request.user)[:DASHBOARD_CERTIFICATES]},
    )


@hooks.register("register_admin_urls")
def register_certificate_admin_urls():
    return [
        path(
            "certificates/templates/<id:pk>/sample.pdf",
            admin_views.template_sample_pdf_view,
            name="certificates_template_sample",
        ),
        path(
            "certificates/templates/<id:pk>/rerender/",
            admin_actions.rerender_view,
            name="certificates_template_rerender",
        ),
        path(
            "certificates/<id:pk>/revoke/",
            admin_actions.revoke_view,
            name="certificates_revoke",
        ),
        path("certificates/archives/", archive_views.archives_view, name="certificates_archives"),
        path(
            "certificates/archives/<id:pk>/download/",
            archive_views.archive_download_view,
            name="certificates_archive_download",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_certificate_archives_menu_item():
    """Coordinators and superusers: download the certificates of a course or organisation."""
    return PermissionMenuItem(
        _("Certificate archives"),
        reverse("certificates_archives"),
        icon_name="download",
        order=622,
        shown_to=user_may_request_archives,
    )


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full"
    menu_label = _("Certificate templates")
    list_display = ["title", "issuer", "locale"]
    search_fields = ["title", "issuer"]


class StatusColumn(Column):
    def get_value(self, instance):
        return instance.get_status_display()


class CertificateViewSet(SnippetViewSet):
    model = Certificate
    icon = "success"
    menu_label = _("Certificates")
    add_to_admin_menu = False
    list_display = [
        "code",
        "holder_name",
        "course_title",
        "issued_on",
        "expires_on",
        StatusColumn("status", label=_("Status")),
    ]
    list_filter = ["issued_on", "expires_on", "course"]
    search_fields = ["code", "holder_name", "course_title"]
    list_export = ["code", "holder_name", "course_title", "issuer_name", "issued_on", "expires_on"]
    inspect_view_enabled = True
    copy_view_enabled = False


class CertificatesGroup(SnippetViewSetGroup):
    items = (CertificateViewSet, CertificateTemplateViewSet)
    menu_icon = "success"
    menu_label = _("Certificates")
    menu_name = "certificates"
    menu_order = 300


register_snippet(CertificatesGroup)


@hooks.register("register_snippet_listing_buttons")
def certificate_listing_buttons(snippet, user, next_url=None):
    if (
        isinstance(snippet, Certificate)
        and snippet.revoked_at is None
        and user.has_perm("certificates.revoke_certificate")
    ):
        yield ListingButton(
            _("Revoke"), reverse("certificates_revoke", args=[snippet.pk]), priority=50
        )
    if isinstance(snippet, CertificateTemplate):
        yield ListingButton(
            _("Sample PDF"),
            reverse("certificates_template_sample", args=[snippet.pk]),
            priority=60,
        )
        if user.has_perm("certificates.change_certificatetemplate"):
            yield ListingButton(
                _("Render certificates again"),
                reverse("certificates_template_rerender", args=[snippet.pk]),
                priority=70,
            )


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    actions.register_action(
        "certificates.revoke", _("Revoke certificate"), _("Certificate revoked")
    )
    actions.register_action(
        "certificates.suspend", _("Suspend certificate"), _("Certificate suspended")
    )
    actions.register_action(
        "certificates.unsuspend", _("Lift a certificate's suspension"), _("Suspension lifted")
    )


@hooks.register(COURSE_FACT_HOOK)
def course_certificate_fact(course, request):
    """The course page says that completing the course earns a certificate."""
    if CertificateAward.objects.filter(course=course).exists():
        return CourseFact(
            _("Ends with a certificate you can download and others can verify."), "certificate"
        )
    return None


@hooks.register(HOME_SECTION_HOOK)
def home_certificate_check(request):
    """The home page offers the code check to auditors and employers (no account needed)."""
    return HomeSection(template="certificates/home_check.html", order=80)
