"""Figures of a unit over the years, and "as it is now": figures of the units it was formed
from, rolled up through the merge links where every part went in whole."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from chitieu.actuals.figurebook import FigureBook, View
from chitieu.actuals.models import Actual
from chitieu.core.periods import Period
from chitieu.evaluation import engine
from chitieu.indicators.models import Indicator
from chitieu.units.lineage import Ancestry, ancestries_of, ancestry_of
from chitieu.units.models import ORGANISATION_TYPES, Unit


@dataclass
class SeriesPoint:
    year: int
    value: Decimal | None
    rolled_up_from: list[str] = field(default_factory=list)
    blocked_by: list[str] = field(default_factory=list)  # split units: cannot be rolled up
    missing_from: list[str] = field(default_factory=list)  # predecessors without the figure


@dataclass
class Series:
    indicator: Indicator
    points: list[SeriesPoint]

    @property
    def blocked(self) -> list[SeriesPoint]:
        return [point for point in self.points if point.blocked_by]


def indicator_series(
    unit: Unit, indicators: list[Indicator], years: list[int], view: View = View.BEST
) -> list[Series]:
    """Yearly figures of each indicator: the unit's own, else its sub-units' added up (as the
    results table does); for years before the unit existed, the figures of its predecessors
    combined when they came in whole, or the names of those that were split."""
    ancestry = ancestry_of(unit)
    children = list(Unit.objects.filter(parent=unit).exclude(type__in=ORGANISATION_TYPES))
    unit_ids = [unit.pk, *ancestry.predecessors, *(child.pk for child in children)]
    weight_ids = [ind.weight_indicator_id for ind in indicators if ind.weight_indicator_id]
    rows = Actual.objects.filter(
        unit_id__in=unit_ids,
        indicator_id__in=[ind.pk for ind in indicators] + weight_ids,
        period__in=[str(year) for year in years],
    ).values_list("unit_id", "indicator_id", "period", "kind", "value")
    book = FigureBook(rows, view)
    series = []
    for indicator in indicators:
        points = [
            _point(book, unit, indicator, Period.year_of(year), ancestry, children)
            for year in years
        ]
        series.append(Series(indicator, points))
    return series


def values_as_now(
    units: list[Unit], indicator: Indicator, year: int, view: View = View.BEST
) -> list[tuple[Unit, SeriesPoint]]:
    """One indicator's figure for a year for each of today's units, rolled up from the units
    they were formed from; a fixed number of queries whatever the number of units."""
    ancestries = ancestries_of(units)
    unit_ids = {unit.pk for unit in units}
    for ancestry in ancestries.values():
        unit_ids.update(ancestry.predecessors)
    indicator_ids = [indicator.pk]
    if indicator.weight_indicator_id:
        indicator_ids.append(indicator.weight_indicator_id)
    rows = Actual.objects.filter(
        unit_id__in=unit_ids, indicator_id__in=indicator_ids, period=str(year)
    ).values_list("unit_id", "indicator_id", "period", "kind", "value")
    book = FigureBook(rows, view)
    period = Period.year_of(year)
    return [(unit, _point(book, unit, indicator, period, ancestries[unit.pk])) for unit in units]


def _point(
    book: FigureBook,
    unit: Unit,
    indicator: Indicator,
    period: Period,
    ancestry: Ancestry,
    children: Sequence[Unit] = (),
) -> SeriesPoint:
    own = book.value(unit.pk, indicator, period)
    if own is None and children and indicator.aggregation != "none":
        # The sub-units that existed at the year's end are the ones that reported its figure.
        existing = [(child, True) for child in children if child.is_valid_on(period.end)]
        point = _combined(book, indicator, period, existing) if existing else None
        if point is not None and point.value is not None:
            return point
    if own is not None or unit.is_valid_on(period.end):
        return SeriesPoint(period.year, own)
    return _rolled_up(book, indicator, period, ancestry)


def _rolled_up(
    book: FigureBook, indicator: Indicator, period: Period, ancestry: Ancestry
) -> SeriesPoint:
    existing = [
        (unit, whole)
        for unit, whole in ancestry.predecessors.values()
        if unit.is_valid_on(period.end)
    ]
    # A district linked beside its own communes overlaps them: keep the most specific units.
    paths = [unit.path for unit, _whole in existing]
    specific = [
        (unit, whole)
        for unit, whole in existing
        if not any(other != unit.path and other.startswith(unit.path) for other in paths)
    ]
    point = _combined(book, indicator, period, specific)
    if point.value is None and not (point.blocked_by or point.missing_from):
        # The communes reported nothing; a district that reported the figure still says why
        # it cannot be shown (split) or gives it (went in whole).
        coarser = [
            (unit, whole)
            for unit, whole in existing
            if (unit, whole) not in specific and book.value(unit.pk, indicator, period) is not None
        ]
        point = _combined(book, indicator, period, coarser)
    return point


def _combined(
    book: FigureBook, indicator: Indicator, period: Period, contributors: list[tuple[Unit, bool]]
) -> SeriesPoint:
    point = SeriesPoint(period.year, None)
    values = [book.value(unit.pk, indicator, period) for unit, _whole in contributors]
    if all(value is None for value in values):
        return point
    point.blocked_by = [unit.name for unit, whole in contributors if not whole]
    if indicator.aggregation == "none":
        point.blocked_by = [unit.name for unit, _whole in contributors]
    point.missing_from = [
        unit.name
        for (unit, _whole), value in zip(contributors, values, strict=True)
        if value is None
    ]
    if point.blocked_by or point.missing_from:
        return point
    weight = indicator.weight_indicator
    weights = (
        [book.value(unit.pk, weight, period) for unit, _whole in contributors] if weight else []
    )
    combined = engine.combine(values, indicator.aggregation, weights)
    if combined.complete:
        point.value = combined.value
        point.rolled_up_from = [unit.name for unit, _whole in contributors]
    return point
