"""The exact edge of "gần đạt": a target not met counts as nearly met when its gap to the plan is
at most `tolerance` % of the plan (DOMAIN.md §4). At the edge, just inside and just outside, for a
floor, a ceiling, a growth target and a change of a rate below zero."""

from decimal import Decimal as D

import pytest

from chitieu.evaluation.engine import (
    AT_LEAST,
    AT_MOST,
    CHANGE,
    GROWTH,
    LEVEL,
    LOWER,
    RANGE,
    REACH,
    Figures,
    Rule,
    Status,
    evaluate,
)

FIVE = D("5")


def status(rule: Rule, tolerance: D = FIVE, **figures) -> Status:
    return evaluate(rule, Figures(**figures), tolerance).status


@pytest.mark.parametrize(
    ("current", "expected"),
    [
        (D("100"), Status.MET),
        (D("95.0001"), Status.NEARLY_MET),  # just inside
        (D("95"), Status.NEARLY_MET),  # exactly 5% short: still nearly met
        (D("94.9999"), Status.NOT_MET),  # just outside
    ],
)
@pytest.mark.parametrize("comparison", [AT_LEAST, REACH])
def test_a_floor_at_the_edge_of_the_tolerance(comparison, current, expected):
    assert status(Rule(LEVEL, comparison, D("100")), current=current) is expected


@pytest.mark.parametrize(
    ("current", "expected"),
    [
        (D("3.0"), Status.MET),
        (D("3.1499"), Status.NEARLY_MET),
        (D("3.15"), Status.NEARLY_MET),  # exactly 5% over the ceiling
        (D("3.1501"), Status.NOT_MET),
    ],
)
@pytest.mark.parametrize(
    "rule", [Rule(LEVEL, AT_MOST, D("3.0")), Rule(LEVEL, REACH, D("3.0"), direction=LOWER)]
)
def test_a_ceiling_at_the_edge_of_the_tolerance(rule, current, expected):
    assert status(rule, current=current) is expected


@pytest.mark.parametrize(
    ("current", "expected"),
    [
        (D("109"), Status.MET),  # growth 9%
        (D("108.5501"), Status.NEARLY_MET),  # 8.5501%
        (D("108.55"), Status.NEARLY_MET),  # 8.55% = 9% less 5% of 9%
        (D("108.5499"), Status.NOT_MET),  # 8.5499%
    ],
)
def test_a_growth_target_at_the_edge_of_the_tolerance(current, expected):
    rule = Rule(GROWTH, REACH, D("9"))
    assert status(rule, current=current, previous=D("100")) is expected


@pytest.mark.parametrize(
    ("current", "expected"),
    [
        (D("2.5"), Status.MET),  # down 0.5 points
        (D("2.525"), Status.NEARLY_MET),  # down 0.475: 5% of |−0.5| short
        (D("2.5251"), Status.NOT_MET),
    ],
)
def test_a_negative_plan_is_measured_by_its_size(current, expected):
    # "tỷ lệ hộ nghèo giảm 0,5% trở lên": a change of at most −0.5 points.
    rule = Rule(CHANGE, AT_MOST, D("-0.5"), direction=LOWER)
    assert status(rule, current=current, previous=D("3.0")) is expected


@pytest.mark.parametrize(
    ("current", "expected"),
    [(D("1.9"), Status.NEARLY_MET), (D("1.8999"), Status.NOT_MET)],
)
def test_a_range_is_measured_from_its_nearer_end(current, expected):
    # Between 2 and 3: the gap below is taken against 2, the lower end (5% of 2 = 0.1).
    assert status(Rule(LEVEL, RANGE, D("2"), upper=D("3")), current=current) is expected


def test_no_tolerance_means_no_nearly_met_even_at_the_smallest_gap():
    assert status(Rule(LEVEL, AT_LEAST, D("100")), D("0"), current=D("99.9999")) is Status.NOT_MET
