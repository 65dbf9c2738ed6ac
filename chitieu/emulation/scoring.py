"""Scores and ranking of a cluster, as pure functions.

A criterion is either scored by people (the Board's confirmed points win over the cluster's
review, which wins over the unit's own assessment) or computed from target achievement by the
criterion's rule, never above its maximum:

- share: the share of the main targets met and exceeded × the maximum (7 of 9 → 7/9 of it), so
  a unit with fewer targets is not below one that met as many of more;
- ratio: the mean of each main target's ratio to plan, capped (a target met counts at least
  100%, one without a figure 0) × the maximum;
- headline: the share met and exceeded of the main targets of one chosen issuer × the maximum;
- per_target (old tables): points per main target met and per target exceeded.

Points are rounded to 2 places, half up. Ties are broken by the stated rule to its end: more
points from targets, more targets exceeded, a collective with at least 70% women (Decree
152/2025, Art. 4), then the name in Vietnamese order (diacritics folded): two units share a rank
only when their names are the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from chitieu.core.numbers import format_decimal
from chitieu.core.text import fold

STAGE_PRECEDENCE = ("board", "cluster", "self")
HUNDRED = Decimal(100)
PLACES = Decimal("0.01")

TIE_BREAK_CHAIN = (
    "Tổng điểm cao hơn",
    "điểm chỉ tiêu cao hơn",
    "nhiều chỉ tiêu vượt hơn",
    "tập thể có từ 70% nữ",
    "tên đơn vị theo thứ tự chữ cái",
)


@dataclass(frozen=True)
class CriterionSpec:
    id: int
    code: str
    max_points: Decimal
    method: str = "manual"
    points_per_met: Decimal = Decimal(0)
    points_per_exceeded: Decimal = Decimal(0)
    rule: str = "per_target"
    ratio_cap: Decimal = HUNDRED
    issuer: str = ""


@dataclass(frozen=True)
class TargetCount:
    """Main targets of a unit (or of one issuer): how many, how many met or exceeded, and how
    many exceeded."""

    total: int = 0
    met: int = 0
    exceeded: int = 0


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
    targets_total: int = 0
    ratios: tuple[Decimal, ...] = ()  # each main target's ratio to plan in %, as the rule counts it
    by_issuer: dict[str, TargetCount] = field(default_factory=dict)


def counted_ratio(ratio: Decimal | None, met: bool) -> Decimal:
    """A target's ratio as the ratio rule counts it: a target met counts at least 100% (a
    lower-is-better target met has a ratio under 100), one without a ratio counts 0 unless met."""
    if ratio is None:
        return HUNDRED if met else Decimal(0)
    return max(ratio, HUNDRED) if met else max(ratio, Decimal(0))


def _share(part: int, whole: int, maximum: Decimal) -> Decimal:
    if whole <= 0:
        return Decimal(0)
    return Decimal(part) / Decimal(whole) * maximum


def computed_points(criterion: CriterionSpec, sheet: MemberSheet) -> Decimal:
    """The points of a computed criterion, by its rule, rounded and never above its maximum."""
    maximum = criterion.max_points
    if criterion.rule == "share":
        value = _share(sheet.targets_met, sheet.targets_total, maximum)
    elif criterion.rule == "ratio":
        cap = criterion.ratio_cap if criterion.ratio_cap > 0 else HUNDRED
        capped = [min(ratio, cap) for ratio in sheet.ratios]
        value = sum(capped, Decimal(0)) / len(capped) / HUNDRED * maximum if capped else Decimal(0)
    elif criterion.rule == "headline":
        count = sheet.by_issuer.get(criterion.issuer, TargetCount())
        value = _share(count.met, count.total, maximum)
    else:
        value = (
            criterion.points_per_met * sheet.targets_met
            + criterion.points_per_exceeded * sheet.targets_exceeded
        )
    return min(value, maximum).quantize(PLACES, rounding=ROUND_HALF_UP)


def rule_text(criterion: CriterionSpec) -> str:
    """The rule of a computed criterion in words, as the page states it."""
    maximum = _number(criterion.max_points)
    if criterion.rule == "share":
        return (
            f"Điểm = số chỉ tiêu chủ yếu đạt và vượt / tổng số chỉ tiêu chủ yếu × {maximum} "
            "điểm (làm tròn 2 chữ số thập phân)."
        )
    if criterion.rule == "ratio":
        cap = _number(criterion.ratio_cap)
        return (
            f"Điểm = trung bình tỷ lệ thực hiện so với kế hoạch của các chỉ tiêu chủ yếu (mỗi chỉ "
            f"tiêu tính tối đa {cap}%; chỉ tiêu đạt tính ít nhất 100%, chưa có số liệu tính 0%) "
            f"× {maximum} điểm, không quá {maximum} điểm."
        )
    if criterion.rule == "headline":
        return (
            f"Điểm = số chỉ tiêu chủ yếu đạt và vượt / tổng số chỉ tiêu chủ yếu do "
            f"{criterion.issuer or '…'} giao × {maximum} điểm."
        )
    return (
        f"Điểm = {_number(criterion.points_per_met)} điểm mỗi chỉ tiêu chủ yếu đạt + "
        f"{_number(criterion.points_per_exceeded)} điểm mỗi chỉ tiêu vượt, không quá {maximum} "
        "điểm."
    )


def _number(value: Decimal) -> str:
    return format_decimal(value)


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
    decided_by: str = ""  # the rule of the tie-break chain that put it below the one above


def points_of(criterion: CriterionSpec, sheet: MemberSheet) -> tuple[Decimal, str | None]:
    if criterion.method == "targets":
        return computed_points(criterion, sheet), "targets"
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
        return (
            -total,
            -target_points,
            -sheet.targets_exceeded,
            not sheet.women_majority,
            fold(sheet.name),
            sheet.name,
        )

    rows.sort(key=key)
    ranked: list[Ranked] = []
    for position, row in enumerate(rows, start=1):
        sheet, total, target_points, stage_of, gaps = row
        previous = key(rows[position - 2]) if ranked else None
        same_as_previous = previous == key(row)
        decided_by = ""
        if previous is not None and not same_as_previous:
            first = next(
                i for i, (a, b) in enumerate(zip(previous, key(row), strict=True)) if a != b
            )
            decided_by = TIE_BREAK_CHAIN[min(first, len(TIE_BREAK_CHAIN) - 1)]
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
                decided_by=decided_by,
            )
        )
    return ranked
