"""The decisions of a People's Committee on a proposal; their awards enter the history."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Decision(models.Model):
    number = models.CharField(_("number"), max_length=60)
    date = models.DateField(_("date"))
    issuer = models.CharField(_("issued by"), max_length=200)
    signer = models.CharField(_("signed by"), max_length=150, blank=True)
    # "Chủ tịch" signs for the Committee (TM.), "Phó Chủ tịch" for the Chairman (KT.).
    signer_title = models.CharField(_("signer's title"), max_length=60, blank=True)
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


class LegalBasis(models.Model):
    """One line of the grounds ("Căn cứ …", "Xét đề nghị của …") a unit's decisions and
    proposals print, in order; a unit without its own lines uses those of the nearest level
    above, else the default set (awards.decisions.legal_basis)."""

    unit = models.ForeignKey("units.Unit", verbose_name=_("unit"), on_delete=models.CASCADE)
    position = models.PositiveSmallIntegerField(_("order"))
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["unit", "position"]
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
        constraints = [
            models.UniqueConstraint(fields=["unit", "position"], name="legal_basis_position")
        ]

    def __str__(self) -> str:
        return self.text
