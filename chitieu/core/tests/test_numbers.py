from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.core.numbers import (
    NumberFormatError,
    format_decimal,
    format_percent,
    parse_decimal,
    parse_percent,
)


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (Decimal("1695.36"), None, "1.695,36"),
        (Decimal("72824"), None, "72.824"),
        (Decimal("324.124"), None, "324,124"),
        (Decimal("320.00"), None, "320"),
        (Decimal("-0.5"), None, "-0,5"),
        (Decimal("1234567.891"), 2, "1.234.567,89"),
        (Decimal("2.345"), 2, "2,35"),
        (Decimal("0"), None, "0"),
        (7, None, "7"),
    ],
)
def test_format_decimal_writes_vietnamese_groups_and_comma(value, places, text):
    assert format_decimal(value, places) == text


def test_format_percent_keeps_two_places_and_drops_trailing_zeros():
    assert format_percent(Decimal("104.97")) == "104,97%"
    assert format_percent(Decimal("162.6")) == "162,6%"
    assert format_percent(Decimal("100.00")) == "100%"
    assert format_percent(Decimal("91.005")) == "91,01%"
    assert format_percent(None) == ""


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.695,36", Decimal("1695.36")),
        ("72.824", Decimal("72824")),
        ("324,124", Decimal("324.124")),
        (" 2.141.605 ", Decimal("2141605")),
        ("-0,5", Decimal("-0.5")),
        ("−3,2", Decimal("-3.2")),
        ("320", Decimal("320")),
    ],
)
def test_parse_decimal_reads_vietnamese_numbers(text, value):
    assert parse_decimal(text) == value


@pytest.mark.parametrize("text", ["1.5", "12.34,5", "abc", "", "1,2,3", "1.2345", "1e5"])
def test_parse_decimal_refuses_what_it_would_have_to_guess(text):
    with pytest.raises(NumberFormatError) as error:
        parse_decimal(text)
    assert "không phải là số hợp lệ" in str(error.value)


def test_parse_percent_accepts_the_sign():
    assert parse_percent("104,97%") == Decimal("104.97")
    assert parse_percent("104,97") == Decimal("104.97")


@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, min_value=-(10**12), max_value=10**12, places=4
    )
)
def test_formatting_then_parsing_gives_the_same_value(value):
    assert parse_decimal(format_decimal(value)) == value


@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=0, max_value=10**6, places=2))
def test_percent_round_trip(value):
    assert parse_percent(format_percent(value)) == value
