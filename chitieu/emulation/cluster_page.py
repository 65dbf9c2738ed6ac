"""What a cluster's year page shows a user: the grid, the ranking, the guard of the year, and
only the forms the permission rules let this user use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from chitieu.accounts.permissions import (
    Capability,
    can_manage_cluster,
    can_score,
    can_sign,
    can_view_proposal,
    can_vote,
    has_capability,
)
from chitieu.core.users import AnyUser
from chitieu.emulation import selectors
from chitieu.emulation.models import ClusterMember, ClusterYear, Stage
from chitieu.targets.models import Target


@dataclass
class ClusterPage:
    cy: ClusterYear
    grid: selectors.ScoreGrid
    signable: set[int]
    score_members: list[ClusterMember]
    score_stages: list[tuple[str, str | Promise]]
    can_vote: bool
    can_manage: bool
    ranking: list[selectors.RankRow]
    guard: selectors.YearGuard
    votes: QuerySet[Any]
    awards: QuerySet[Any]
    titles: QuerySet[Any]
    member_targets: dict[int, list[tuple[Target, bool]]]
    chart: dict[str, object]
    proposals: list[Any]
    openable_proposals: set[int]  # a member's users see that the cluster proposed, no more
    can_view_organiser: bool  # a member's own users see the cluster, not the Board's page


def member_targets(cluster_year: ClusterYear) -> dict[int, list[tuple[Target, bool]]]:
    """The main targets of each member for the year, with whether it committed to each."""
    members = list(cluster_year.members.all())
    by_unit: dict[int, list[Target]] = {member.unit_id: [] for member in members}
    for target in Target.objects.filter(
        unit_id__in=by_unit, period=str(cluster_year.year), is_main=True
    ).select_related("indicator"):
        by_unit[target.unit_id].append(target)
    committed = set(
        ClusterMember.committed_targets.through.objects.filter(
            clustermember__cluster_year=cluster_year
        ).values_list("clustermember_id", "target_id")
    )
    return {
        member.pk: [(t, (member.pk, t.pk) in committed) for t in by_unit[member.unit_id]]
        for member in members
    }


def _chart(ranking: list[selectors.RankRow]) -> dict[str, object]:
    return {
        "names": {"points": _("Points")},
        "units": [row.unit.name for row in ranking],
        "points": [str(row.total) for row in ranking],
    }


def cluster_page(user: AnyUser, cluster_year: ClusterYear) -> ClusterPage:
    ranking = selectors.cluster_ranking(cluster_year)
    grid = selectors.score_grid(cluster_year)
    for member in grid.members:
        member.cluster_year = cluster_year  # the rules read the year's chair and organiser
    scorable = {
        member.pk: [code for code in Stage.values if can_score(user, member, code)]
        for member in grid.members
    }
    stages = {code for codes in scorable.values() for code in codes}
    proposals = list(cluster_year.proposals.select_related("unit__parent", "considered_at"))
    return ClusterPage(
        cy=cluster_year,
        grid=grid,
        signable={member.pk for member in grid.members if can_sign(user, member)},
        score_members=[member for member in grid.members if scorable[member.pk]],
        score_stages=[(code, label) for code, label in Stage.choices if code in stages],
        can_vote=can_vote(user, cluster_year),
        can_manage=can_manage_cluster(user, cluster_year),
        ranking=ranking,
        guard=selectors.year_guard(cluster_year),
        votes=cluster_year.votes.select_related("award", "unit"),
        awards=selectors.award_kinds().filter(code__in=["CO_TINH", "BK_TINH"]),
        titles=selectors.award_kinds().filter(is_title=True, subject="collective"),
        member_targets=member_targets(cluster_year),
        chart=_chart(ranking),
        proposals=proposals,
        openable_proposals={p.pk for p in proposals if can_view_proposal(user, p)},
        can_view_organiser=has_capability(user, Capability.VIEW, cluster_year.cluster.organiser),
    )
