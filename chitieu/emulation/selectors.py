"""Reads for the Emulation Board: clusters of a year, a cluster's scores and ranking."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Model, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from chitieu.accounts.permissions import (
    Capability,
    PermissionDenied,
    can_manage_cluster,
    get_or_404,
    has_capability,
    scope,
)
from chitieu.core.periods import Period
from chitieu.core.users import AnyUser
from chitieu.emulation import guards
from chitieu.emulation.models import (
    Cluster,
    ClusterMember,
    ClusterYear,
    Criterion,
    Movement,
    Score,
    ScoringTable,
    Vote,
)
from chitieu.emulation.scoring import (
    TIE_BREAK_CHAIN,
    CriterionSpec,
    MemberSheet,
    TargetCount,
    counted_ratio,
    rank,
    rule_text,
)
from chitieu.evaluation.loader import UnitResults, evaluate_units
from chitieu.targets.models import Measure
from chitieu.units.models import Unit
from chitieu.units.selectors import access_unit


def cluster_years_visible_to(user: AnyUser) -> QuerySet[ClusterYear]:
    """A cluster is visible to the users of its organiser and of its members."""
    by_organiser = scope(
        ClusterYear.objects.all(), user, Capability.VIEW, "cluster__organiser__path"
    )
    by_member = scope(ClusterYear.objects.all(), user, Capability.VIEW, "members__unit__path")
    return ClusterYear.objects.filter(
        Q(pk__in=by_organiser.values("pk")) | Q(pk__in=by_member.values("pk"))
    )


def access_score(user: AnyUser, pk: object) -> Score:
    """A score, with its evidence, for the users who may see its cluster."""
    visible = Score.objects.filter(member__cluster_year__in=cluster_years_visible_to(user))
    return get_or_404(visible, pk)


def access_cluster_year(user: AnyUser, pk: object) -> ClusterYear:
    return get_or_404(
        cluster_years_visible_to(user).select_related(
            "cluster__organiser", "chair", "deputy", "scoring_table"
        ),
        pk,
    )


@dataclass
class RankRow:
    rank: int
    unit: Unit
    member: ClusterMember
    total: Decimal
    target_points: Decimal
    targets_met: int
    targets_total: int
    targets_exceeded_count: int
    missing: tuple[str, ...]
    decided_by: str = ""

    @property
    def targets_exceeded(self) -> bool:
        """All main targets met and some exceeded: the condition of the Cờ thi đua."""
        return (
            self.targets_total > 0
            and self.targets_met == self.targets_total
            and self.targets_exceeded_count > 0
        )


def leaf_criteria(cluster_year: ClusterYear) -> list[Criterion]:
    if cluster_year.scoring_table_id is None:
        return []
    criteria = list(
        Criterion.objects.filter(table_id=cluster_year.scoring_table_id).order_by("order", "code")
    )
    parents = {criterion.parent_id for criterion in criteria}
    return [criterion for criterion in criteria if criterion.pk not in parents]


@dataclass
class Standing:
    """A unit's place in one of its clusters for a year."""

    cluster_year: ClusterYear
    rank: int
    members: int
    points: Decimal


def standings_of(unit: Unit, year: int) -> list[Standing]:
    """Where the unit stands in each cluster or block it belongs to in `year` (a unit is in one
    or two): the ranking of each, as its cluster page shows it."""
    standings = []
    memberships = ClusterMember.objects.filter(unit=unit, cluster_year__year=year).select_related(
        "cluster_year__cluster"
    )
    for member in memberships:
        ranking = cluster_ranking(member.cluster_year)
        row = next(row for row in ranking if row.unit.pk == unit.pk)
        standings.append(Standing(member.cluster_year, row.rank, len(ranking), row.total))
    return standings


def cluster_ranking(cluster_year: ClusterYear) -> list[RankRow]:
    """The members ranked on the scoring table; target criteria use the evaluation of the year."""
    members = list(cluster_year.members.select_related("unit"))
    criteria = leaf_criteria(cluster_year)
    scores: dict[int, dict[int, dict[str, Decimal]]] = defaultdict(lambda: defaultdict(dict))
    for member_id, criterion_id, stage, points in Score.objects.filter(
        member__cluster_year=cluster_year
    ).values_list("member_id", "criterion_id", "stage", "points"):
        scores[member_id][criterion_id][stage] = points
    results = {
        r.unit.pk: r
        for r in evaluate_units([m.unit for m in members], Period.year_of(cluster_year.year))
    }
    sheets, facts = [], {}
    for member in members:
        result = results[member.unit.pk]
        headline = result.primary_headline()
        met = headline.achieved if headline else 0
        exceeded = headline.exceeded if headline else 0
        total = headline.total if headline else 0
        facts[member.unit.pk] = (member, met, total, exceeded)
        sheets.append(
            MemberSheet(
                member.unit.pk,
                member.unit.name,
                dict(scores[member.pk]),
                met,
                exceeded,
                member.women_majority,
                targets_total=total,
                ratios=_ratios(result, headline.issuer if headline else None),
                by_issuer={
                    h.issuer: TargetCount(h.total, h.achieved, h.exceeded)
                    for h in result.headlines()
                },
            )
        )
    specs = [criterion_spec(c) for c in criteria]
    rows = []
    for ranked in rank(specs, sheets):
        member, met, total, exceeded = facts[ranked.unit_id]
        rows.append(
            RankRow(
                ranked.rank,
                member.unit,
                member,
                ranked.total,
                ranked.target_points,
                met,
                total,
                exceeded,
                ranked.missing,
                ranked.decided_by,
            )
        )
    return rows


def criterion_spec(c: Criterion) -> CriterionSpec:
    return CriterionSpec(
        c.pk,
        c.code,
        c.max_points,
        c.method,
        c.points_per_met,
        c.points_per_exceeded,
        c.rule,
        c.ratio_cap,
        c.issuer,
    )


def _ratios(result: UnitResults, issuer: str | None) -> tuple[Decimal, ...]:
    """The ratio to plan of each main target of the headline's issuer, as the ratio rule
    counts it (the same targets the headline counts)."""
    return tuple(
        counted_ratio(r.evaluation.ratio, r.status.is_achieved)
        for r in result.results
        if r.target.is_main and r.target.measure != Measure.TERM_TOTAL and r.target.issuer == issuer
    )


@dataclass
class ScoreGrid:
    criteria: list[Criterion]
    members: list[ClusterMember]
    cells: dict[tuple[int, int], dict[str, Score]]

    def row(self, criterion: Criterion) -> list[dict[str, Score]]:
        return [self.cells.get((criterion.pk, member.pk), {}) for member in self.members]


def score_grid(cluster_year: ClusterYear) -> ScoreGrid:
    criteria = leaf_criteria(cluster_year)
    members = list(cluster_year.members.select_related("unit"))
    cells: dict[tuple[int, int], dict[str, Score]] = defaultdict(dict)
    for score in Score.objects.filter(member__cluster_year=cluster_year):
        cells[(score.criterion_id, score.member_id)][score.stage] = score
    return ScoreGrid(criteria, members, cells)


@dataclass
class BoardYear:
    organiser: Unit
    year: int
    clusters: list  # ClusterYear rows annotated with member, signed and scored counts
    proposals_by_status: dict[str, int]
    movements: list[Movement]


def cluster_years(organiser_pk: int) -> list[int]:
    """The years in which the unit's clusters were set up, newest first."""
    years = ClusterYear.objects.filter(cluster__organiser_id=organiser_pk).values_list("year")
    return sorted({year for (year,) in years.distinct()}, reverse=True)


def board_year(user: AnyUser, organiser_pk: object, year: int) -> BoardYear:
    from chitieu.units.selectors import access_unit

    organiser = access_unit(user, organiser_pk)
    clusters = list(
        ClusterYear.objects.filter(cluster__organiser=organiser, year=year)
        .select_related("cluster", "chair", "deputy")
        .annotate(
            member_count=Count("members", distinct=True),
            signed_count=Count(
                "members", filter=Q(members__signed_on__isnull=False), distinct=True
            ),
            scored_count=Count("members", filter=Q(members__scores__isnull=False), distinct=True),
        )
        .order_by("cluster__name")
    )
    # The proposals of the organiser's subtree, through the units' reverse relation (emulation
    # sits below awards and imports nothing of it).
    statuses = dict(
        Unit.objects.filter(path__startswith=organiser.path, proposal__year=year)
        .values_list("proposal__status")
        .annotate(count=Count("proposal"))
    )
    movements = list(
        Movement.objects.filter(
            launched_by=organiser, starts_on__year__lte=year, ends_on__year__gte=year
        )
    )
    return BoardYear(organiser, year, clusters, statuses, movements)


def clusters_without_year(organiser: Unit, year: int) -> list:
    """The organiser's clusters and blocks not yet set up for the year."""
    from chitieu.emulation.models import Cluster

    return list(
        Cluster.objects.filter(organiser=organiser).exclude(years__year=year).order_by("name")
    )


@dataclass
class ClusterYearSetup:
    """What the form that sets a cluster's year up starts from: last year's members, chair,
    deputy and agreement (or this year's, when it is being changed), the units that may be
    members and the organiser's scoring tables of the year."""

    cluster: Cluster
    organiser: Unit
    initial: dict[str, object]
    candidates: QuerySet[Unit]
    tables: QuerySet[ScoringTable]


def cluster_year_setup(user: Any, cluster_pk: object, year: int) -> ClusterYearSetup:
    """For the organiser's Board only (404 outside the user's units, 403 for the others)."""
    cluster = get_object_or_404(Cluster, pk=cluster_pk)
    organiser = access_unit(user, cluster.organiser_id)
    if not can_manage_cluster(user, cluster):
        raise PermissionDenied(_("Only the organiser's Board sets a cluster's year up."))
    existing = ClusterYear.objects.filter(cluster=cluster, year=year).first()
    previous = ClusterYear.objects.filter(cluster=cluster, year__lt=year).order_by("-year").first()
    basis = existing or previous
    initial: dict[str, object] = {}
    if basis is not None:
        initial = {
            "members": [m.unit_id for m in basis.members.all()],
            "chair": basis.chair_id,
            "deputy": basis.deputy_id,
            "scoring_table": existing.scoring_table_id if existing else None,
            "agreement_text": basis.agreement_text,
        }
    candidates = (
        Unit.objects.filter(path__startswith=organiser.path)
        .exclude(pk=organiser.pk)
        .valid_on(dt.date(year, 12, 31))
    )
    if cluster.kind == "cum":
        candidates = candidates.filter(parent=organiser)
    tables = ScoringTable.objects.filter(organiser=organiser, year=year)
    return ClusterYearSetup(cluster, organiser, initial, candidates.order_by("name"), tables)


def award_kinds() -> QuerySet[Model]:
    """The catalogue of awards (awards.AwardKind), reached through the relation a vote has to it:
    emulation sits below awards and imports nothing of it."""
    model = Vote._meta.get_field("award").related_model
    assert isinstance(model, type) and issubclass(model, Model)
    return model._default_manager.all()


def award_by_code(code: str) -> Model:
    """One award of the catalogue by its code, else 404."""
    award = award_kinds().filter(code=code).first()
    if award is None:
        raise Http404
    return award


@dataclass
class YearGuard:
    """Where the year stands, for the cluster's page: signed and scored, confirmed, decided;
    the rules of its computed criteria in words and the tie-break chain."""

    readiness: guards.Readiness
    confirmed: bool
    override: str
    decided: bool
    reopen_reason: str
    rules: list[tuple[str, str]]  # (criterion "II. Thực hiện chỉ tiêu", its rule in words)
    chain: tuple[str, ...]
    table_locked: bool


def year_guard(cluster_year: ClusterYear) -> YearGuard:
    criteria = leaf_criteria(cluster_year)
    return YearGuard(
        readiness=guards.readiness(cluster_year),
        confirmed=cluster_year.scoring_confirmed_at is not None,
        override=cluster_year.confirmation_override,
        decided=guards.is_decided(cluster_year),
        reopen_reason=cluster_year.reopen_reason,
        rules=[
            (f"{c.code}. {c.name}", rule_text(criterion_spec(c)))
            for c in criteria
            if c.method == "targets"
        ],
        chain=TIE_BREAK_CHAIN,
        table_locked=(
            cluster_year.scoring_table is not None
            and guards.table_locked(cluster_year.scoring_table)
        ),
    )


@dataclass
class TablePage:
    """A scoring table with its tree of criteria (each with its depth), whether it is locked,
    and each computed criterion's rule in words."""

    table: ScoringTable
    rows: list[tuple[Criterion, int, str]]  # criterion, depth, rule in words ("" if scored)
    locked: bool
    used_by: list[ClusterYear]  # the cluster years using it that the user may open
    organiser_visible: bool  # the organiser's list of tables opens for this user


def scoring_tables(user: AnyUser, organiser_pk: object, year: int) -> tuple[Unit, list]:
    organiser = access_unit(user, organiser_pk)
    tables = ScoringTable.objects.filter(organiser=organiser, year=year).order_by("name")
    return organiser, list(tables)


def access_table(user: AnyUser, pk: object) -> ScoringTable:
    """A scoring table, for the users who may see its organiser, and for the users of the
    members of a cluster that scores by it (they score themselves against it)."""
    by_organiser = scope(ScoringTable.objects.all(), user, Capability.VIEW, "organiser__path")
    by_cluster = cluster_years_visible_to(user).values("scoring_table_id")
    visible = ScoringTable.objects.select_related("organiser").filter(
        Q(pk__in=by_organiser.values("pk")) | Q(pk__in=by_cluster)
    )
    return get_or_404(visible, pk)


def table_page(user: AnyUser, table: ScoringTable) -> TablePage:
    criteria = list(table.criteria.order_by("order", "code"))
    children: dict[int | None, list[Criterion]] = defaultdict(list)
    for criterion in criteria:
        children[criterion.parent_id].append(criterion)
    rows: list[tuple[Criterion, int, str]] = []

    def walk(parent: int | None, depth: int) -> None:
        for criterion in children.get(parent, []):
            text = rule_text(criterion_spec(criterion)) if criterion.method == "targets" else ""
            rows.append((criterion, depth, text))
            walk(criterion.pk, depth + 1)

    walk(None, 0)
    used_by = list(
        cluster_years_visible_to(user).filter(scoring_table=table).select_related("cluster")
    )
    organiser_visible = has_capability(user, Capability.VIEW, table.organiser)
    return TablePage(table, rows, guards.table_locked(table), used_by, organiser_visible)


def tables_to_copy(organiser: Unit, year: int) -> list[ScoringTable]:
    """The organiser's tables of earlier years, newest first, to start this year's from."""
    return list(
        ScoringTable.objects.filter(organiser=organiser, year__lt=year).order_by("-year", "name")
    )


def criterion_of(table: ScoringTable, pk: object) -> Criterion | None:
    """The table's criterion of `pk` (a posted or linked id), else none."""
    if pk in (None, ""):
        return None
    try:
        return table.criteria.filter(pk=int(str(pk))).select_related("parent").first()
    except ValueError:
        return None


def criterion_initial(criterion: Criterion | None) -> dict[str, object]:
    """What the criterion form starts from when a criterion is changed."""
    if criterion is None:
        return {}
    return {
        "code": criterion.code,
        "name": criterion.name,
        "parent_code": criterion.parent.code if criterion.parent else "",
        "max_points": criterion.max_points,
        "guidance": criterion.guidance,
        "evidence_required": criterion.evidence_required,
        "method": criterion.method,
        "rule": criterion.rule,
        "ratio_cap": criterion.ratio_cap,
        "issuer": criterion.issuer,
    }


def is_locked(table: ScoringTable) -> bool:
    """Scoring started on the table: its page shows it read-only."""
    return guards.table_locked(table)
