"""The choices course pages offer (their own module: the reading code imports them without the
page classes)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    PUBLIC = "public", _("Everyone (public)")
    CIVIL_SERVANTS = "civil_servants", _("Civil servants")
    BOTH = "both", _("Civil servants and the public")


class CompletionRule(models.TextChoices):
    ALL_LESSONS = "all_lessons", _("Every lesson is complete")
    PERCENT_OF_LESSONS = "percent_of_lessons", _("A share of the lessons is complete")
