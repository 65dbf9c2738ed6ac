"""Administrative units in time, and organisations attached to them.

A `Unit` is one version of a unit: its name, type and parent hold from `valid_from` to
`valid_to` (both inclusive; empty means open). Official codes are reused across the 2025 reform
(code 24 is Bắc Giang before and the new Bắc Ninh after), so units are keyed by a surrogate id,
never by code. `UnitLink` records that an old unit went, whole or in part, into a new one.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from chitieu.core.dates import format_date
from chitieu.core.text import fold
from chitieu.core.users import AnyUser


class UnitType(models.TextChoices):
    PROVINCE = "tinh", _("Province")
    CENTRAL_CITY = "thanh_pho_tw", _("Centrally-run city")
    DISTRICT = "huyen", _("District")
    URBAN_DISTRICT = "quan", _("Urban district")
    TOWN = "thi_xa", _("Town")
    PROVINCIAL_CITY = "thanh_pho_thuoc_tinh", _("Provincial city")
    COMMUNE = "xa", _("Commune")
    WARD = "phuong", _("Ward")
    TOWNSHIP = "thi_tran", _("Township")
    SPECIAL_ZONE = "dac_khu", _("Special zone")
    AGENCY = "co_quan", _("Department or agency")
    ENTERPRISE = "doanh_nghiep", _("Enterprise")
    SCHOOL = "truong_hoc", _("School")
    PARTY_COMMITTEE = "to_chuc_dang", _("Party committee")
    OTHER_ORGANISATION = "to_chuc_khac", _("Other organisation")
    VILLAGE = "thon", _("Village (thôn)")
    RESIDENTIAL_GROUP = "to_dan_pho", _("Residential group (tổ dân phố)")


PROVINCE_LEVEL = {UnitType.PROVINCE, UnitType.CENTRAL_CITY}
DISTRICT_LEVEL = {
    UnitType.DISTRICT,
    UnitType.URBAN_DISTRICT,
    UnitType.TOWN,
    UnitType.PROVINCIAL_CITY,
}
COMMUNE_LEVEL = {UnitType.COMMUNE, UnitType.WARD, UnitType.TOWNSHIP, UnitType.SPECIAL_ZONE}
# Below a commune or ward: thôn (villages, of communes) and tổ dân phố (of wards and townships);
# either may be under any commune-level unit (a commune can have both).
HAMLET_LEVEL = {UnitType.VILLAGE, UnitType.RESIDENTIAL_GROUP}
ORGANISATION_TYPES = {
    UnitType.AGENCY,
    UnitType.ENTERPRISE,
    UnitType.SCHOOL,
    UnitType.PARTY_COMMITTEE,
    UnitType.OTHER_ORGANISATION,
}


class UnitQuerySet(models.QuerySet["Unit"]):
    def valid_on(self, date: dt.date) -> UnitQuerySet:
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=date),
            Q(valid_to__isnull=True) | Q(valid_to__gte=date),
        )

    def visible_to(self, user: AnyUser) -> UnitQuerySet:
        from chitieu.accounts.permissions import Capability, scope

        return cast("UnitQuerySet", scope(self, user, Capability.VIEW, path_field="path"))

    def search(self, query: str) -> UnitQuerySet:
        """Every word of the query starts a word of the name: "ky anh" finds "Thị xã Kỳ Anh",
        not "Thành phố Tam Kỳ"."""
        result = self
        for word in fold(query).split():
            result = result.filter(
                Q(search_name__startswith=word) | Q(search_name__contains=f" {word}")
            )
        return result


class Unit(models.Model):
    code = models.CharField(_("official code"), max_length=20, blank=True, db_index=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=150, blank=True)
    type = models.CharField(_("type"), max_length=24, choices=UnitType.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    # Derived, kept by the services: the ids from the root down ("/12/345/"), for subtree
    # queries in one indexed LIKE; the folded name and parent names for diacritic-free search.
    path = models.CharField(max_length=255, db_index=True, editable=False)
    search_name = models.CharField(max_length=400, editable=False)
    # The key of an imported unit in its source list, so that a second import finds it again.
    source_key = models.CharField(
        max_length=160, unique=True, null=True, blank=True, editable=False
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_from__lte=models.F("valid_to")),
                name="unit_valid_from_before_valid_to",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_organisation(self) -> bool:
        return self.type in ORGANISATION_TYPES

    def is_valid_on(self, date: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= date) and (
            self.valid_to is None or date <= self.valid_to
        )

    def existed_during(self, start: dt.date, end: dt.date) -> bool:
        """Whether the unit existed on some day from `start` to `end`."""
        return (self.valid_from is None or self.valid_from <= end) and (
            self.valid_to is None or start <= self.valid_to
        )

    def lifetime_text(self) -> str:
        """ "từ 01/07/2025", "đến 30/06/2025", "từ … đến …" or "" for Vietnamese messages."""
        parts = []
        if self.valid_from:
            parts.append(f"từ {format_date(self.valid_from)}")
        if self.valid_to:
            parts.append(f"đến {format_date(self.valid_to)}")
        return " ".join(parts)

    def refresh_search_name(self) -> None:
        self.search_name = fold(f"{self.name} {self.short_name}")


class UnitLink(models.Model):
    """An old unit went, whole or in part, into a new unit on `effective_date`."""

    predecessor = models.ForeignKey(
        Unit, verbose_name=_("old unit"), on_delete=models.CASCADE, related_name="successor_links"
    )
    successor = models.ForeignKey(
        Unit, verbose_name=_("new unit"), on_delete=models.CASCADE, related_name="predecessor_links"
    )
    effective_date = models.DateField(_("effective date"))
    whole = models.BooleanField(
        _("went whole"),
        default=True,
        help_text=_("Whether the whole old unit went into the new one, or only a part of it."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["effective_date", "id"]
        verbose_name = _("merge or split link")
        verbose_name_plural = _("merge and split links")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="unit_link_unique_pair"
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")), name="unit_link_not_to_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"
