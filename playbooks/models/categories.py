"""The categories of the playbook library."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    """One category per duty of a district information service (PQ-4366, 27 June 2019)."""

    INFORMING_PUBLIC = "informing-public", _("Informing the public")
    COVERAGE_PLANS = "coverage-plans", _("Plans for covering development")
    IMAGE_AND_OPINION = "image-and-opinion", _("Image and public opinion")
    AGENCY_COOPERATION = "agency-cooperation", _("Working with the Information Agency")
    JOURNALISTS_BLOGGERS = "journalists-bloggers", _("Journalists, bloggers and experts")
    LEADER_APPEARANCES = "leader-appearances", _("Media appearances of the leadership")
    MONITORING_RESPONSE = "monitoring-response", _("Monitoring and rapid response")
    NEWS_MATERIALS = "news-materials", _("News, commentary and analysis")
    REPORTING_LEADERSHIP = "reporting-leadership", _("Reporting to the leadership")
    DIPLOMATIC_MISSIONS = "diplomatic-missions", _("Materials for diplomatic missions")
    PUBLISHING_REGULATIONS = "publishing-regulations", _("Publishing regulations")
    MEDIA_ARCHIVE = "media-archive", _("Media archive")
    CITIZEN_APPEALS = "citizen-appeals", _("Citizens' appeals")
