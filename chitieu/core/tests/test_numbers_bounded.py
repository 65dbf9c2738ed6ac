"""The one number reader: properties over any text and any Decimal (hypothesis)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.core.numbers import (
    COLUMN,
    COUNT,
    SHARE,
    NumberFormatError,
    check_count,
    check_decimal,
    format_decimal,
    format_percent,
    parse_decimal,
    parse_plain_decimal,
    read_count,
    read_decimal,
)

IN_COLUMN = st.decimals(
    min_value=D("-9999999999999.999999"),
    max_value=D("9999999999999.999999"),
    places=6,
    allow_nan=False,
    allow_infinity=False,
)
ANY_DECIMAL = st.decimals(allow_nan=True, allow_infinity=True) | st.builds(
    lambda digits, exponent: D(f"{digits}E{exponent}"),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.integers(min_value=-5000, max_value=5000),
)
NON_ASCII_DIGITS = st.characters(categories=["Nd", "No"]).filter(lambda c: not c.isascii())


@given(IN_COLUMN)
def test_every_value_the_column_takes_reads_back_from_its_vietnamese_form(value):
    assert read_decimal(format_decimal(value)) == value


@given(IN_COLUMN)
def test_every_value_the_column_takes_reads_back_from_its_api_form(value):
    assert read_decimal(f"{value:f}", plain=True) == value


@given(st.text(max_size=80))
def test_any_text_is_a_finite_decimal_or_a_message(text):
    for parse in (parse_decimal, parse_plain_decimal):
        try:
            value = parse(text)
        except NumberFormatError as error:
            assert str(error).startswith("“")
        else:
            assert value.is_finite()
            assert text.strip().replace("\u00a0", "").replace(" ", "").lstrip("+-−").isascii()


@given(
    st.text(alphabet="0123456789.,", max_size=6),
    NON_ASCII_DIGITS,
    st.text("0123456789", max_size=6),
)
def test_a_digit_other_than_0_to_9_anywhere_is_refused(before, digit, after):
    with pytest.raises(NumberFormatError):
        parse_decimal(before + digit + after)
    with pytest.raises(NumberFormatError):
        parse_plain_decimal(before + digit + after)


@given(ANY_DECIMAL, st.none() | st.integers(min_value=0, max_value=8))
def test_formatting_copes_with_any_decimal(value, places):
    assert isinstance(format_decimal(value, places), str)
    assert isinstance(format_percent(value, places or 2), str)


@given(ANY_DECIMAL)
def test_the_bound_answers_any_decimal_with_the_value_or_a_message(value):
    for bounds in (COLUMN, SHARE, COUNT):
        try:
            assert check_decimal(value, bounds, field="X") == value
        except NumberFormatError as error:
            assert str(error).startswith("X: ")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sNaN", "Ô: “sNaN” không phải là số hợp lệ (ví dụ đúng: 1.695,36 hoặc 72.824)."),
        ("1e30", "Ô: “1e30” không phải là số hợp lệ (ví dụ đúng: 1.695,36 hoặc 72.824)."),
        ("１２３", "Ô: “１２３” không phải là số hợp lệ (ví dụ đúng: 1.695,36 hoặc 72.824)."),
        ("10.000.000.000.000", "Ô: 10.000.000.000.000 quá lớn: phần nguyên tối đa 13 chữ số."),
        ("1,2345678", "Ô: 1,2345678 có quá nhiều chữ số thập phân: tối đa 6."),
    ],
)
def test_the_reader_names_the_field_in_its_message(text, message):
    with pytest.raises(NumberFormatError) as caught:
        read_decimal(text, field="Ô")
    assert str(caught.value) == message


def test_trailing_zeros_of_the_fraction_are_not_places():
    assert read_decimal("1,500000000") == D("1.5")
    assert read_decimal("9.999.999.999.999,999999") == D("9999999999999.999999")


def test_counts_are_whole_and_not_negative():
    assert read_count("1.200", field="Số phiếu") == 1200
    with pytest.raises(NumberFormatError, match=r"^Số phiếu: giá trị -1 không được nhỏ hơn 0\.$"):
        read_count("-1", field="Số phiếu")
    with pytest.raises(NumberFormatError, match=r"^Số phiếu: 1,5 phải là số nguyên\.$"):
        read_count("1,5", field="Số phiếu")
    with pytest.raises(NumberFormatError, match="phần nguyên tối đa 9 chữ số"):
        check_count(10**12, field="Số phiếu")
    with pytest.raises(NumberFormatError):
        check_count(True, field="Số phiếu")


def test_huge_and_tiny_stored_values_are_shown():
    assert format_decimal(D("1E+400")) == "1,000×10^400"
    assert format_decimal(D("-1E-99"), 2) == "0,00"
    assert format_decimal(D("NaN")) == "—"
    assert format_percent(D("Infinity")) == "—"
    assert format_decimal(D("99999999999999999999999999999999.5"), 2) == (
        "99.999.999.999.999.999.999.999.999.999.999,50"
    )
