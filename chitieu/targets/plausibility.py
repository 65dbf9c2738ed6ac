"""Targets that look wrong without being impossible: warned about before saving, never refused.

The rule is `core.numbers.implausibilities` (a share over 100%, a value a thousand times last
year's or a thousandth of it); this module says what a target is compared with. Last year's
targets are this app's; last year's figures belong to `actuals`, an app above this one, which
registers where they come from when it is ready (`figures_from`), so the layers stay as they
are and the target form still compares with the figures.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from chitieu.core.numbers import Reference, implausibilities
from chitieu.core.periods import Period, PeriodError, PeriodKind
from chitieu.indicators.models import Indicator
from chitieu.targets.models import Measure, Target
from chitieu.targets.services import NUMBER_FIELDS
from chitieu.units.models import Unit

# (unit, indicator, period) -> the unit's figure of the indicator for the period, if any.
FigureSource = Callable[[Unit, Indicator, Period], Decimal | None]
_figure_sources: list[FigureSource] = []


def figures_from(source: FigureSource) -> FigureSource:
    """Register where last year's figures are read (the actuals app, when it is ready)."""
    if source not in _figure_sources:
        _figure_sources.append(source)
    return source


def in_percent(indicator: Indicator, measure: str, field: str) -> bool:
    """Whether this number of a target is a percentage that the 100% warning applies to:
    a growth rate; a change of a percentage (in points); a level of a percentage whose
    indicator has no highest value of its own (with one, the bound refuses what is beyond)."""
    if field != "threshold" and measure == Measure.GROWTH:
        return True
    if field != "threshold" and measure == Measure.CHANGE:
        return indicator.is_percentage
    if field == "threshold" or measure == Measure.LEVEL:
        return indicator.is_percentage and indicator.maximum is None
    return False


def last_year_references(unit: Unit, indicator: Indicator, period: Period) -> list[Reference]:
    """What a level for `period` (a year) is compared with: the unit's figure of the year
    before, and the levels set for it that year."""
    if period.kind is not PeriodKind.YEAR:
        return []
    before = Period.year_of(period.year - 1)
    references = []
    for source in _figure_sources:
        figure = source(unit, indicator, before)
        if figure is not None:
            references.append(Reference(f"số liệu năm {before.year}", figure))
    earlier = (
        Target.objects.filter(
            unit=unit, indicator=indicator, period=before.code, measure=Measure.LEVEL
        )
        .exclude(value=None)
        .order_by("issuer")
        .values_list("issuer", "value")
    )
    for issuer, value in earlier:
        if value is not None:
            references.append(Reference(f"chỉ tiêu năm {before.year} ({issuer})", value))
    return references


def target_warnings(target: Target) -> list[str]:
    """The warnings of a target's numbers (unsaved or saved), each naming its field."""
    try:
        period = Period.parse(target.period or target.resolution.period)
    except PeriodError:
        return []
    references: list[Reference] | None = None
    warnings: list[str] = []
    for field, label in NUMBER_FIELDS.items():
        value = getattr(target, field)
        if value is None:
            continue
        compared: list[Reference] = []
        if field != "threshold" and target.measure == Measure.LEVEL:
            if references is None:
                references = last_year_references(target.unit, target.indicator, period)
            compared = references
        warnings += implausibilities(
            value,
            percent=in_percent(target.indicator, target.measure, field),
            references=compared,
            field=label,
        )
    return warnings
