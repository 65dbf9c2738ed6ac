"""The loader reads only the rows an evaluation needs (a unit's months only when it lacks the
period's figure, sub-units' months only when the unit has no figure of its own): on a small
version of the bench's datasets, every target's result equals the engine's over ALL the rows."""

from __future__ import annotations

import random
from decimal import Decimal as D

import pytest

from bench import dataset
from chitieu.actuals.figurebook import FigureBook, View
from chitieu.actuals.models import Actual
from chitieu.core.periods import Period
from chitieu.evaluation.loader import (
    _evaluate_target,
    evaluate_fresh,
    evaluate_units,
    load_targets,
    tolerances_for,
)
from chitieu.evaluation.models import EvaluationPolicy
from chitieu.indicators.models import Indicator
from chitieu.units.models import Unit

# Rows set up directly (bench generators, ratings, policies): the audit tripwire is off here.
pytestmark = pytest.mark.unaudited


def small_catalogue() -> list[Indicator]:
    return list(
        Indicator.objects.bulk_create(
            Indicator(
                code=f"E{index:02d}",
                name=f"Thử {index}",
                unit_of_measure="%" if index % 3 == 0 else "tỷ đồng",
                category="kinh_te",
                direction="lower" if index % 4 == 0 else "higher",
                aggregation="average" if index % 3 == 0 else "sum",
                nature="stock" if index % 3 == 0 else "flow",
                decimals=2,
            )
            for index in range(6)
        )
    )


def small_province(catalogue: list[Indicator]) -> tuple[Unit, list[Unit]]:
    """The bench's monthly province in small: 4 communes, with holes: the province lacks its
    own figures of two indicators (rolled up from the communes), a commune lacks a month."""
    province = dataset._unit("Tỉnh Nhỏ", "tinh", None)
    communes = dataset._communes(province, 4, 0)
    dataset._targets_and_months([province, *communes], catalogue, [2023, 2024], random.Random(3))
    Actual.objects.filter(unit=province, indicator__in=catalogue[:2]).delete()
    # Last year's figure of one indicator lacking: the change is against the communes' total.
    Actual.objects.filter(unit=province, indicator=catalogue[5], period__startswith="2023").delete()
    Actual.objects.filter(unit=communes[0], indicator=catalogue[2], period="2024-M05").delete()
    Actual.objects.filter(
        unit=communes[1], indicator=catalogue[4], period__startswith="2023"
    ).delete()
    # A yearly figure reported as such replaces its months for one commune and indicator.
    Actual.objects.create(
        unit=communes[2], indicator=catalogue[1], period="2024", kind="estimate", value=D("99")
    )
    return province, communes


def reference(units: list[Unit], period: Period) -> list[tuple]:
    """The engine over every figure in the database: no row left out."""
    rows = Actual.objects.values_list("unit_id", "indicator_id", "period", "kind", "value")
    book = FigureBook(rows, View.BEST)
    tolerances = tolerances_for(units)
    indicators = {i.pk: i for i in Indicator.objects.all()}
    weights = {i.pk: i for i in indicators.values()}
    results = []
    for unit in units:
        children = list(
            Unit.objects.filter(parent=unit).order_by("pk").values_list("pk", flat=True)
        )
        for target in load_targets([unit.pk], period):
            result = _evaluate_target(target, book, period, children, weights, tolerances[unit.pk])
            results.append(summary(result))
    return results


def summary(result) -> tuple:
    return (
        result.target.id,
        result.status,
        result.evaluation,
        result.figure,
        result.previous,
        result.change,
        result.risk,
    )


@pytest.mark.parametrize("code", ["2024", "2024-H1", "2024-Q3", "2024-9M"])
def test_every_target_of_the_small_bench_equals_the_engine_over_all_rows(db, code):
    catalogue = small_catalogue()
    province, communes = small_province(catalogue)
    EvaluationPolicy.objects.create(unit=province, near_met_tolerance=D("5"))
    period = Period.parse(code)
    units = [province, *sorted(communes, key=lambda unit: unit.pk)]
    found = [summary(r) for row in evaluate_units(units, period) for r in row.results]
    expected = reference(units, period)
    assert len(found) == 5 * 6
    assert found == expected
    # The holes are there: some statuses differ, rolled-up and derived figures are both used.
    kinds = {figure.kind for *_, figure, _p, _c, _r in found if figure}
    assert {"derived", "rollup"} <= kinds
    assert ("estimate" in kinds) == (code == "2024")


def test_the_province_with_its_own_figures_reads_none_of_its_communes_months(
    db, django_assert_num_queries
):
    catalogue = small_catalogue()
    province = dataset._unit("Tỉnh Đủ", "tinh", None)
    communes = dataset._communes(province, 3, 0)
    dataset._targets_and_months([province, *communes], catalogue, [2023, 2024], random.Random(5))
    # policy, targets, indicators, sub-units, figures, the province's months: no communes' months
    with django_assert_num_queries(6):
        (results,) = evaluate_fresh([province], Period.year_of(2024))
    assert all(r.figure is not None and r.figure.kind == "derived" for r in results.results)
