"""Resolutions and the targets they set.

A target says what must be reached by a unit for an indicator in a period, as one of the forms
of DOMAIN.md §4. Two fields describe the form: `measure` (what is compared: the level, the change
against the previous year, the growth rate, the total over the term, a count of sub-units, a
named sub-unit's milestone, a place in a ranking or the places gained in it) and `comparison` (at
least, at most, reach in the indicator's better direction, or a range). Changes are signed:
"giảm 0,5% trở lên" is a change of at most −0,5.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from chitieu.core.periods import Period


class Resolution(models.Model):
    number = models.CharField(_("number"), max_length=60)
    title = models.CharField(_("title"), max_length=400)
    date = models.DateField(_("date"))
    issuing_body = models.CharField(_("issuing body"), max_length=200)
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="resolutions"
    )
    period = models.CharField(_("period"), max_length=12, help_text=_("A year or a term."))
    note = models.TextField(_("note"), blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["-date", "number"]
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")

    def __str__(self) -> str:
        return f"{self.number} ({self.issuing_body})"

    @property
    def period_value(self) -> Period:
        return Period.parse(self.period)


class Measure(models.TextChoices):
    LEVEL = "level", _("The value itself")
    CHANGE = "change", _("Change against the same period last year (units or points)")
    GROWTH = "growth", _("Growth against the same period last year (%)")
    TERM_TOTAL = "term_total", _("Total over the term so far")
    SUBUNIT_COUNT = "subunit_count", _("Number of sub-units reaching the standard")
    SUBUNIT_COUNT_NEW = "subunit_count_new", _("Number of sub-units newly reaching the standard")
    MILESTONE = "milestone", _("A named sub-unit reaches the standard")
    RANK = "rank", _("Place in a ranking (1 is first; “top 10” is at most 10)")
    RANK_RISE = "rank_rise", _("Places gained in a ranking against last year")


class Comparison(models.TextChoices):
    AT_LEAST = "at_least", _("At least (floor)")
    AT_MOST = "at_most", _("At most (ceiling)")
    REACH = "reach", _("Reach (in the indicator's better direction)")
    RANGE = "range", _("Within a range")


class Target(models.Model):
    resolution = models.ForeignKey(
        Resolution, verbose_name=_("resolution"), on_delete=models.CASCADE, related_name="targets"
    )
    indicator = models.ForeignKey(
        "indicators.Indicator", verbose_name=_("indicator"), on_delete=models.PROTECT
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="targets"
    )
    period = models.CharField(_("period"), max_length=12, db_index=True)
    issuer = models.CharField(
        _("set by"), max_length=120, help_text=_("For example: Tỉnh giao, HĐND huyện giao.")
    )
    is_main = models.BooleanField(_("main target"), default=True)
    measure = models.CharField(
        _("what is compared"), max_length=20, choices=Measure.choices, default=Measure.LEVEL
    )
    comparison = models.CharField(
        _("comparison"), max_length=10, choices=Comparison.choices, default=Comparison.REACH
    )
    value = models.DecimalField(_("target value"), max_digits=20, decimal_places=6, null=True)
    upper = models.DecimalField(
        _("upper end of the range"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    threshold = models.DecimalField(
        _("standard a sub-unit must reach"),
        max_digits=20,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("For counts of sub-units and milestones; 1 means “reached” (yes/no)."),
    )
    subject_unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("named sub-unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    wording = models.CharField(_("wording in the document"), max_length=400, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        indexes = [models.Index(fields=["unit", "period"])]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "indicator", "period", "issuer", "measure"],
                name="target_unique_per_issuer",
            ),
            models.CheckConstraint(
                condition=~Q(comparison="range") | Q(upper__isnull=False),
                name="target_range_has_upper",
            ),
            models.CheckConstraint(
                condition=~Q(measure="milestone") | Q(subject_unit__isnull=False),
                name="target_milestone_has_subject",
            ),
            models.CheckConstraint(
                condition=Q(measure="milestone") | Q(value__isnull=False),
                name="target_has_value",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.name} — {self.issuer} ({self.period})"

    @property
    def period_value(self) -> Period:
        return Period.parse(self.period)
