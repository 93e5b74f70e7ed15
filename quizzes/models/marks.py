"""The audit of marks changed after submitting: a marker's override of any question's mark (with
a comment) and regrades after a question's key changed. Each entry keeps the marks before and
after, and the attempt's result before and after."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MarkChange(models.Model):
    class Kind(models.TextChoices):
        MANUAL = "manual", _("Marked by hand")
        REGRADE = "regrade", _("Regraded to a new key")

    attempt = models.ForeignKey(
        "quizzes.Attempt", on_delete=models.CASCADE, related_name="mark_changes"
    )
    row = models.ForeignKey(
        "quizzes.AttemptQuestion", on_delete=models.CASCADE, related_name="mark_changes"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    points_before = models.DecimalField(
        _("points before"), max_digits=8, decimal_places=3, null=True, blank=True
    )
    points_after = models.DecimalField(_("points after"), max_digits=8, decimal_places=3)
    percent_before = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    percent_after = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    passed_before = models.BooleanField(null=True, blank=True)
    passed_after = models.BooleanField(null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    # Regrades: the frozen question as it was before the new key was taken onto it.
    snapshot_before = models.JSONField(null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed"))

    class Meta:
        verbose_name = _("mark change")
        verbose_name_plural = _("mark changes")
        ordering = ["changed_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(points_after__gte=0), name="markchange_points_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.row}: {self.points_before} → {self.points_after}"
