import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.core.dates import DateFormatError, format_date, format_long_date, parse_date
from chitieu.core.text import fold


def test_dates_are_written_day_month_year():
    assert format_date(dt.date(2021, 12, 22)) == "22/12/2021"
    assert format_date(dt.date(2025, 6, 30)) == "30/06/2025"
    assert format_long_date(dt.date(2026, 1, 5)) == "ngày 05 tháng 01 năm 2026"


@pytest.mark.parametrize("text", ["22/12/2021", "22-12-2021", "22.12.2021", " 22/12/2021 "])
def test_dates_are_read_day_month_year(text):
    assert parse_date(text) == dt.date(2021, 12, 22)


def test_an_impossible_date_is_refused_in_vietnamese():
    with pytest.raises(DateFormatError, match="không tồn tại"):
        parse_date("31/02/2021")
    with pytest.raises(DateFormatError, match="không phải là ngày hợp lệ"):
        parse_date("2021-12-22x")


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_date_round_trip(value):
    assert parse_date(format_date(value)) == value


def test_fold_removes_diacritics_and_case():
    assert fold("Thị xã Kỳ Anh") == "thi xa ky anh"
    assert fold("ĐỨC THỌ") == "duc tho"
    assert fold("  Nghi   Xuân ") == "nghi xuan"


def test_a_page_opens_on_the_newest_year_with_data_not_after_this_one():
    import datetime as dt

    from chitieu.core.dates import opening_year

    today = dt.date(2026, 11, 22)
    assert opening_year([2027, 2022, 2021], today) == 2022  # next year's plans are not results
    assert opening_year([2021, 2026], today) == 2026
    assert opening_year([], today) == 2025
    assert opening_year([2028], today) == 2025
