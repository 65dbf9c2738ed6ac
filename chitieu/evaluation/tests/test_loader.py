"""Evaluation from the database: the figures a view chooses, cumulative figures derived from
months, roll-up from sub-units and through merge links, and fixed query counts."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chitieu.actuals.figurebook import View
from chitieu.core.periods import Period
from chitieu.evaluation.engine import Status
from chitieu.evaluation.history import indicator_series
from chitieu.evaluation.loader import evaluate_units
from chitieu.evaluation.services import policy_set
from chitieu.targets.models import Comparison, Measure
from chitieu.targets.services import resolution_create, target_create
from chitieu.testing import put
from chitieu.units.models import UnitType
from chitieu.units.services import unit_create, unit_link_create


def results_of(unit, period="2021", view=View.BEST):
    (results,) = evaluate_units([unit], Period.parse(period), view)
    return results


def test_the_view_chooses_official_estimate_or_the_best(
    tree, superuser, town_resolution, catalogue
):
    budget = catalogue["KT06"]
    target_create(
        actor=superuser, resolution=town_resolution, issuer="x", indicator=budget, value=D("300")
    )
    put(superuser, tree.town, budget, "2021", "320", "estimate")
    assert results_of(tree.town).results[0].figure.value == D("320")
    put(superuser, tree.town, budget, "2021", "280", "official")
    best = results_of(tree.town).results[0]
    assert (best.figure.value, best.figure.kind, best.status) == (
        D("280"),
        "official",
        Status.NOT_MET,
    )
    estimate = results_of(tree.town, view=View.ESTIMATE).results[0]
    assert (estimate.figure.value, estimate.status) == (D("320"), Status.EXCEEDED)


def test_official_view_without_official_figures_has_no_data(
    tree, superuser, town_resolution, catalogue
):
    target_create(
        actor=superuser,
        resolution=town_resolution,
        issuer="x",
        indicator=catalogue["KT06"],
        value=D("300"),
    )
    put(superuser, tree.town, catalogue["KT06"], "2021", "320")
    assert results_of(tree.town, view=View.OFFICIAL).results[0].status is Status.NO_DATA


def test_six_months_of_a_flow_are_derived_from_months(tree, superuser, town_resolution, catalogue):
    budget = catalogue["KT06"]
    target_create(
        actor=superuser, resolution=town_resolution, issuer="x", indicator=budget, value=D("300")
    )
    for month in range(1, 7):
        put(superuser, tree.town, budget, f"2021-M0{month}", "20")
    result = results_of(tree.town, "2021-H1").results[0]
    assert (result.figure.value, result.figure.kind) == (D("120"), "derived")
    assert result.evaluation.ratio == D("40.0000")
    # Without last year's pattern the year end is projected linearly: 120 × 12 / 6.
    assert result.risk.projection.value == D("240.0000")
    assert result.risk.at_risk is True
    # Six months are no verdict on the year: the target is at risk, and 40% of the plan is done.
    assert result.status is Status.AT_RISK
    assert result.projected_status is Status.NOT_MET
    assert result.done_share == D("40.0000")


def test_a_parent_without_its_own_figure_rolls_up_its_sub_units(
    tree, superuser, town_resolution, catalogue
):
    budget = catalogue["KT06"]
    target_create(
        actor=superuser, resolution=town_resolution, issuer="x", indicator=budget, value=D("25")
    )
    put(superuser, tree.commune_a, budget, "2021", "10")
    assert results_of(tree.town).results[0].status is Status.NO_DATA  # Kỳ Hà has not reported
    put(superuser, tree.commune_b, budget, "2021", "16.5")
    result = results_of(tree.town).results[0]
    assert (result.figure.value, result.figure.kind, result.status) == (
        D("26.5"),
        "rollup",
        Status.EXCEEDED,
    )


def test_weighted_average_rolls_up_with_its_weights(tree, superuser, town_resolution, catalogue):
    poverty, households = catalogue["XH03"], catalogue["XH02"]
    target_create(
        actor=superuser,
        resolution=town_resolution,
        issuer="x",
        indicator=poverty,
        value=D("3"),
        comparison=Comparison.AT_MOST,
    )
    put(superuser, tree.commune_a, poverty, "2021", "2")
    put(superuser, tree.commune_b, poverty, "2021", "4")
    put(superuser, tree.commune_a, households, "2021", "3000")
    put(superuser, tree.commune_b, households, "2021", "1000")
    assert results_of(tree.town).results[0].figure.value == D("2.5000")


def test_counts_and_milestones_read_the_sub_units(tree, superuser, town_resolution, catalogue):
    standard = catalogue["KT16"]
    target_create(
        actor=superuser,
        resolution=town_resolution,
        issuer="x",
        indicator=standard,
        value=D("1"),
        measure=Measure.SUBUNIT_COUNT_NEW,
        comparison=Comparison.AT_LEAST,
    )
    target_create(
        actor=superuser,
        resolution=town_resolution,
        issuer="y",
        indicator=standard,
        value=None,
        measure=Measure.MILESTONE,
        subject_unit=tree.commune_b,
    )
    put(superuser, tree.commune_a, standard, "2020", "1")
    put(superuser, tree.commune_a, standard, "2021", "1")
    put(superuser, tree.commune_b, standard, "2021", "1")
    count, milestone = results_of(tree.town).results
    assert (count.evaluation.measured, count.status) == (D(1), Status.MET)
    assert milestone.status is Status.MET


def test_term_targets_count_every_year_of_the_term_so_far(tree, superuser, catalogue):
    term = resolution_create(
        actor=superuser,
        unit=tree.town,
        number="ĐH",
        title="Đại hội",
        date=dt.date(2020, 8, 1),
        issuing_body="Đảng bộ",
        period="T2020-2025",
    )
    target_create(
        actor=superuser,
        resolution=term,
        issuer="Đảng bộ",
        indicator=catalogue["XD02"],
        value=D("170"),
        measure=Measure.TERM_TOTAL,
        comparison=Comparison.AT_LEAST,
    )
    put(superuser, tree.town, catalogue["XD02"], "2020", "60")
    put(superuser, tree.town, catalogue["XD02"], "2021", "150")
    result = results_of(tree.town, "2021").results[0]
    assert (result.evaluation.measured, result.evaluation.ratio) == (D("210"), D("123.5294"))


def test_the_headline_is_per_issuer_with_the_units_own_first(
    tree, superuser, town_resolution, catalogue
):
    budget = catalogue["KT06"]
    province_resolution = resolution_create(
        actor=superuser,
        unit=tree.province,
        number="P",
        title="t",
        date=dt.date(2020, 12, 1),
        issuing_body="HĐND tỉnh",
        period="2021",
    )
    target_create(
        actor=superuser,
        resolution=province_resolution,
        unit=tree.town,
        issuer="Tỉnh giao",
        indicator=budget,
        value=D("196.8"),
    )
    target_create(
        actor=superuser,
        resolution=town_resolution,
        issuer="Thị xã đề ra",
        indicator=budget,
        value=D("400"),
    )
    put(superuser, tree.town, budget, "2021", "320")
    headlines = results_of(tree.town).headlines()
    assert [(h.issuer, h.achieved, h.total) for h in headlines] == [
        ("Thị xã đề ra", 0, 1),
        ("Tỉnh giao", 1, 1),
    ]


def test_as_it_is_now_rolls_up_whole_mergers_and_names_the_split_ones(tree, superuser, catalogue):
    budget = catalogue["KT06"]
    merged = unit_create(
        actor=superuser,
        name="Phường Mới",
        type=UnitType.WARD,
        parent=tree.province,
        valid_from=dt.date(2025, 7, 1),
    )
    for old, whole in ((tree.commune_a, True), (tree.commune_b, True)):
        unit_link_create(
            actor=superuser,
            predecessor=old,
            successor=merged,
            effective_date=dt.date(2025, 7, 1),
            whole=whole,
        )
    unit_link_create(
        actor=superuser,
        predecessor=tree.commune_c,
        successor=tree.new_ward,
        effective_date=dt.date(2025, 7, 1),
        whole=False,
    )
    put(superuser, tree.commune_a, budget, "2021", "10")
    put(superuser, tree.commune_b, budget, "2021", "5")
    put(superuser, tree.commune_c, budget, "2021", "7")
    (series,) = indicator_series(merged, [budget], [2021])
    point = series.points[0]
    assert (point.value, sorted(point.rolled_up_from)) == (D("15"), ["Phường Kỳ Ninh", "Xã Kỳ Hà"])
    (split,) = indicator_series(tree.new_ward, [budget], [2021])
    assert (split.points[0].value, split.points[0].blocked_by) == (None, ["Xã Cẩm Bình"])


def test_the_series_adds_up_the_sub_units_where_the_unit_has_no_figure(tree, superuser, catalogue):
    budget = catalogue["KT06"]
    put(superuser, tree.commune_a, budget, "2021", "10")
    put(superuser, tree.commune_b, budget, "2021", "5.5")
    put(superuser, tree.commune_a, budget, "2022", "12")  # Kỳ Hà reported nothing in 2022
    put(superuser, tree.town, budget, "2023", "40")
    put(superuser, tree.commune_a, budget, "2023", "1")
    put(superuser, tree.commune_b, budget, "2023", "1")
    (series,) = indicator_series(tree.town, [budget], [2021, 2022, 2023])
    assert [(p.year, p.value, sorted(p.rolled_up_from)) for p in series.points] == [
        (2021, D("15.5"), ["Phường Kỳ Ninh", "Xã Kỳ Hà"]),
        (2022, None, []),  # an incomplete sum is no figure
        (2023, D("40"), []),  # the unit's own figure wins
    ]


@pytest.mark.parametrize("size", [2, 12])
def test_evaluating_many_units_takes_a_fixed_number_of_queries(tree, superuser, catalogue, size):
    units = []
    for index in range(size):
        unit = unit_create(
            actor=superuser, name=f"Xã {index}", type=UnitType.COMMUNE, parent=tree.town
        )
        resolution = resolution_create(
            actor=superuser,
            unit=unit,
            number=f"{index}",
            title="t",
            date=dt.date(2020, 12, 1),
            issuing_body="HĐND",
            period="2021",
        )
        for code in ("KT06", "XH03", "XD02"):
            target_create(
                actor=superuser,
                resolution=resolution,
                issuer="x",
                indicator=catalogue[code],
                value=D("10"),
            )
            put(superuser, unit, catalogue[code], "2021", "11")
        units.append(unit)
    with CaptureQueriesContext(connection) as queries:
        results = evaluate_units(units, Period.year_of(2021))
    # the data versions; policy, targets, indicators, sub-units, figures, and the months of the
    # figures that lack a yearly value (none of these units reported 2020)
    assert len(queries) == 7
    assert all(r.primary_headline().achieved == 2 for r in results)  # XH03 is lower-is-better
    # Again, from the stored results: the data versions only (the objects kept in the process).
    with CaptureQueriesContext(connection) as queries:
        again = evaluate_units(units, Period.year_of(2021))
    assert len(queries) == 1
    assert [r.primary_headline() for r in again] == [r.primary_headline() for r in results]


def test_the_provinces_tolerance_decides_what_is_nearly_met(
    tree, superuser, town_resolution, catalogue
):

    target_create(
        actor=superuser,
        resolution=town_resolution,
        issuer="x",
        indicator=catalogue["KT06"],
        value=D("300"),
    )
    put(superuser, tree.town, catalogue["KT06"], "2021", "290")
    assert results_of(tree.town).results[0].status is Status.NEARLY_MET  # default 5%
    policy_set(actor=superuser, unit=tree.province, near_met_tolerance=D("2"))
    assert results_of(tree.town).results[0].status is Status.NOT_MET
    policy_set(actor=superuser, unit=tree.town, near_met_tolerance=D("4"))
    assert results_of(tree.town).results[0].status is Status.NEARLY_MET  # the nearest policy wins
