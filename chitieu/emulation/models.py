"""Emulation clusters and blocks by year, agreements and registrations, movements, scoring
tables with their scores, and the votes that turn a ranking into proposals.

A `ClusterYear` holds what changes every year (members, chair and deputy, the scoring table,
the agreement) so that next year's changes never rewrite the past.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chitieu.core.files import RandomName


class ClusterKind(models.TextChoices):
    CLUSTER = "cum", _("Cluster (localities)")
    BLOCK = "khoi", _("Block (departments, enterprises, schools)")


class Cluster(models.Model):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=4, choices=ClusterKind.choices)
    organiser = models.ForeignKey(
        "units.Unit", verbose_name=_("organised by"), on_delete=models.PROTECT, related_name="+"
    )
    decision_number = models.CharField(_("decision number"), max_length=60)
    decision_date = models.DateField(_("decision date"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("emulation cluster or block")
        verbose_name_plural = _("emulation clusters and blocks")

    def __str__(self) -> str:
        return self.name


class ScoringTable(models.Model):
    organiser = models.ForeignKey(
        "units.Unit", verbose_name=_("organised by"), on_delete=models.PROTECT
    )
    year = models.PositiveSmallIntegerField(_("year"))
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("scoring table")
        verbose_name_plural = _("scoring tables")

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"


class Method(models.TextChoices):
    MANUAL = "manual", _("Scored by people, with evidence")
    TARGETS = "targets", _("Computed from target achievement")


class Criterion(models.Model):
    table = models.ForeignKey(ScoringTable, on_delete=models.CASCADE, related_name="criteria")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=300)
    max_points = models.DecimalField(_("maximum points"), max_digits=7, decimal_places=2)
    guidance = models.TextField(_("guidance"), blank=True)
    method = models.CharField(
        _("method"), max_length=8, choices=Method.choices, default=Method.MANUAL
    )
    points_per_met = models.DecimalField(
        _("points per main target met"), max_digits=6, decimal_places=2, default=0
    )
    points_per_exceeded = models.DecimalField(
        _("extra points per main target exceeded"), max_digits=6, decimal_places=2, default=0
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class ClusterYear(models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField(_("year"))
    chair = models.ForeignKey(
        "units.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("chair"),
    )
    deputy = models.ForeignKey(
        "units.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("deputy"),
    )
    scoring_table = models.ForeignKey(ScoringTable, null=True, blank=True, on_delete=models.PROTECT)
    agreement_text = models.TextField(_("agreement"), blank=True)
    agreement_date = models.DateField(_("agreement signed on"), null=True, blank=True)
    tie_break = models.CharField(
        _("tie-break rule"),
        max_length=300,
        default="Điểm chỉ tiêu cao hơn; nhiều chỉ tiêu vượt hơn; tập thể có từ 70% nữ; tên đơn vị.",
    )

    class Meta:
        ordering = ["-year", "cluster__name"]
        verbose_name = _("cluster year")
        verbose_name_plural = _("cluster years")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "year"], name="cluster_year_unique")
        ]

    def __str__(self) -> str:
        return f"{self.cluster} — {self.year}"


class ClusterMember(models.Model):
    cluster_year = models.ForeignKey(ClusterYear, on_delete=models.CASCADE, related_name="members")
    unit = models.ForeignKey("units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT)
    signed_on = models.DateField(_("signed the agreement on"), null=True, blank=True)
    registered_titles = models.ManyToManyField(
        "awards.AwardKind", blank=True, verbose_name=_("registered titles")
    )
    committed_targets = models.ManyToManyField(
        "targets.Target", blank=True, verbose_name=_("committed targets")
    )
    women_majority = models.BooleanField(_("at least 70% women"), default=False)

    class Meta:
        ordering = ["unit__name"]
        verbose_name = _("cluster member")
        verbose_name_plural = _("cluster members")
        constraints = [
            models.UniqueConstraint(fields=["cluster_year", "unit"], name="member_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit} ({self.cluster_year})"


class Stage(models.TextChoices):
    SELF = "self", _("Self-assessment")
    CLUSTER = "cluster", _("Cluster review")
    BOARD = "board", _("Confirmed by the Board")


class Score(models.Model):
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    member = models.ForeignKey(ClusterMember, on_delete=models.CASCADE, related_name="scores")
    stage = models.CharField(_("stage"), max_length=8, choices=Stage.choices)
    points = models.DecimalField(_("points"), max_digits=7, decimal_places=2)
    comment = models.TextField(_("comment"), blank=True)
    evidence = models.FileField(_("evidence"), upload_to=RandomName("evidence"), blank=True)
    evidence_name = models.CharField(_("file name"), max_length=255, blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    scored_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["criterion", "member", "stage"], name="score_unique")
        ]

    def __str__(self) -> str:
        return f"{self.member} · {self.criterion.code} · {self.stage}: {self.points}"


class Vote(models.Model):
    """The cluster's vote for the leading unit (Cờ thi đua) and the next ones (Bằng khen)."""

    cluster_year = models.ForeignKey(ClusterYear, on_delete=models.CASCADE, related_name="votes")
    award = models.ForeignKey("awards.AwardKind", on_delete=models.PROTECT)
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT)
    votes_in_favour = models.PositiveIntegerField(_("votes in favour"))
    voters = models.PositiveIntegerField(_("voters"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["cluster_year", "award", "unit"], name="vote_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit}: {self.votes_in_favour}/{self.voters}"


class Movement(models.Model):
    """An emulation movement, launched by a document, with its period, theme and tasks."""

    name = models.CharField(_("name"), max_length=300)
    theme = models.CharField(_("theme"), max_length=300, blank=True)
    launched_by = models.ForeignKey(
        "units.Unit", verbose_name=_("launched by"), on_delete=models.PROTECT, related_name="+"
    )
    document_number = models.CharField(_("document number"), max_length=60)
    document_date = models.DateField(_("document date"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    tasks = models.TextField(_("tasks"), blank=True)
    participants = models.ManyToManyField(
        "units.Unit", blank=True, related_name="movements", verbose_name=_("participating units")
    )
    midterm_review_on = models.DateField(_("mid-term review"), null=True, blank=True)
    final_review_on = models.DateField(_("final review"), null=True, blank=True)

    class Meta:
        ordering = ["-document_date"]
        verbose_name = _("emulation movement")
        verbose_name_plural = _("emulation movements")

    def __str__(self) -> str:
        return self.name
