"""Evaluation settings that a province chooses."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_NEAR_MET_TOLERANCE = Decimal("5")


class EvaluationPolicy(models.Model):
    """Applies to the unit and everything under it; the nearest policy above a unit wins."""

    unit = models.OneToOneField("units.Unit", verbose_name=_("unit"), on_delete=models.CASCADE)
    near_met_tolerance = models.DecimalField(
        _("tolerance for “nearly met” (percent of the plan)"),
        max_digits=5,
        decimal_places=2,
        default=DEFAULT_NEAR_MET_TOLERANCE,
        help_text=_("A target missed by no more than this share of its plan is “nearly met”."),
    )

    class Meta:
        verbose_name = _("evaluation policy")
        verbose_name_plural = _("evaluation policies")

    def __str__(self) -> str:
        return f"{self.unit}: {self.near_met_tolerance}%"
