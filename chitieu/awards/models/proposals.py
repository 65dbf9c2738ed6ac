"""Commendation proposals (tờ trình) of a unit, with their list, and the steps they went through."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chitieu.awards.models.people import CommendationType, Initiative, Person, one_subject
from chitieu.awards.models.rules import AwardKind
from chitieu.core.files import RandomName


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    SUBMITTED = "submitted", _("Sent to the Board")
    REVIEWED = "reviewed", _("Reviewed by the Board")
    AT_COMMITTEE = "committee", _("Before the People's Committee")
    RETURNED = "returned", _("Returned")
    DECIDED = "decided", _("Decided")


class Proposal(models.Model):
    """A commendation proposal (tờ trình) of a unit, with its list."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("proposing unit"), on_delete=models.PROTECT
    )
    year = models.PositiveSmallIntegerField(_("achievement year"))
    title = models.CharField(_("title"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT
    )
    # The level whose Board holds the proposal once sent: the level above the unit (or the
    # cluster's organiser), then each level it is forwarded to; its People's Committee decides.
    considered_at = models.ForeignKey(
        "units.Unit",
        verbose_name=_("considered at"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Stored under random names; the names the files were uploaded with are kept beside them.
    achievement_report = models.FileField(
        _("achievement report"), upload_to=RandomName("proposals"), blank=True
    )
    achievement_report_name = models.CharField(_("file name"), max_length=255, blank=True)
    vote_minutes = models.FileField(
        _("vote minutes"), upload_to=RandomName("proposals"), blank=True
    )
    vote_minutes_name = models.CharField(_("file name"), max_length=255, blank=True)
    cluster_year = models.ForeignKey(
        "emulation.ClusterYear",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    movement = models.ForeignKey(
        "emulation.Movement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(_("last comment"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("commendation proposal")
        verbose_name_plural = _("commendation proposals")
        constraints = [
            # One vote of a cluster's year, one proposal (awards.proposals.from_votes).
            models.UniqueConstraint(fields=["cluster_year"], name="proposal_one_per_cluster_year")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.unit}, {self.year})"

    @property
    def is_editable(self) -> bool:
        return self.status in (ProposalStatus.DRAFT, ProposalStatus.RETURNED)


class ProposalItem(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="items")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT)
    unit = models.ForeignKey("units.Unit", null=True, blank=True, on_delete=models.PROTECT)
    award = models.ForeignKey(AwardKind, verbose_name=_("award"), on_delete=models.PROTECT)
    commendation_type = models.CharField(
        _("type"), max_length=12, choices=CommendationType.choices, default=CommendationType.MERIT
    )
    achievement = models.TextField(_("achievement"), blank=True)
    votes_in_favour = models.PositiveIntegerField(_("votes in favour"), null=True, blank=True)
    council_members = models.PositiveIntegerField(_("council members"), null=True, blank=True)
    initiatives = models.ManyToManyField(
        Initiative, blank=True, verbose_name=_("initiatives relied on")
    )
    justification = models.TextField(
        _("justification"), blank=True, help_text=_("Required when a condition is not met.")
    )
    findings = models.JSONField(_("checker findings"), default=list, blank=True)
    eligible = models.BooleanField(_("meets every condition"), default=False)
    # The People's Committee's answer: None until decided, then granted or refused with a reason.
    granted = models.BooleanField(_("granted"), null=True, blank=True)
    refusal_reason = models.CharField(_("reason for refusing"), max_length=300, blank=True)

    class Meta:
        ordering = ["id"]  # the order in which the unit listed them
        verbose_name = _("proposed award")
        verbose_name_plural = _("proposed awards")
        constraints = [models.CheckConstraint(condition=one_subject(), name="item_one_subject")]

    def __str__(self) -> str:
        return f"{self.award} — {self.person or self.unit}"

    @property
    def is_flagged(self) -> bool:
        """Goes forward although a condition is not met, on a written justification."""
        return not self.eligible


class ProposalStep(models.Model):
    """Who moved a proposal from which status to which, when, and why."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="steps")
    from_status = models.CharField(max_length=10, choices=ProposalStatus.choices)
    to_status = models.CharField(max_length=10, choices=ProposalStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    time = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["time", "id"]

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.from_status} → {self.to_status}"
