"""The indicator catalogue: what is measured, in which unit, which way is better, how the values
of sub-units combine, and whether a value adds up over the year (flow) or is a level (stock)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from chitieu.core.numbers import Bounds


def out_of(ranked_among: object, year: int) -> int | None:
    """The count of the newest entry {from year: count} at or before `year`; none if unknown
    (a stored value that is not such a mapping counts as unknown)."""
    if not isinstance(ranked_among, dict):
        return None
    found: tuple[int, int] | None = None
    for start, count in ranked_among.items():
        try:
            start_year, counted = int(start), int(count)
        except (TypeError, ValueError):
            continue
        if start_year <= year and (found is None or start_year > found[0]):
            found = (start_year, counted)
    return found[1] if found else None


class Category(models.TextChoices):
    ECONOMY = "kinh_te", _("Economy")
    SOCIETY = "van_hoa_xa_hoi", _("Culture and society")
    ENVIRONMENT = "moi_truong", _("Environment")
    DEFENCE = "quoc_phong_an_ninh", _("Defence and security")
    PARTY = "xay_dung_dang", _("Party building")
    GOVERNANCE = "cai_cach_hanh_chinh", _("Administrative reform and governance")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Aggregation(models.TextChoices):
    SUM = "sum", _("Sum")
    AVERAGE = "average", _("Average")
    WEIGHTED_AVERAGE = "weighted_average", _("Weighted average")
    NONE = "none", _("Not combinable")


class Nature(models.TextChoices):
    FLOW = "flow", _("Flow: adds up over the year")
    STOCK = "stock", _("Stock: a level at a date")


class Indicator(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(
        _("short name"),
        max_length=40,
        blank=True,
        help_text=_("As tables and charts name it: “Thu ngân sách”, “Hộ nghèo”."),
    )
    unit_of_measure = models.CharField(_("unit of measure"), max_length=60)
    category = models.CharField(_("category"), max_length=24, choices=Category.choices)
    direction = models.CharField(
        _("direction"), max_length=8, choices=Direction.choices, default=Direction.HIGHER
    )
    aggregation = models.CharField(
        _("how sub-unit values combine"),
        max_length=20,
        choices=Aggregation.choices,
        default=Aggregation.SUM,
    )
    weight_indicator = models.ForeignKey(
        "self",
        verbose_name=_("weighted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    nature = models.CharField(_("nature"), max_length=8, choices=Nature.choices)
    decimals = models.PositiveSmallIntegerField(_("decimal places shown"), default=2)
    minimum = models.DecimalField(
        _("lowest value allowed"),
        max_digits=20,
        decimal_places=6,
        null=True,
        blank=True,
        # xgettext:no-python-format
        help_text=_("Empty: no lower bound. A share in % lies in 0–100 unless set otherwise."),
    )
    maximum = models.DecimalField(
        _("highest value allowed"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    whole_numbers = models.BooleanField(_("whole numbers only (a count)"), default=False)
    ranked_units = models.CharField(
        _("what the ranking ranks"),
        max_length=60,
        blank=True,
        help_text=_("For a place in a ranking: “tỉnh”, “sở, ngành”. Empty for other indicators."),
    )
    ranked_among = models.JSONField(
        _("how many are ranked, from which year"),
        default=dict,
        blank=True,
        help_text=_('For a place in a ranking: {"2000": 63, "2025": 34} (from the year on).'),
    )
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(aggregation="weighted_average")
                | models.Q(weight_indicator__isnull=False),
                name="indicator_weighted_average_has_weight",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.name}"

    @property
    def label(self) -> str:
        """The name tables and charts show: the short name, or the name where it has none."""
        return self.short_name or self.name

    @property
    def is_percentage(self) -> bool:
        """Changes of a percentage are shown in percentage points."""
        return self.unit_of_measure.strip() == "%"

    def ranked_out_of(self, year: int) -> int | None:
        """How many units a place of `year` is out of (34 provinces since 2025, 63 before)."""
        return out_of(self.ranked_among, year)

    def value_bounds(self) -> Bounds:
        """What a figure of this indicator may be: the column's digits, its own limits."""
        return Bounds(minimum=self.minimum, maximum=self.maximum, whole=self.whole_numbers)
