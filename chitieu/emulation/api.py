from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from chitieu.core.converters import Id, Year
from chitieu.emulation import selectors
from chitieu.emulation.models import ClusterYear, Score

router = Router()


class ClusterYearOut(Schema):
    id: int
    cluster: str
    year: int
    chair: str | None
    deputy: str | None


class RankOut(Schema):
    rank: int
    unit_id: int
    unit: str
    points: Decimal
    targets_met: int
    targets_total: int


class ClusterDetailOut(ClusterYearOut):
    ranking: list[RankOut]


def _summary(cy: ClusterYear) -> dict[str, Any]:
    return {
        "id": cy.pk,
        "cluster": cy.cluster.name,
        "year": cy.year,
        "chair": cy.chair.name if cy.chair else None,
        "deputy": cy.deputy.name if cy.deputy else None,
    }


@router.get("", response=list[ClusterYearOut])
def list_clusters(request: HttpRequest, year: Year | None = None) -> list[dict[str, Any]]:
    years = selectors.cluster_years_visible_to(request.user).select_related(
        "cluster", "chair", "deputy"
    )
    if year:
        years = years.filter(year=year)
    return [_summary(cy) for cy in years.order_by("-year", "cluster__name")]


@router.get("/{cluster_year_id}", response=ClusterDetailOut)
def get_cluster(request: HttpRequest, cluster_year_id: Id) -> dict[str, Any]:
    cluster_year = selectors.access_cluster_year(request.user, cluster_year_id)
    ranking = [
        {
            "rank": r.rank,
            "unit_id": r.unit.pk,
            "unit": r.unit.name,
            "points": r.total,
            "targets_met": r.targets_met,
            "targets_total": r.targets_total,
        }
        for r in selectors.cluster_ranking(cluster_year)
    ]
    return {**_summary(cluster_year), "ranking": ranking}


class ScoreOut(Schema):
    unit_id: int
    unit: str
    criterion: str
    criterion_name: str
    stage: str  # self, cluster, board
    points: Decimal


@router.get("/{cluster_year_id}/scores", response=list[ScoreOut])
def list_scores(request: HttpRequest, cluster_year_id: Id) -> list[dict[str, Any]]:
    """Every score of the cluster's year: each member, criterion and stage of review."""
    cluster_year = selectors.access_cluster_year(request.user, cluster_year_id)
    scores = (
        Score.objects.filter(member__cluster_year=cluster_year)
        .select_related("member__unit", "criterion")
        .order_by("member__unit__name", "criterion__order", "criterion__code", "stage")
    )
    return [
        {
            "unit_id": score.member.unit_id,
            "unit": score.member.unit.name,
            "criterion": score.criterion.code,
            "criterion_name": score.criterion.name,
            "stage": score.stage,
            "points": score.points,
        }
        for score in scores
    ]
