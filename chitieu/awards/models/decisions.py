"""The decisions of a People's Committee on a proposal; their awards enter the history."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Decision(models.Model):
    number = models.CharField(_("number"), max_length=60)
    date = models.DateField(_("date"))
    issuer = models.CharField(_("issued by"), max_length=200)
    signer = models.CharField(_("signed by"), max_length=150, blank=True)
    unit = models.ForeignKey("units.Unit", verbose_name=_("issuing unit"), on_delete=models.PROTECT)
    proposal = models.OneToOneField(
        "Proposal", null=True, blank=True, on_delete=models.PROTECT, related_name="decision"
    )

    class Meta:
        ordering = ["-date", "number"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.number} ngày {self.date:%d/%m/%Y}"
