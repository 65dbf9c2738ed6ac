"""The emulation and commendation fund of a unit for a year, with its entries."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from chitieu.awards.models.decisions import Decision


class Fund(models.Model):
    """The emulation and commendation fund (quỹ thi đua, khen thưởng) of a unit for a year."""

    unit = models.ForeignKey("units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("year"))

    class Meta:
        verbose_name = _("reward fund")
        verbose_name_plural = _("reward funds")
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="fund_unique")]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"


class FundEntryKind(models.TextChoices):
    INCOME = "income", _("Allocation")
    SPENDING = "spending", _("Spending")


class FundEntry(models.Model):
    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(_("kind"), max_length=8, choices=FundEntryKind.choices)
    amount = models.DecimalField(_("amount (đồng)"), max_digits=16, decimal_places=0)
    date = models.DateField(_("date"))
    description = models.CharField(_("description"), max_length=300)
    decision = models.OneToOneField(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="fund_entry"
    )
    # A spending beyond the balance, confirmed by the Board: why.
    overdraw_reason = models.CharField(_("reason for overdrawing"), max_length=300, blank=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("fund entry")
        verbose_name_plural = _("fund entries")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount}"
