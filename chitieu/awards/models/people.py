"""Persons and collectives with their history: the awards they received, their annual ratings,
initiatives and pending matters.

An award record belongs to a person or to a collective (a unit or organisation of the registry).
A person keeps their history when their unit is merged; a collective formed by a merger inherits
the history of the units that went into it whole (see people.selectors.collective_history)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from chitieu.awards.models.rules import AwardKind
from chitieu.core.text import fold


class Sex(models.TextChoices):
    MALE = "nam", _("Male")
    FEMALE = "nu", _("Female")


class Group(models.TextChoices):
    LEADER = "lanh_dao", _("Leader or manager")
    WORKER = "cong_nhan", _("Worker")
    FARMER = "nong_dan", _("Farmer")
    OTHER = "khac", _("Other")


class Person(models.Model):
    full_name = models.CharField(_("full name"), max_length=150)
    sex = models.CharField(_("sex"), max_length=3, choices=Sex.choices)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="people"
    )
    position = models.CharField(_("position"), max_length=150, blank=True)
    group = models.CharField(_("group"), max_length=10, choices=Group.choices, default=Group.OTHER)
    search_name = models.CharField(max_length=200, editable=False)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["full_name", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_name = fold(self.full_name)
        super().save(*args, **kwargs)


def one_subject() -> Q:
    return (Q(person__isnull=False) & Q(unit__isnull=True)) | (
        Q(person__isnull=True) & Q(unit__isnull=False)
    )


class CommendationType(models.TextChoices):
    MERIT = "cong_trang", _("For merit")
    SUDDEN = "dot_xuat", _("Sudden")
    THEME = "chuyen_de", _("Movement or theme")
    DEDICATION = "cong_hien", _("Dedication")
    SERVICE = "nien_han", _("Length of service")
    FOREIGN = "doi_ngoai", _("Foreign relations")


class AwardRecord(models.Model):
    """One title or reward in the history of a person or a collective."""

    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="awards"
    )
    unit = models.ForeignKey(
        "units.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="awards"
    )
    award = models.ForeignKey(AwardKind, verbose_name=_("award"), on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("achievement year"))
    commendation_type = models.CharField(
        _("type"), max_length=12, choices=CommendationType.choices, default=CommendationType.MERIT
    )
    decision = models.ForeignKey(
        "awards.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="awards"
    )
    decision_number = models.CharField(_("decision number"), max_length=60)
    decision_date = models.DateField(_("decision date"))
    issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    cash = models.DecimalField(
        _("cash (đồng)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["-year", "-decision_date"]
        verbose_name = _("award record")
        verbose_name_plural = _("award records")
        constraints = [models.CheckConstraint(condition=one_subject(), name="award_one_subject")]

    def __str__(self) -> str:
        return f"{self.award} {self.year} — {self.person or self.unit}"

    @property
    def counts_for_merit(self) -> bool:
        return self.commendation_type not in (CommendationType.SUDDEN, CommendationType.THEME)


class Rating(models.TextChoices):
    EXCELLENT = "HTXS", _("Completed tasks excellently")
    GOOD = "HTT", _("Completed tasks well")
    DONE = "HT", _("Completed tasks")
    NOT_DONE = "KHT", _("Did not complete tasks")


class AnnualRating(models.Model):
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="ratings"
    )
    unit = models.ForeignKey(
        "units.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="ratings"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    rating = models.CharField(_("rating"), max_length=4, choices=Rating.choices)

    class Meta:
        verbose_name = _("annual rating")
        verbose_name_plural = _("annual ratings")
        constraints = [
            models.CheckConstraint(condition=one_subject(), name="rating_one_subject"),
            models.UniqueConstraint(fields=["person", "year"], name="rating_person_year"),
            models.UniqueConstraint(fields=["unit", "year"], name="rating_unit_year"),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.unit} {self.year}: {self.rating}"


class Scope(models.TextChoices):
    UNIT = "co_so", _("Within the unit")
    PROVINCE = "tinh", _("Province-wide")
    NATIONAL = "toan_quoc", _("Nationwide")


class Initiative(models.Model):
    """A recognised initiative (sáng kiến) or accepted research project of a person."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="initiatives")
    title = models.CharField(_("title"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year recognised"))
    scope = models.CharField(_("scope of effect"), max_length=10, choices=Scope.choices)
    is_research = models.BooleanField(_("research project"), default=False)
    used_for = models.ForeignKey(
        AwardRecord, null=True, blank=True, on_delete=models.SET_NULL, related_name="initiatives"
    )
    # The decision that recognised the initiative (or accepted the research project).
    decision_number = models.CharField(_("recognised by decision"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    issuer = models.CharField(_("issued by"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    def __str__(self) -> str:
        return self.title


class PendingKind(models.TextChoices):
    DISCIPLINE = "ky_luat", _("discipline")
    INSPECTION = "thanh_tra", _("inspection")
    COMPLAINT = "khieu_nai", _("complaint")


class DisciplineLevel(models.TextChoices):
    REPRIMAND = "khien_trach", _("Reprimand")
    WARNING = "canh_cao", _("Warning")
    DEMOTION = "giang_chuc", _("Demotion")
    REMOVAL = "cach_chuc", _("Removal from office")
    DISMISSAL = "buoc_thoi_viec", _("Dismissal")


class Matter(models.Model):
    """A discipline, inspection or complaint concerning a person or a collective."""

    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="matters"
    )
    unit = models.ForeignKey(
        "units.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="matters"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=PendingKind.choices)
    level = models.CharField(
        _("discipline level"), max_length=16, choices=DisciplineLevel.choices, blank=True
    )
    year = models.PositiveSmallIntegerField(_("year"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("discipline, inspection or complaint")
        verbose_name_plural = _("disciplines, inspections and complaints")
        constraints = [models.CheckConstraint(condition=one_subject(), name="matter_one_subject")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.person or self.unit}"
