"""From an evaluation to the narrative's facts: one entry per main indicator, its issuers'
ratios together, the unit's own issuer first."""

from __future__ import annotations

from chitieu.core.periods import PeriodKind
from chitieu.evaluation.engine import Status
from chitieu.evaluation.loader import UnitResults
from chitieu.reports.narrative import IndicatorFacts, UnitFacts

ON_COURSE = (Status.ON_TRACK, Status.NEEDS_ACCELERATION)


def unit_facts(results: UnitResults) -> UnitFacts:
    headline = results.primary_headline()
    by_indicator: dict[int, list] = {}
    for result in results.results:
        if result.target.is_main:
            by_indicator.setdefault(result.target.indicator_id, []).append(result)
    primary = headline.issuer if headline else ""
    items = []
    for group in by_indicator.values():
        group.sort(key=lambda r: r.target.issuer != primary)
        first = group[0]
        figure = first.figure
        items.append(
            IndicatorFacts(
                name=first.target.indicator.name,
                unit_of_measure=first.target.indicator.unit_of_measure,
                value=figure.value if figure else None,
                is_estimate=bool(figure and figure.kind == "estimate"),
                ratios=tuple(
                    (r.target.issuer, r.evaluation.ratio)
                    for r in group
                    if r.evaluation.ratio is not None and r.target.measure == "level"
                ),
                change=first.change.value if first.change else None,
                change_in_points=bool(first.change and first.change.in_points),
                # Within a year or a term, on course counts as on plan; at risk does not.
                achieved=all(r.status.is_achieved or r.status in ON_COURSE for r in group),
            )
        )
    period = results.period
    previous = period.same_period_last_year()
    previous_label = (
        f"năm {previous.year}" if period.kind is PeriodKind.YEAR else f"cùng kỳ năm {previous.year}"
    )
    return UnitFacts(
        unit_name=results.unit.name,
        period_label=period.label,
        previous_label=previous_label,
        achieved=(headline.on_track if results.partial else headline.achieved) if headline else 0,
        total=headline.total if headline else 0,
        exceeded=headline.exceeded if headline else 0,
        indicators=items,
        partial=results.partial,
        at_risk=headline.at_risk if headline else 0,
    )
