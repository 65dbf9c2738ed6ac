"""The evaluation engine: pure functions over plain values, no database.

For one target and the figures around it, it answers what was measured, the ratio to plan, the
status (vượt, đạt, gần đạt, không đạt, chưa có số liệu) and the change against the same period
of the previous year; over many targets, the headline "X/Y chỉ tiêu chủ yếu đạt và vượt, trong đó
Z vượt". Everything is `Decimal`.

Two kinds of target are not judged on the period alone:

- a **term target** ("kết nạp 500 đảng viên cả nhiệm kỳ 2025 - 2030") is judged by the pace it
  requires until the term's last year (`term_progress`), in the manner of Open SDG's progress
  measure: the share of the target done against the share of the term gone, their ratio read
  with Open SDG's thresholds (0,95 and 0,5): "đúng tiến độ", "cần tăng tốc", "chậm tiến độ";
  only the last year gives "đạt" or "không đạt";
- within a year (six or nine months, a quarter, a month) a yearly target is not judged either:
  its year-end projection says whether it is on course ("đúng tiến độ") or at risk ("có nguy cơ
  không đạt", `outlook`); the headline of a partial period counts these, never "đạt".
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import NamedTuple

HUNDRED = Decimal(100)
RATIO_PLACES = Decimal("0.0001")


class Status(enum.StrEnum):
    EXCEEDED = "vuot"
    MET = "dat"
    NEARLY_MET = "gan_dat"
    NOT_MET = "khong_dat"
    NO_DATA = "chua_co_so_lieu"
    # Progress, not a verdict: a term target before its last year, a yearly target within it.
    ON_TRACK = "dung_tien_do"
    NEEDS_ACCELERATION = "can_tang_toc"
    OFF_TRACK = "cham_tien_do"
    AT_RISK = "co_nguy_co"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def is_achieved(self) -> bool:
        """Counted in "đạt và vượt"."""
        return self in (Status.EXCEEDED, Status.MET)

    @property
    def is_progress(self) -> bool:
        """A reading of the pace, not a verdict on the target."""
        return self in PROGRESS_STATUSES


STATUS_LABELS = {
    Status.EXCEEDED: "Vượt",
    Status.MET: "Đạt",
    Status.NEARLY_MET: "Gần đạt",
    Status.NOT_MET: "Không đạt",
    Status.NO_DATA: "Chưa có số liệu",
    Status.ON_TRACK: "Đúng tiến độ",
    Status.NEEDS_ACCELERATION: "Cần tăng tốc",
    Status.OFF_TRACK: "Chậm tiến độ",
    Status.AT_RISK: "Có nguy cơ không đạt",
}
PROGRESS_STATUSES = frozenset(
    (Status.ON_TRACK, Status.NEEDS_ACCELERATION, Status.OFF_TRACK, Status.AT_RISK)
)

# The values of `Measure` and `Comparison` in chitieu.targets.models, repeated here so that the
# engine needs no Django.
LEVEL, CHANGE, GROWTH, TERM_TOTAL = "level", "change", "growth", "term_total"
SUBUNIT_COUNT, SUBUNIT_COUNT_NEW, MILESTONE = "subunit_count", "subunit_count_new", "milestone"
# A place in a ranking (1 is first: lower is better, "trong nhóm 10 tỉnh dẫn đầu" is a rank of at
# most 10) and a rise in it against last year ("tăng 5 bậc": last year's place minus this year's).
RANK, RANK_RISE = "rank", "rank_rise"
AT_LEAST, AT_MOST, REACH, RANGE = "at_least", "at_most", "reach", "range"
HIGHER, LOWER = "higher", "lower"


class Rule(NamedTuple):
    """A target's form: what is measured and how it is compared."""

    measure: str
    comparison: str
    value: Decimal | None
    direction: str = HIGHER
    upper: Decimal | None = None
    threshold: Decimal | None = None


class Figures(NamedTuple):
    """The figures a target is judged on. Sub-units are (now, same period last year) pairs."""

    current: Decimal | None = None
    previous: Decimal | None = None
    term_values: tuple[Decimal | None, ...] = ()
    subunits: tuple[tuple[Decimal | None, Decimal | None], ...] = ()
    subject: Decimal | None = None


class Evaluation(NamedTuple):
    status: Status
    measured: Decimal | None
    ratio: Decimal | None  # percent of plan
    plan: Decimal | None
    incomplete: bool = False  # a term total or count with some figures missing
    # A count of sub-units with some reports missing whose verdict those reports could still
    # change (shown as provisional); False when the verdict stands whatever they bring.
    provisional: bool = False


class Change(NamedTuple):
    """Against the same period of the previous year: in % for amounts, in points for rates."""

    value: Decimal
    in_points: bool


def change_against_previous(
    current: Decimal | None, previous: Decimal | None, *, is_percentage: bool
) -> Change | None:
    if current is None or previous is None:
        return None
    if is_percentage:
        return Change(current - previous, in_points=True)
    if previous == 0:
        return None
    return Change(_quantize((current / previous - 1) * HUNDRED), in_points=False)


def measure(rule: Rule, figures: Figures) -> tuple[Decimal | None, bool]:
    """The value the target is compared with, and whether some of its figures were missing."""
    current, previous = figures.current, figures.previous
    if rule.measure == LEVEL:
        return current, False
    if rule.measure == CHANGE:
        if current is None or previous is None:
            return None, False
        return current - previous, False
    if rule.measure == GROWTH:
        if current is None or not previous:
            return None, False
        return _quantize((current / previous - 1) * HUNDRED), False
    if rule.measure == TERM_TOTAL:
        present = [value for value in figures.term_values if value is not None]
        if not present:
            return None, False
        return sum(present, Decimal(0)), len(present) < len(figures.term_values)
    if rule.measure in (SUBUNIT_COUNT, SUBUNIT_COUNT_NEW):
        return _count_subunits(rule, figures.subunits)
    if rule.measure == MILESTONE:
        return figures.subject, False
    if rule.measure == RANK:
        return current, False
    if rule.measure == RANK_RISE:
        if current is None or previous is None:
            return None, False
        return previous - current, False
    raise ValueError(f"unknown measure {rule.measure!r}")


def _count_subunits(
    rule: Rule, subunits: Sequence[tuple[Decimal | None, Decimal | None]]
) -> tuple[Decimal | None, bool]:
    threshold = rule.threshold if rule.threshold is not None else Decimal(1)
    if all(now is None for now, _before in subunits):
        return None, False
    reached = 0
    for now, before in subunits:
        if now is None or now < threshold:
            continue
        if rule.measure == SUBUNIT_COUNT_NEW and before is not None and before >= threshold:
            continue
        reached += 1
    missing = any(now is None for now, _before in subunits)
    return Decimal(reached), missing


def evaluate(rule: Rule, figures: Figures, tolerance: Decimal = Decimal(0)) -> Evaluation:
    """Judge one target. `tolerance` is the share of the plan (in %) within which a target that
    is not met counts as "gần đạt"; 0 turns "gần đạt" off.

    A count of sub-units is judged on the sub-units that reported: when every sub-unit
    reported, the verdict is exact ("không đạt" with the number reached when some are below
    the threshold); when some did not report, the count reached so far is judged as it stands
    ("đạt" if it already meets the target; "không đạt" otherwise) and marked `incomplete`, and
    also `provisional` when the missing reports could still change the verdict. Only when no
    sub-unit reported is it "chưa có số liệu"."""
    measured, incomplete = measure(rule, figures)
    if rule.measure in (SUBUNIT_COUNT, SUBUNIT_COUNT_NEW) and measured is not None:
        status = _status(rule, measured, tolerance)
        missing = sum(1 for now, _before in figures.subunits if now is None)
        best = _status(rule, measured + missing, tolerance) if missing else status
        plan = _plan(rule)
        return Evaluation(
            status,
            measured,
            ratio_to_plan(measured, plan),
            plan,
            incomplete,
            provisional=not status.is_achieved and best is not status,
        )
    if rule.measure == MILESTONE:
        threshold = rule.threshold if rule.threshold is not None else Decimal(1)
        if measured is None:
            return Evaluation(Status.NO_DATA, None, None, None)
        status = Status.MET if measured >= threshold else Status.NOT_MET
        return Evaluation(status, measured, None, None)
    rule = _with_fixed_direction(rule)
    plan = _plan(rule)
    if measured is None:
        return Evaluation(Status.NO_DATA, None, None, plan, incomplete)
    status = _status(rule, measured, tolerance)
    # A place is not a share of anything: "xếp thứ 5" is not 50% of "trong nhóm 10".
    ratio = None if rule.measure == RANK else ratio_to_plan(measured, plan)
    return Evaluation(status, measured, ratio, plan, incomplete)


def _with_fixed_direction(rule: Rule) -> Rule:
    """A place is better the lower it is, a rise in places the higher, whatever the indicator."""
    if rule.measure == RANK and rule.direction != LOWER:
        return rule._replace(direction=LOWER)
    if rule.measure == RANK_RISE and rule.direction != HIGHER:
        return rule._replace(direction=HIGHER)
    return rule


def _plan(rule: Rule) -> Decimal | None:
    """The figure a ratio is taken against: for a range, its less ambitious end."""
    if rule.comparison != RANGE:
        return rule.value
    low, high = _bounds(rule)
    return low if rule.direction == HIGHER else high


def _bounds(rule: Rule) -> tuple[Decimal, Decimal]:
    assert rule.value is not None and rule.upper is not None, "a range needs both ends"
    return min(rule.value, rule.upper), max(rule.value, rule.upper)


def _status(rule: Rule, measured: Decimal, tolerance: Decimal) -> Status:
    comparison = rule.comparison
    if comparison == REACH:
        comparison = AT_LEAST if rule.direction == HIGHER else AT_MOST
    if comparison == RANGE:
        low, high = _bounds(rule)
        if low <= measured <= high:
            return Status.MET
        better_side = measured > high if rule.direction == HIGHER else measured < low
        if better_side:
            return Status.EXCEEDED
        bound = low if measured < low else high
        return _near_or_not(abs(measured - bound), bound, tolerance)
    assert rule.value is not None
    target = rule.value
    if measured == target:
        return Status.MET
    if (comparison == AT_LEAST) == (measured > target):
        return Status.EXCEEDED
    return _near_or_not(abs(measured - target), target, tolerance)


def _near_or_not(gap: Decimal, bound: Decimal, tolerance: Decimal) -> Status:
    if tolerance > 0 and gap <= abs(bound) * tolerance / HUNDRED:
        return Status.NEARLY_MET
    return Status.NOT_MET


def ratio_to_plan(measured: Decimal, plan: Decimal | None) -> Decimal | None:
    """measured / plan in percent; none when the plan is zero or the signs differ."""
    if plan is None or plan == 0:
        return None
    if measured != 0 and (measured > 0) != (plan > 0):
        return None
    return _quantize(measured / plan * HUNDRED)


def _quantize(value: Decimal) -> Decimal:
    """To four places, whatever the size of the value (the default context's 28 digits would
    make a ratio of a huge figure to a tiny plan raise InvalidOperation)."""
    if not value.is_finite():
        return value
    with localcontext() as context:
        context.prec = max(28, value.adjusted() + 10)
        return value.quantize(RATIO_PLACES, rounding=ROUND_HALF_UP)


# -- headline -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Headline:
    issuer: str
    total: int
    achieved: int
    exceeded: int
    nearly_met: int = 0
    not_met: int = 0
    no_data: int = 0
    # Within a year: how many yearly targets are on course for the year, and how many at risk.
    partial: bool = False
    on_track: int = 0
    at_risk: int = 0

    @property
    def counted(self) -> int:
        """The targets set beside the total: met or exceeded at a year's end, on course within
        the year."""
        return self.on_track if self.partial else self.achieved

    @property
    def text(self) -> str:
        """ "11/15 chỉ tiêu chủ yếu đạt và vượt, trong đó 4 chỉ tiêu vượt"; within a year
        "10/15 chỉ tiêu chủ yếu đúng tiến độ kế hoạch năm, 4 chỉ tiêu có nguy cơ không đạt"."""
        if self.partial:
            return (
                f"{self.on_track}/{self.total} chỉ tiêu chủ yếu đúng tiến độ kế hoạch năm, "
                f"{self.at_risk} chỉ tiêu có nguy cơ không đạt"
            )
        return (
            f"{self.achieved}/{self.total} chỉ tiêu chủ yếu đạt và vượt, "
            f"trong đó {self.exceeded} chỉ tiêu vượt"
        )


def headline(issuer: str, statuses: Iterable[Status], *, partial: bool = False) -> Headline:
    counted = list(statuses)
    return Headline(
        issuer=issuer,
        total=len(counted),
        achieved=sum(status.is_achieved for status in counted),
        exceeded=counted.count(Status.EXCEEDED),
        nearly_met=counted.count(Status.NEARLY_MET),
        not_met=counted.count(Status.NOT_MET),
        no_data=counted.count(Status.NO_DATA),
        partial=partial,
        on_track=counted.count(Status.ON_TRACK),
        at_risk=counted.count(Status.AT_RISK),
    )


# -- term targets -------------------------------------------------------------------------------

# Open SDG's thresholds on the ratio of the progress made to the progress required.
PACE_ON_TRACK = Decimal("0.95")
PACE_MODERATE = Decimal("0.5")


@dataclass(frozen=True)
class TermProgress:
    """Where a term target stands: the share of the term gone and the share of the target done
    (both in %), and the status that follows (a verdict only when `final`)."""

    status: Status
    expected_share: Decimal
    achieved_share: Decimal | None
    elapsed: Decimal  # years of the term gone, a partial year by its months
    years: int
    final: bool


def term_progress(
    rule: Rule,
    figures: Figures,
    *,
    elapsed: Decimal,
    years: int,
    tolerance: Decimal = Decimal(0),
) -> TermProgress:
    """Judge a term target by the pace it requires.

    Before the term's last year is over, the total so far A against the target T gives the share
    done A/T, and the years gone against the term's years give the share due. Their ratio (the
    pace) reads as Open SDG reads the ratio of actual to required progress: at least 0,95 is "đúng
    tiến độ", at least 0,5 "cần tăng tốc", below "chậm tiến độ". For a ceiling over the term (at
    most T) the share done must stay within the share due: "đúng tiến độ" within it, "cần tăng
    tốc" (slow down) above it but still within T, "chậm tiến độ" once T is passed. Once the last
    year is over the target gets its verdict like any other (`evaluate`)."""
    years = max(years, 1)
    expected = _quantize(min(elapsed, Decimal(years)) / years * HUNDRED)
    evaluation = evaluate(rule, figures, tolerance)
    if elapsed >= years:
        return TermProgress(evaluation.status, expected, evaluation.ratio, elapsed, years, True)
    measured, plan = evaluation.measured, evaluation.plan
    if measured is None or plan is None:
        return TermProgress(Status.NO_DATA, expected, None, elapsed, years, False)
    achieved = ratio_to_plan(measured, plan)
    comparison = rule.comparison
    if comparison in (REACH, RANGE):
        comparison = AT_LEAST if rule.direction == HIGHER else AT_MOST
    if comparison == AT_MOST:
        if measured > plan:
            status = Status.OFF_TRACK
        elif achieved is None or achieved <= expected:
            status = Status.ON_TRACK
        else:
            status = Status.NEEDS_ACCELERATION
        return TermProgress(status, expected, achieved, elapsed, years, False)
    if measured >= plan or expected == 0:
        status = Status.ON_TRACK
    elif achieved is None:  # a plan of zero or a total of the other sign
        status = Status.OFF_TRACK
    else:
        pace = achieved / expected
        if pace >= PACE_ON_TRACK:
            status = Status.ON_TRACK
        elif pace >= PACE_MODERATE:
            status = Status.NEEDS_ACCELERATION
        else:
            status = Status.OFF_TRACK
    return TermProgress(status, expected, achieved, elapsed, years, False)


@dataclass(frozen=True)
class TermSummary:
    """The term targets, counted apart from the year's headline."""

    total: int = 0
    on_track: int = 0
    needs_acceleration: int = 0
    off_track: int = 0
    achieved: int = 0
    exceeded: int = 0
    not_met: int = 0
    no_data: int = 0

    @property
    def text(self) -> str:
        """ "Chỉ tiêu nhiệm kỳ: 3 đúng tiến độ, 1 cần tăng tốc"; in the term's last year
        "Chỉ tiêu nhiệm kỳ: 3/4 đạt và vượt"."""
        if not self.total:
            return ""
        parts = []
        judged = self.total - self.on_track - self.needs_acceleration - self.off_track
        judged -= self.no_data
        if judged:
            parts.append(f"{self.achieved}/{judged} đạt và vượt")
        for count, words in (
            (self.on_track, "đúng tiến độ"),
            (self.needs_acceleration, "cần tăng tốc"),
            (self.off_track, "chậm tiến độ"),
            (self.no_data, "chưa có số liệu"),
        ):
            if count:
                parts.append(f"{count} {words}")
        return "Chỉ tiêu nhiệm kỳ: " + ", ".join(parts)


def term_summary(statuses: Iterable[Status]) -> TermSummary:
    counted = list(statuses)
    return TermSummary(
        total=len(counted),
        on_track=counted.count(Status.ON_TRACK),
        needs_acceleration=counted.count(Status.NEEDS_ACCELERATION),
        off_track=counted.count(Status.OFF_TRACK),
        achieved=sum(status.is_achieved for status in counted),
        exceeded=counted.count(Status.EXCEEDED),
        not_met=counted.count(Status.NOT_MET) + counted.count(Status.NEARLY_MET),
        no_data=counted.count(Status.NO_DATA),
    )


# -- combining figures ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Combined:
    value: Decimal | None
    used: int
    expected: int

    @property
    def complete(self) -> bool:
        return self.used == self.expected


def combine(
    values: Sequence[Decimal | None],
    aggregation: str,
    weights: Sequence[Decimal | None] = (),
) -> Combined:
    """Roll the values of sub-units up: sum, average, weighted average, or not at all."""
    expected = len(values)
    if aggregation == "none" or not values:
        return Combined(None, 0, expected)
    if aggregation == "weighted_average":
        pairs = [
            (value, weight)
            for value, weight in zip(values, weights, strict=True)
            if value is not None and weight is not None
        ]
        total_weight = sum((weight for _value, weight in pairs), Decimal(0))
        if not pairs or total_weight == 0:
            return Combined(None, 0, expected)
        weighted = sum((value * weight for value, weight in pairs), Decimal(0))
        return Combined(_quantize(weighted / total_weight), len(pairs), expected)
    present = [value for value in values if value is not None]
    if not present:
        return Combined(None, 0, expected)
    total = sum(present, Decimal(0))
    if aggregation == "sum":
        return Combined(total, len(present), expected)
    if aggregation == "average":
        return Combined(_quantize(total / len(present)), len(present), expected)
    raise ValueError(f"unknown aggregation {aggregation!r}")


# -- year-end projection ------------------------------------------------------------------------


@dataclass(frozen=True)
class Projection:
    value: Decimal
    method: str  # "last_year_pattern", "linear", "level"


def project_year_end(
    nature: str,
    so_far: Decimal | None,
    months_covered: int,
    last_year_same_period: Decimal | None = None,
    last_year_full: Decimal | None = None,
) -> Projection | None:
    """Where a yearly figure will end, from the months so far and last year's pattern.

    A flow scales by last year's full year over its same months (or linearly without them); a
    stock adds last year's movement over the rest of the year (or stays at its level)."""
    if so_far is None or months_covered <= 0:
        return None
    if months_covered >= 12:
        return Projection(so_far, "level")
    has_pattern = last_year_same_period is not None and last_year_full is not None
    if nature == "flow":
        if has_pattern and last_year_same_period:
            assert last_year_full is not None
            return Projection(
                _quantize(so_far * last_year_full / last_year_same_period), "last_year_pattern"
            )
        return Projection(_quantize(so_far * 12 / Decimal(months_covered)), "linear")
    if has_pattern:
        assert last_year_full is not None and last_year_same_period is not None
        return Projection(so_far + last_year_full - last_year_same_period, "last_year_pattern")
    return Projection(so_far, "level")


@dataclass(frozen=True)
class RiskCheck:
    projection: Projection | None
    projected: Evaluation | None
    at_risk: bool = field(default=False)


def risk_of(
    rule: Rule, figures: Figures, projection: Projection | None, tolerance: Decimal = Decimal(0)
) -> RiskCheck:
    """A target is at risk when its projected year-end value would not meet it."""
    if projection is None:
        return RiskCheck(None, None)
    projected_figures = Figures(
        current=projection.value,
        previous=figures.previous,
        term_values=(*figures.term_values[:-1], projection.value) if figures.term_values else (),
        subunits=figures.subunits,
        subject=figures.subject,
    )
    projected = evaluate(rule, projected_figures, tolerance)
    return RiskCheck(projection, projected, projected.status in (Status.NOT_MET, Status.NEARLY_MET))


def outlook(risk: RiskCheck) -> Status:
    """Within a year, a yearly target is on course or at risk, as its projection says: six
    months of a flow are no verdict on the year."""
    if risk.projected is None or risk.projected.status is Status.NO_DATA:
        return Status.NO_DATA
    return Status.AT_RISK if risk.at_risk else Status.ON_TRACK
