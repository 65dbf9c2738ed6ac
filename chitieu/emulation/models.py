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


class Rule(models.TextChoices):
    """How a computed criterion turns the targets into points (the page states it in words)."""

    SHARE = "share", _("Share of main targets met and exceeded × maximum")
    RATIO = "ratio", _("Mean ratio to plan of the main targets, each capped, × maximum")
    HEADLINE = "headline", _("Headline of a chosen issuer's targets × maximum")
    PER_TARGET = "per_target", _("Points per main target met and exceeded (old tables)")


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
    evidence_required = models.BooleanField(_("evidence required"), default=False)
    rule = models.CharField(
        _("computation rule"), max_length=10, choices=Rule.choices, default=Rule.PER_TARGET
    )
    ratio_cap = models.DecimalField(
        _("cap on each target's ratio to plan (%)"), max_digits=6, decimal_places=2, default=100
    )
    issuer = models.CharField(_("issuer of the targets"), max_length=200, blank=True)

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
    # The guards of the year: the Board confirms the scoring (or overrides, with its reason)
    # before votes and proposals; a closed (decided) year refuses changes until reopened.
    scoring_confirmed_at = models.DateTimeField(_("scoring confirmed at"), null=True, blank=True)
    scoring_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmation_override = models.TextField(_("reason for confirming anyway"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reopened_at = models.DateTimeField(_("reopened at"), null=True, blank=True)
    reopen_reason = models.TextField(_("reason for reopening"), blank=True)

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
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_for_member = models.BooleanField(
        _("recorded by the Board on the member's behalf"), default=False
    )
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


class MovementScope(models.TextChoices):
    """Phạm vi tổ chức thi đua (Luật Thi đua, khen thưởng 2022, Điều 16 khoản 2)."""

    NATIONAL = "toan_quoc", _("Nationwide")
    SECTOR_LOCALITY = "nganh_dia_phuong", _("Ministry, sector, mass organisation or locality")
    CLUSTER = "cum_khoi", _("Cluster or block organised by an emulation council")
    AGENCY = "co_quan", _("Agency, organisation or unit")


class MovementMethod(models.TextChoices):
    """Hình thức tổ chức thi đua (Luật Thi đua, khen thưởng 2022, Điều 16 khoản 1)."""

    THEMATIC = "chuyen_de", _("Thematic emulation")
    REGULAR = "thuong_xuyen", _("Regular yearly emulation")


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
    scope = models.CharField(
        _("scope"),
        max_length=16,
        choices=MovementScope.choices,
        default=MovementScope.SECTOR_LOCALITY,
    )
    method = models.CharField(
        _("organising method"),
        max_length=12,
        choices=MovementMethod.choices,
        default=MovementMethod.THEMATIC,
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-document_date"]
        verbose_name = _("emulation movement")
        verbose_name_plural = _("emulation movements")

    def __str__(self) -> str:
        return self.name


class ReviewKind(models.TextChoices):
    MIDTERM = "so_ket", _("Mid-term review (sơ kết)")
    FINAL = "tong_ket", _("Final review (tổng kết)")


class MovementReview(models.Model):
    """A mid-term (sơ kết) or final (tổng kết) review of a movement, held on a day, with its
    results; the awards made for the movement are the decided proposals that name it."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(_("kind of review"), max_length=8, choices=ReviewKind.choices)
    held_on = models.DateField(_("held on"))
    document_number = models.CharField(_("report number"), max_length=60, blank=True)
    results = models.TextField(_("results"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_on", "id"]
        verbose_name = _("movement review")
        verbose_name_plural = _("movement reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["movement"],
                condition=models.Q(kind="tong_ket"),
                name="movement_one_final_review",
            )
        ]

    def __str__(self) -> str:
        return f"{self.movement} · {self.get_kind_display()} {self.held_on:%d/%m/%Y}"
