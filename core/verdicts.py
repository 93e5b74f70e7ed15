"""The verdict scale shared by the lessons' fact checks and the quizzes' claim-verdict questions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Verdict(models.TextChoices):
    """The verdict scale of fact checks (media-literacy research §3.2), true to false."""

    TRUE = "true", _("True")
    MOSTLY_TRUE = "mostly_true", _("Mostly true")
    MISLEADING = "misleading", _("Misleading")
    FALSE = "false", _("False")
    UNVERIFIABLE = "unverifiable", _("Unverifiable")
