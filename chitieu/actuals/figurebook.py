"""The figures a page or an evaluation reads, by (unit, indicator, period): the chosen kind of
each (the official one, the estimate, or the best available), and cumulative periods derived from
their months or quarters where they were not reported."""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from chitieu.actuals.cumulative import derive
from chitieu.actuals.models import ActualKind
from chitieu.core.periods import Period, PeriodKind
from chitieu.indicators.models import Indicator


class View(enum.StrEnum):
    BEST = "best"
    ESTIMATE = "estimate"
    OFFICIAL = "official"


class Figure(NamedTuple):
    value: Decimal
    kind: str  # estimate, official, derived (from months or quarters), rollup (from sub-units)
    sample: bool = False  # generated demo data (`Actual.is_sample`), or derived from some


# A row of figures: (unit, indicator, period, kind, value), and whether it is sample data.
Row = tuple[int, int, str, str, Decimal | None] | tuple[int, int, str, str, Decimal | None, bool]


def part_codes(periods: Iterable[Period]) -> set[str]:
    """The months and quarters that cumulative periods can be derived from."""
    return {code for item in periods for codes in _parts_of(item) for code in codes}


@lru_cache(maxsize=1024)
def _parts_of(period: Period) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The codes of a period's months and quarters, worked out once per period: building them
    for every target was most of an evaluation's time with monthly figures."""
    return (
        tuple(part.code for part in period.parts()),
        tuple(part.code for part in period.quarter_parts()),
    )


@lru_cache(maxsize=256)
def year_period(year: int) -> Period:
    """The same year's Period each time (its code is then worked out once)."""
    return Period.year_of(year)


@lru_cache(maxsize=1024)
def derivable(period: Period) -> bool:
    return period.is_cumulative or period.kind is PeriodKind.QUARTER


class FigureBook:
    """The chosen figure of each (unit, indicator, period), derived where it is cumulative."""

    def __init__(self, rows: Iterable[Row], view: View):
        self._figures: dict[tuple[int, int], dict[str, Figure]] = defaultdict(dict)
        self._wanted = {View.OFFICIAL: ActualKind.OFFICIAL, View.ESTIMATE: ActualKind.ESTIMATE}.get(
            view
        )
        # Per (unit, indicator): the reported values by period code, and what was derived.
        self._values: dict[tuple[int, int], dict[str, Decimal]] = {}
        self._derived: dict[tuple[int, int, str], Figure | None] = {}
        self.add(rows)

    def add(self, rows: Iterable[Row]) -> None:
        """Take more rows (the months read after the direct figures)."""
        figures, wanted = self._figures, self._wanted
        for row in rows:
            unit_id, indicator_id, period, kind, value = row[0], row[1], row[2], row[3], row[4]
            if value is None or not value.is_finite() or (wanted is not None and kind != wanted):
                # A NaN or Infinity only a hand-edited database holds is no figure.
                continue
            slot = figures[(unit_id, indicator_id)]
            # The best view: an official figure replaces an estimate, never the other way.
            if period in slot and kind != ActualKind.OFFICIAL:
                continue
            slot[period] = Figure(value, kind, len(row) > 5 and bool(row[5]))
        self._values.clear()
        self._derived.clear()

    def has(self, unit_id: int, indicator_id: int, code: str) -> bool:
        slot = self._figures.get((unit_id, indicator_id))
        return slot is not None and code in slot

    def get(self, unit_id: int, indicator: Indicator, period: Period) -> Figure | None:
        key = (unit_id, indicator.id)
        slot = self._figures.get(key)
        if not slot:
            return None
        figure = slot.get(period.code)
        if figure is not None:
            return figure
        if not derivable(period):
            return None
        cached = (unit_id, indicator.id, period.code)
        if cached in self._derived:
            return self._derived[cached]
        values = self._values.get(key)
        if values is None:
            values = self._values[key] = {code: figure.value for code, figure in slot.items()}
        months, quarters = _parts_of(period)
        derived = derive(indicator.nature, period.code, values, months, quarters)
        sample = any(slot[code].sample for code in months + quarters if code in slot)
        result = Figure(derived.value, "derived", sample) if derived.value is not None else None
        self._derived[cached] = result
        return result

    def is_sample(self, unit_id: int, indicator: Indicator, period: Period) -> bool:
        figure = self.get(unit_id, indicator, period)
        return figure is not None and figure.sample

    def value(self, unit_id: int, indicator: Indicator, period: Period) -> Decimal | None:
        figure = self.get(unit_id, indicator, period)
        return figure.value if figure else None
