"""Scores and ranking of a cluster, as pure functions.

A criterion is either scored by people (the Board's confirmed points win over the cluster's
review, which wins over the unit's own assessment) or computed from target achievement (points
per main target met and per target exceeded, never above the criterion's maximum). Ties are
broken by the stated rule: more points from targets, more targets exceeded, a collective with at
least 70% women (Decree 152/2025, Art. 4), then the name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

STAGE_PRECEDENCE = ("board", "cluster", "self")


@dataclass(frozen=True)
class CriterionSpec:
    id: int
    code: str
    max_points: Decimal
    method: str = "manual"
    points_per_met: Decimal = Decimal(0)
    points_per_exceeded: Decimal = Decimal(0)


@dataclass(frozen=True)
class MemberSheet:
    unit_id: int
    name: str
    scores: dict[int, dict[str, Decimal]] = field(
        default_factory=dict
    )  # criterion → stage → points
    targets_met: int = 0  # main targets met or exceeded
    targets_exceeded: int = 0
    women_majority: bool = False


@dataclass(frozen=True)
class Ranked:
    rank: int
    unit_id: int
    name: str
    total: Decimal
    target_points: Decimal
    targets_exceeded: int
    women_majority: bool
    stage_of: dict[int, str]  # which stage each manual criterion's points came from
    missing: tuple[str, ...]  # manual criteria without any score


def points_of(criterion: CriterionSpec, sheet: MemberSheet) -> tuple[Decimal, str | None]:
    if criterion.method == "targets":
        computed = (
            criterion.points_per_met * sheet.targets_met
            + criterion.points_per_exceeded * sheet.targets_exceeded
        )
        return min(computed, criterion.max_points), "targets"
    by_stage = sheet.scores.get(criterion.id, {})
    for stage in STAGE_PRECEDENCE:
        if stage in by_stage:
            return by_stage[stage], stage
    return Decimal(0), None


Row = tuple[MemberSheet, Decimal, Decimal, dict[int, str], tuple[str, ...]]


def rank(criteria: Sequence[CriterionSpec], sheets: Sequence[MemberSheet]) -> list[Ranked]:
    rows: list[Row] = []
    for sheet in sheets:
        total = target_points = Decimal(0)
        stage_of: dict[int, str] = {}
        missing: list[str] = []
        for criterion in criteria:
            points, stage = points_of(criterion, sheet)
            total += points
            if criterion.method == "targets":
                target_points += points
            elif stage is None:
                missing.append(criterion.code)
            else:
                stage_of[criterion.id] = stage
        rows.append((sheet, total, target_points, stage_of, tuple(missing)))

    def key(row: Row) -> tuple:
        sheet, total, target_points, _stage, _missing = row
        return (-total, -target_points, -sheet.targets_exceeded, not sheet.women_majority)

    rows.sort(key=lambda row: (*key(row), row[0].name))
    ranked: list[Ranked] = []
    for position, row in enumerate(rows, start=1):
        sheet, total, target_points, stage_of, gaps = row
        same_as_previous = ranked and key(rows[position - 2]) == key(row)
        ranked.append(
            Ranked(
                rank=ranked[-1].rank if same_as_previous else position,
                unit_id=sheet.unit_id,
                name=sheet.name,
                total=total,
                target_points=target_points,
                targets_exceeded=sheet.targets_exceeded,
                women_majority=sheet.women_majority,
                stage_of=stage_of,
                missing=gaps,
            )
        )
    return ranked
