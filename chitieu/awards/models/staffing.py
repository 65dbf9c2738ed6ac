"""The bodies and civil servants doing emulation and commendation work (công tác thi đua, khen
thưởng) of a province in a year, as the province enters them: the system holds no other record
of them. Biểu 0604.N and 0605.N/BNV-TĐKT are counted from these."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from chitieu.awards.models.people import Sex


class TrainingLevel(models.TextChoices):
    """The rows 08–12 of Biểu 0605.N."""

    ELEMENTARY = "so_cap", _("Elementary")
    INTERMEDIATE = "trung_cap", _("Intermediate")
    COLLEGE = "cao_dang", _("College")
    UNIVERSITY = "dai_hoc", _("University")
    POSTGRADUATE = "tren_dai_hoc", _("Postgraduate")


class TdktBodies(models.Model):
    """How many bodies do TĐKT work in the province, by the rows 02–05 of Biểu 0604.N."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    ministry_departments = models.PositiveSmallIntegerField(
        _("departments of a ministry or central body"), default=0
    )
    department_sections = models.PositiveSmallIntegerField(
        _("sections or offices of a department"), default=0
    )
    home_affairs_boards = models.PositiveSmallIntegerField(
        _("boards of the Department of Home Affairs"), default=0
    )
    home_affairs_offices = models.PositiveSmallIntegerField(
        _("offices of the Department of Home Affairs"), default=0
    )

    class Meta:
        verbose_name = _("bodies doing emulation work")
        verbose_name_plural = _("bodies doing emulation work")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="tdkt_bodies_unit_year")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"


class TdktOfficer(models.Model):
    """A civil servant doing TĐKT work in the province in a year (Biểu 0605.N)."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    full_name = models.CharField(_("full name"), max_length=150)
    sex = models.CharField(_("sex"), max_length=3, choices=Sex.choices)
    birth_date = models.DateField(_("date of birth"))
    training = models.CharField(_("training level"), max_length=12, choices=TrainingLevel.choices)
    began_year = models.PositiveSmallIntegerField(_("year TĐKT work began"))

    class Meta:
        ordering = ["full_name", "birth_date", "id"]
        verbose_name = _("civil servant doing emulation work")
        verbose_name_plural = _("civil servants doing emulation work")
        indexes = [models.Index(fields=["unit", "year"])]

    def __str__(self) -> str:
        return self.full_name
