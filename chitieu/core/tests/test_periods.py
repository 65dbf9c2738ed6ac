import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.core.periods import Period, PeriodError, PeriodKind


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("2021", "Năm 2021"),
        ("2021-H1", "6 tháng đầu năm 2021"),
        ("2021-9M", "9 tháng năm 2021"),
        ("2021-Q3", "Quý III/2021"),
        ("2021-M07", "Tháng 7/2021"),
        ("T2020-2025", "Nhiệm kỳ 2020 - 2025"),
    ],
)
def test_codes_and_vietnamese_labels(code, label):
    period = Period.parse(code)
    assert period.code == code
    assert period.label == label


@pytest.mark.parametrize("code", ["2021-H2", "2021-Q5", "2021-M13", "T2025-2020", "21", ""])
def test_unknown_codes_are_refused(code):
    with pytest.raises(PeriodError, match="không phải là kỳ báo cáo hợp lệ"):
        Period.parse(code)


def test_cut_off_dates_of_decree_09_2019():
    assert Period.parse("2021-M07").cutoff() == (dt.date(2021, 6, 15), dt.date(2021, 7, 14))
    assert Period.parse("2021-M01").cutoff() == (dt.date(2020, 12, 15), dt.date(2021, 1, 14))
    assert Period.parse("2021-H1").cutoff() == (dt.date(2020, 12, 15), dt.date(2021, 6, 14))
    assert Period.parse("2021-9M").cutoff() == (dt.date(2020, 12, 15), dt.date(2021, 9, 14))
    assert Period.parse("2021").cutoff() == (dt.date(2020, 12, 15), dt.date(2021, 12, 14))
    assert Period.parse("2021-Q3").cutoff() == (dt.date(2021, 6, 15), dt.date(2021, 9, 14))


def test_calendar_bounds():
    assert (Period.parse("2024-M02").start, Period.parse("2024-M02").end) == (
        dt.date(2024, 2, 1),
        dt.date(2024, 2, 29),
    )
    assert Period.parse("2021-9M").end == dt.date(2021, 9, 30)
    assert Period.parse("T2020-2025").years == (2020, 2021, 2022, 2023, 2024, 2025)


def test_same_period_last_year():
    assert Period.parse("2021-H1").same_period_last_year().code == "2020-H1"
    assert Period.parse("2021-Q3").same_period_last_year().code == "2020-Q3"
    assert Period.parse("T2020-2025").same_period_last_year().code == "T2014-2019"


def test_cumulative_periods_add_up_from_months_and_quarters():
    half = Period.parse("2021-H1")
    assert half.is_cumulative
    assert [p.code for p in half.parts()] == [f"2021-M0{m}" for m in range(1, 7)]
    assert [p.code for p in half.quarter_parts()] == ["2021-Q1", "2021-Q2"]
    assert not Period.parse("2021-Q2").is_cumulative


def test_periods_sort_in_reporting_order():
    codes = ["2021", "2021-Q2", "2021-H1", "2020", "2021-M06", "2021-9M"]
    assert [p.code for p in sorted(map(Period.parse, codes))] == [
        "2020",
        "2021-M06",
        "2021-Q2",
        "2021-H1",
        "2021-9M",
        "2021",
    ]


@given(
    st.sampled_from(list(PeriodKind)),
    st.integers(min_value=1990, max_value=2100),
    st.integers(min_value=1, max_value=12),
)
def test_code_round_trip(kind, year, number):
    if kind is PeriodKind.QUARTER:
        number = (number - 1) % 4 + 1
    elif kind is PeriodKind.TERM:
        year = min(year, 2095)  # a term ends within the years a period may name (to 2100)
        number = year + 5
    elif kind is not PeriodKind.MONTH:
        number = 0
    period = Period(kind, year, number)
    assert Period.parse(period.code) == period


@pytest.mark.parametrize("code", ["0000", "1899", "2101", "9999", "T2096-2101", "٢٠٢١", "２０２１"])
def test_years_outside_1900_to_2100_or_not_in_ascii_digits_are_refused(code):
    with pytest.raises(PeriodError):
        Period.parse(code)
