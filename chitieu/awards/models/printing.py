"""Where the fields of a certificate are printed on a pre-printed blank."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from chitieu.awards.models.rules import AwardKind

BLANK_FIELDS = ("name", "unit", "achievement", "decision", "place_date", "signer")


def default_blank_fields() -> dict[str, dict[str, Any]]:
    """A Bằng khen blank in landscape A4: where each printed line goes, in millimetres."""
    return {
        "name": {"x": 60, "y": 92, "size": 24, "bold": True, "width": 177},
        "unit": {"x": 60, "y": 106, "size": 15, "bold": False, "width": 177},
        "achievement": {"x": 45, "y": 120, "size": 15, "bold": False, "width": 207},
        "decision": {"x": 30, "y": 170, "size": 12, "bold": False, "width": 110},
        "place_date": {"x": 160, "y": 160, "size": 13, "bold": False, "width": 110},
        "signer": {"x": 160, "y": 190, "size": 14, "bold": True, "width": 110},
    }


class BlankLayout(models.Model):
    """Where the fields of a certificate are printed on a pre-printed blank."""

    name = models.CharField(_("name"), max_length=150)
    award = models.ForeignKey(
        AwardKind, verbose_name=_("for"), on_delete=models.PROTECT, related_name="+"
    )
    page_width = models.DecimalField(
        _("page width (mm)"), max_digits=6, decimal_places=1, default=297
    )
    page_height = models.DecimalField(
        _("page height (mm)"), max_digits=6, decimal_places=1, default=210
    )
    font = models.CharField(_("font"), max_length=60, default="Times New Roman")
    fields = models.JSONField(_("fields"), default=default_blank_fields)
    # None: the installation's layout, kept by system administrators; a unit's own copy is
    # adjusted by its Board and used for the decisions of that unit and the units under it.
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("blank layout")
        verbose_name_plural = _("blank layouts")

    def __str__(self) -> str:
        return self.name
