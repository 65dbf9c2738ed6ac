"""A cluster's proposal made from its vote: the voted units for the voted awards, judged by the
checker against the cluster's ranking and the rules of the year."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from chitieu.accounts.permissions import PermissionDenied, can_manage_cluster
from chitieu.awards.models import Proposal, ProposalItem
from chitieu.awards.proposals.checking import proposal_check
from chitieu.core.audit import audited, record_creation
from chitieu.core.users import Actor
from chitieu.emulation import guards
from chitieu.emulation.models import ClusterYear


@audited
def proposal_from_votes(*, actor: Actor, cluster_year: ClusterYear) -> Proposal:
    """The cluster's proposal to the province: the voted units for the voted awards; the
    checker then judges each against the ranking and the rules of the year."""
    organiser = cluster_year.cluster.organiser
    if not can_manage_cluster(actor, cluster_year):
        raise PermissionDenied(f"Bạn không có quyền lập tờ trình của {cluster_year}.")
    with transaction.atomic():
        # One vote, one proposal: the year's row is locked while its proposal is made.
        ClusterYear.objects.select_for_update(of=("self",)).get(pk=cluster_year.pk)
        # Only on a confirmed scoring (or the Board's recorded override), in an open year.
        guards.require_open(cluster_year, "lập tờ trình")
        guards.require_confirmed(cluster_year, "lập tờ trình")
        existing = Proposal.objects.filter(cluster_year=cluster_year).first()
        if existing is not None:
            raise ValidationError(f"Tờ trình từ kết quả bỏ phiếu đã được lập: {existing.title}.")
        votes = list(cluster_year.votes.select_related("award", "unit"))
        if not votes:
            raise ValidationError("Cụm chưa bỏ phiếu.")
        proposal = Proposal.objects.create(
            unit=organiser,
            year=cluster_year.year,
            cluster_year=cluster_year,
            created_by=actor,
            title=f"Đề nghị khen thưởng {cluster_year.cluster.name} năm {cluster_year.year}",
        )
        record_creation(actor=actor, instance=proposal, scope_path=organiser.path)
        for vote in votes:
            item = ProposalItem.objects.create(
                proposal=proposal,
                unit=vote.unit,
                award=vote.award,
                votes_in_favour=vote.votes_in_favour,
                council_members=vote.voters,
                achievement=f"Kết quả bình xét của {cluster_year.cluster.name}",
            )
            record_creation(
                actor=actor, instance=item, scope_path=organiser.path, verb="từ kết quả bỏ phiếu"
            )
        proposal_check(proposal=proposal)
    return proposal
