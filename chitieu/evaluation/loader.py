"""Loading what an evaluation needs, for one unit or many, in a fixed number of queries.

The loader reads targets and figures into plain dictionaries; `evaluate_units` then runs the pure
engine over them. A "view" chooses which figures count: the official ones, the estimates, or the
best available (official where there is one, else the estimate).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Q

from chitieu.actuals.figurebook import (
    Figure,
    FigureBook,
    View,
    derivable,
    part_codes,
    year_period,
)
from chitieu.actuals.models import Actual
from chitieu.core.periods import Period, PeriodKind
from chitieu.evaluation import engine, store
from chitieu.evaluation.models import DEFAULT_NEAR_MET_TOLERANCE, EvaluationPolicy
from chitieu.indicators.models import Indicator
from chitieu.targets.models import Measure, Target
from chitieu.targets.wording import describe_measured
from chitieu.targets.wording import number as wording_number
from chitieu.units.models import ORGANISATION_TYPES, Unit

GROWTH_PLACES = 2  # "tăng 8,91%": a growth rate is shown like the pages' other percentages


@dataclass
class TargetResult:
    target: TargetRow
    evaluation: engine.Evaluation
    figure: Figure | None
    previous: Decimal | None
    change: engine.Change | None
    risk: engine.RiskCheck | None = None
    term: engine.TermProgress | None = None  # a term target: its pace, or its final verdict
    figures_sample: bool = False  # some figure it was judged on is generated demo data

    @property
    def is_sample(self) -> bool:
        """Shown as "mẫu" wherever the result is: a sample target, or judged on sample figures."""
        return self.target.is_sample or self.figures_sample

    @property
    def status(self) -> engine.Status:
        """The status that counts: at a year, the evaluation; for a term target before the
        term's last year is over, its pace ("đúng tiến độ", "cần tăng tốc", "chậm tiến độ");
        within a year, whether the projection of the year's end meets the target ("đúng tiến
        độ") or not ("có nguy cơ không đạt"): six months of a flow are no verdict on the year."""
        if self.term is not None:
            return self.term.status
        if self.risk is not None:
            return engine.outlook(self.risk)
        return self.evaluation.status

    @property
    def projected_status(self) -> engine.Status | None:
        """Within a year, the status the projected year-end figure would have."""
        if self.risk is None or self.risk.projected is None:
            return None
        return self.risk.projected.status

    @property
    def done_share(self) -> Decimal | None:
        """The share of the plan done (in %). Within a year only a flow's figure so far is a
        share of the year's plan; a level, a growth rate or a change is not."""
        if self.risk is None or self.term is not None:
            return self.evaluation.ratio
        if self.target.measure == Measure.LEVEL and self.target.indicator.nature == "flow":
            return self.evaluation.ratio
        return None

    @property
    def measured_text(self) -> str:
        """What was measured in the target's own terms ("10%" for a growth, "-1,2 điểm %" for a
        change, "12/34" for a place), for pages, Word, PDF and Excel alike."""
        target, indicator = self.target, self.target.indicator
        out_of = None
        if target.measure == Measure.RANK:
            out_of = indicator.ranked_out_of(target.period_value.years[-1])
        return describe_measured(
            measure=target.measure,
            value=self.evaluation.measured,
            unit_of_measure=indicator.unit_of_measure,
            places=self.measured_places,
            out_of=out_of,
        )

    @property
    def forecast_text(self) -> str:
        """The projected year-end figure with at most the indicator's places ("321", never
        "321,000", which a reader takes for three hundred twenty-one thousand)."""
        if self.risk is None or self.risk.projection is None:
            return ""
        return wording_number(self.risk.projection.value, self.target.indicator.decimals)

    @property
    def measured_places(self) -> int | None:
        """How many decimal places to show the measured value with: a reported figure keeps its
        own digits; one the system computed (an average of sub-units, a growth rate, a change)
        is shown like the indicator's figures, not with the engine's four places."""
        if self.target.measure == Measure.GROWTH:
            return GROWTH_PLACES  # a rate in %, whatever the places of the indicator's figures
        computed = (self.figure is not None and self.figure.kind == "rollup") or (
            self.target.measure == Measure.CHANGE
        )
        return self.target.indicator.decimals if computed else None


@dataclass
class UnitResults:
    unit: Unit
    period: Period
    results: list[TargetResult] = field(default_factory=list)
    tolerance: Decimal = Decimal(0)  # the "gần đạt" tolerance the results were judged with
    _headlines: list[engine.Headline] | None = field(default=None, repr=False, compare=False)

    @property
    def is_sample(self) -> bool:
        """Some result is sample data: the unit's headline and row are marked "mẫu"."""
        return any(result.is_sample for result in self.results)

    def headlines(self) -> list[engine.Headline]:
        """One headline per issuer, the unit's own resolutions first (worked out once: pages
        ask for it per row, per cell and per chart bar)."""
        if self._headlines is None:
            self._headlines = self._count_headlines()
        return self._headlines

    @property
    def partial(self) -> bool:
        """Within a year (six or nine months, a quarter, a month): yearly targets are read by
        their projection, not judged."""
        return self.period.kind not in (PeriodKind.YEAR, PeriodKind.TERM)

    def term_summary(self) -> engine.TermSummary:
        """The term targets, counted apart from the year's headline."""
        return engine.term_summary(
            result.status for result in self.results if result.target.measure == Measure.TERM_TOTAL
        )

    def _count_headlines(self) -> list[engine.Headline]:
        by_issuer: dict[str, list[engine.Status]] = defaultdict(list)
        own_first: dict[str, bool] = {}
        for result in self.results:
            # Term targets are counted apart (`term_summary`), never in the year's headline.
            if not result.target.is_main or result.target.measure == Measure.TERM_TOTAL:
                continue
            issuer = result.target.issuer
            by_issuer[issuer].append(result.status)
            own = result.target.resolution_unit_id == self.unit.pk
            own_first[issuer] = own_first.get(issuer, False) or own
        order = sorted(by_issuer, key=lambda issuer: (not own_first[issuer], issuer))
        return [
            engine.headline(issuer, by_issuer[issuer], partial=self.partial) for issuer in order
        ]

    def primary_headline(self) -> engine.Headline | None:
        headlines = self.headlines()
        return headlines[0] if headlines else None

    def at_risk(self) -> list[TargetResult]:
        return [result for result in self.results if result.risk and result.risk.at_risk]


def _direct_periods(period: Period, term_years: Iterable[int]) -> list[Period]:
    """The periods whose figures an evaluation reads: the period, the same period last year,
    last year's full year (for projections), and each year of a term so far."""
    wanted: list[Period] = [period, period.same_period_last_year()]
    if period.kind is not PeriodKind.YEAR and period.kind is not PeriodKind.TERM:
        wanted.append(Period.year_of(period.year - 1))
    wanted.extend(Period.year_of(year) for year in term_years)
    return list(dict.fromkeys(wanted))


def tolerance_for(unit: Unit) -> Decimal:
    return tolerances_for([unit])[unit.pk]


def tolerances_for(units: list[Unit]) -> dict[int, Decimal]:
    """Each unit's "gần đạt" tolerance: the nearest policy up its tree (one query for all)."""
    ancestry = {
        unit.pk: [int(part) for part in unit.path.strip("/").split("/") if part] for unit in units
    }
    policies = {
        policy.unit_id: policy.near_met_tolerance
        for policy in EvaluationPolicy.objects.filter(
            unit_id__in={ancestor for ancestors in ancestry.values() for ancestor in ancestors}
        )
    }
    found = {}
    for unit_id, ancestors in ancestry.items():
        found[unit_id] = next(
            (policies[a] for a in reversed(ancestors) if a in policies),
            DEFAULT_NEAR_MET_TOLERANCE,
        )
    return found


class TargetRow(NamedTuple):
    """A target as the evaluation reads it: plain fields, the shared indicator object (a tuple:
    the cheapest object to build, from the database and from stored results alike)."""

    id: int
    indicator: Indicator
    unit_id: int
    period: str
    issuer: str
    is_main: bool
    measure: str
    comparison: str
    value: Decimal | None
    upper: Decimal | None
    threshold: Decimal | None
    subject_unit: Unit | None
    resolution_id: int
    resolution_unit_id: int
    is_sample: bool
    wording: str

    @property
    def indicator_id(self) -> int:
        return self.indicator.id

    @property
    def subject_unit_id(self) -> int | None:
        return self.subject_unit.pk if self.subject_unit else None

    @property
    def period_value(self) -> Period:
        return Period.parse(self.period)


def _finite(value: Decimal | None) -> Decimal | None:
    """A stored NaN or Infinity (PostgreSQL's numeric can hold them) is treated as missing."""
    return value if value is None or value.is_finite() else None


TARGET_FIELDS = (
    "id", "indicator_id", "unit_id", "period", "issuer", "is_main", "measure", "comparison",
    "value", "upper", "threshold", "subject_unit_id", "resolution_id", "resolution__unit_id",
    "is_sample", "wording",
)  # fmt: skip


def load_indicators(ids: Iterable[int]) -> dict[int, Indicator]:
    """The indicators by id, with the indicators they are weighted by (one query): one object
    per indicator, shared by every target of it."""
    wanted = set(ids)
    if not wanted:
        return {}
    indicators = {
        indicator.id: indicator
        for indicator in Indicator.objects.filter(
            Q(pk__in=wanted)
            | Q(pk__in=Indicator.objects.filter(pk__in=wanted).values("weight_indicator_id"))
        )
    }
    for indicator in indicators.values():
        if indicator.weight_indicator_id:
            indicator.weight_indicator = indicators[indicator.weight_indicator_id]
    return indicators


def load_targets(unit_ids: list[int], period: Period) -> list[TargetRow]:
    """The targets of the units for the period's year and for terms containing it: three queries
    (targets, their indicators, named sub-units), however many targets there are."""
    rows = list(
        Target.objects.filter(unit_id__in=unit_ids)
        .filter(Q(period=str(period.year)) | Q(period__startswith="T"))
        .order_by("unit_id", "order", "id")
        .values_list(*TARGET_FIELDS)
    )
    year = str(period.year)  # most rows; only terms need parsing
    rows = [row for row in rows if row[3] == year or Period.parse(row[3]).contains_year(int(year))]
    indicators = load_indicators({row[1] for row in rows})
    subject_ids = {row[11] for row in rows if row[11]}
    subjects = (
        {unit.pk: unit for unit in Unit.objects.filter(pk__in=subject_ids)} if subject_ids else {}
    )
    return [
        TargetRow(
            id=row[0],
            indicator=indicators[row[1]],
            unit_id=row[2],
            period=row[3],
            issuer=row[4],
            is_main=row[5],
            measure=row[6],
            comparison=row[7],
            value=_finite(row[8]),
            upper=_finite(row[9]),
            threshold=_finite(row[10]),
            subject_unit=subjects.get(row[11]) if row[11] else None,
            resolution_id=row[12],
            resolution_unit_id=row[13],
            is_sample=row[14],
            wording=row[15],
        )
        for row in rows
    ]


# What is stored of an evaluation, by class: results stored by another version are not read.
STORED_LAYOUT = store.layout_of(
    TargetResult,
    TargetRow,
    engine.Evaluation,
    engine.Change,
    engine.RiskCheck,
    engine.Projection,
    engine.TermProgress,
    Figure,
)


def evaluate_units(units: list[Unit], period: Period, view: View = View.BEST) -> list[UnitResults]:
    """Every target of `units` evaluated for `period` (targets of its year and of terms that
    contain it): the stored results of the units whose data has not changed since they were
    stored (`store`), the engine's for the others, which are then stored. A fixed number of
    queries, whatever the number of units and targets."""
    if not units:
        return []
    lookup = store.Lookup(units, period.code, str(view), STORED_LAYOUT)  # stamps, then data
    lookup.read(load_indicators)
    missing = [unit for unit in units if unit.pk not in lookup.found]
    computed = {results.unit.pk: results for results in evaluate_fresh(missing, period, view)}
    lookup.save(  # copies of the lists: what is stored is never what a caller may reorder
        {
            pk: store.Stored(results.tolerance, list(results.results))
            for pk, results in computed.items()
        }
    )
    return [
        computed[unit.pk]
        if unit.pk in computed
        else UnitResults(
            unit=unit,
            period=period,
            tolerance=lookup.found[unit.pk].tolerance,
            results=list(lookup.found[unit.pk].results),
        )
        for unit in units
    ]


def evaluate_fresh(units: list[Unit], period: Period, view: View = View.BEST) -> list[UnitResults]:
    """Every target of `units` evaluated by the engine over the figures in the database, with
    nothing stored read or kept: what the stored results are checked against."""
    if not units:
        return []
    unit_ids = [unit.pk for unit in units]
    tolerances = tolerances_for(units)
    targets = load_targets(unit_ids, period)
    term_years = {
        year
        for target in targets
        if target.measure == Measure.TERM_TOTAL
        for year in target.period_value.years
        if year <= period.year or period.kind is PeriodKind.TERM
    }
    indicator_ids = {target.indicator.id for target in targets}
    weight_ids = {
        t.indicator.weight_indicator_id for t in targets if t.indicator.weight_indicator_id
    }

    children_of: dict[int, list[int]] = defaultdict(list)
    for child_id, parent_id in (
        Unit.objects.filter(parent_id__in=unit_ids)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=period.end))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=period.start))
        .exclude(type__in=ORGANISATION_TYPES)
        .values_list("id", "parent_id")
    ):
        children_of[parent_id].append(child_id)
    child_ids = [child for children in children_of.values() for child in children]
    subject_ids = {t.subject_unit.pk for t in targets if t.subject_unit}

    direct = _direct_periods(period, term_years)
    own = Q(unit_id__in=unit_ids, indicator_id__in=indicator_ids)
    around = Q(
        unit_id__in=child_ids + list(subject_ids), indicator_id__in=indicator_ids | weight_ids
    )
    rows = list(
        Actual.objects.filter(own | around, period__in=[p.code for p in direct]).values_list(
            "unit_id", "indicator_id", "period", "kind", "value", "is_sample"
        )
    )
    # Cumulative figures not reported as such are derived from their months or quarters: read
    # those only where a direct figure is lacking, first for the units themselves, then, for the
    # targets still without a figure (or counting sub-units), for their sub-units (two more
    # queries at most). A province with its own figures reads none of its communes' months.
    book = FigureBook(rows, view)
    cumulative = [p for p in direct if derivable(p)]  # quarters too, from their months
    if cumulative:

        def lacking(
            pairs: Iterable[tuple[int, int]], codes: list[str]
        ) -> tuple[set[int], set[int]]:
            units: set[int] = set()
            indicators: set[int] = set()
            for unit_id, indicator_id in pairs:
                if unit_id in units and indicator_id in indicators:
                    continue
                if not all(book.has(unit_id, indicator_id, code) for code in codes):
                    units.add(unit_id)
                    indicators.add(indicator_id)
            return units, indicators

        def read_months(periods: list[Period], pairs: Iterable[tuple[int, int]]) -> None:
            units, indicators = lacking(pairs, [p.code for p in periods])
            if units:
                book.add(
                    Actual.objects.filter(
                        unit_id__in=units,
                        indicator_id__in=indicators,
                        period__in=part_codes(periods),
                    ).values_list("unit_id", "indicator_id", "period", "kind", "value", "is_sample")
                )

        read_months(cumulative, ((t.unit_id, t.indicator.id) for t in targets))
        # Sub-units count for the period and the same period last year only (a roll-up or a
        # count of sub-units), and only for the periods their unit has no figure of.
        rollup_periods = [p for p in (period, period.previous) if derivable(p)]
        needed: set[Period] = set()
        rollup_pairs: list[tuple[int, int]] = []
        for target in targets:
            children = children_of.get(target.unit_id)
            if not children:
                continue
            indicator = target.indicator
            counts = target.measure in (Measure.SUBUNIT_COUNT, Measure.SUBUNIT_COUNT_NEW)
            missing = [
                item
                for item in rollup_periods
                if counts or book.get(target.unit_id, indicator, item) is None
            ]
            if not missing:
                continue
            needed.update(missing)
            wanted = [indicator.id]
            if indicator.weight_indicator_id:
                wanted.append(indicator.weight_indicator_id)
            rollup_pairs.extend((child, i) for child in children for i in wanted)
        if needed:
            read_months(sorted(needed), rollup_pairs)

    indicators = {target.indicator.id: target.indicator for target in targets}.values()
    weights: dict[int, Indicator] = {
        weight.id: weight for i in indicators if (weight := i.weight_indicator) is not None
    }
    by_unit: dict[int, list[TargetRow]] = defaultdict(list)
    for target in targets:
        by_unit[target.unit_id].append(target)
    return [
        UnitResults(
            unit=unit,
            period=period,
            tolerance=tolerances[unit.pk],
            results=[
                _evaluate_target(
                    target, book, period, children_of[unit.pk], weights, tolerances[unit.pk]
                )
                for target in by_unit[unit.pk]
            ],
        )
        for unit in units
    ]


def _figure_with_rollup(
    book: FigureBook,
    unit_id: int,
    indicator: Indicator,
    period: Period,
    children: list[int],
    weights: dict[int, Indicator],
) -> Figure | None:
    """The unit's own figure or, when it has none, its sub-units' figures combined."""
    own = book.get(unit_id, indicator, period)
    if own is not None or not children or indicator.aggregation == "none":
        return own
    weight = weights.get(indicator.weight_indicator_id or 0)
    combined = engine.combine(
        [book.value(child, indicator, period) for child in children],
        indicator.aggregation,
        [book.value(child, weight, period) for child in children] if weight else (),
    )
    if combined.value is None or not combined.complete:
        return None
    sample = any(book.is_sample(child, indicator, period) for child in children)
    return Figure(combined.value, "rollup", sample)


def _evaluate_target(
    target: TargetRow,
    book: FigureBook,
    period: Period,
    children: list[int],
    weights: dict[int, Indicator],
    tolerance: Decimal,
) -> TargetResult:
    indicator = target.indicator
    previous_period = period.previous
    figure = _figure_with_rollup(book, target.unit_id, indicator, period, children, weights)
    previous_figure = _figure_with_rollup(
        book, target.unit_id, indicator, previous_period, children, weights
    )
    current = figure.value if figure else None
    previous = previous_figure.value if previous_figure else None
    term_values: tuple[Decimal | None, ...] = ()
    partial = period.kind not in (PeriodKind.YEAR, PeriodKind.TERM)
    term_years = target.period_value.years
    elapsed = Decimal(0)
    if target.measure == Measure.TERM_TOTAL:
        # The years of the term so far. Within a year, six or nine months (figures from 1
        # January) stand for the year with the months gone; a quarter or a month is not the year
        # so far, so the year counts as not begun (no figure, no time gone).
        so_far = [
            year for year in term_years if year <= period.year or period.kind is PeriodKind.TERM
        ]
        this_year = partial and bool(so_far) and so_far[-1] == period.year
        term_values = tuple(
            (current if period.is_cumulative else None)
            if this_year and year == period.year
            else book.value(target.unit_id, indicator, year_period(year))
            for year in so_far
        )
        elapsed = Decimal(len(so_far))
        if this_year:
            gone = Decimal(len(period.months)) / 12 if period.is_cumulative else Decimal(0)
            elapsed = elapsed - 1 + gone
    figures = engine.Figures(
        current=current,
        previous=previous,
        term_values=term_values,
        # Only counts of sub-units look at each sub-unit's figures.
        subunits=tuple(
            (book.value(child, indicator, period), book.value(child, indicator, previous_period))
            for child in children
        )
        if target.measure in (Measure.SUBUNIT_COUNT, Measure.SUBUNIT_COUNT_NEW)
        else (),
        subject=(
            book.value(target.subject_unit_id, indicator, period)
            if target.subject_unit_id
            else None
        ),
    )
    rule = engine.Rule(
        measure=target.measure,
        comparison=target.comparison,
        value=target.value,
        direction=indicator.direction,
        upper=target.upper,
        threshold=target.threshold,
    )
    evaluation = engine.evaluate(rule, figures, tolerance)
    term = None
    if target.measure == Measure.TERM_TOTAL:
        term = engine.term_progress(
            rule, figures, elapsed=elapsed, years=len(term_years), tolerance=tolerance
        )
    risk = None
    # A projection of this year's end judges a term target only in the term's last year.
    judged_this_year = term is None or period.year == term_years[-1]
    if (
        period.kind is not PeriodKind.YEAR
        and target.measure != Measure.MILESTONE
        and judged_this_year
    ):
        last_year = year_period(period.year - 1)
        projection = engine.project_year_end(
            indicator.nature,
            current,
            len(period.months),
            previous,
            book.value(target.unit_id, indicator, last_year),
        )
        risk = engine.risk_of(rule, figures, projection, tolerance)
    change = engine.change_against_previous(
        current, previous, is_percentage=indicator.is_percentage
    )
    sample = (
        (figure is not None and figure.sample)
        or (previous_figure is not None and previous_figure.sample)
        or any(
            book.is_sample(target.unit_id, indicator, year_period(year))
            for year in (term_years if target.measure == Measure.TERM_TOTAL else ())
        )
        or (
            target.measure in (Measure.SUBUNIT_COUNT, Measure.SUBUNIT_COUNT_NEW)
            and any(book.is_sample(child, indicator, period) for child in children)
        )
        or (
            target.subject_unit_id is not None
            and book.is_sample(target.subject_unit_id, indicator, period)
        )
    )
    return TargetResult(target, evaluation, figure, previous, change, risk, term, sample)
