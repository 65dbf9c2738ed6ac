"""Vietnamese date format: dd/mm/yyyy (22/12/2021), and the long form of documents."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable


class DateFormatError(ValueError):
    """A text that is not a date in dd/mm/yyyy; the message is for the user."""


_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def format_date(value: dt.date | None) -> str:
    if value is None:
        return ""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def format_long_date(value: dt.date) -> str:
    """ "ngày 05 tháng 01 năm 2026", as in the place-and-date line of Decree 30/2020."""
    return f"ngày {value.day:02d} tháng {value.month:02d} năm {value.year}"


def parse_date(text: str) -> dt.date:
    """Read "22/12/2021" (also 22-12-2021 and 22.12.2021)."""
    match = _DATE.match(text.strip())
    if not match:
        raise DateFormatError(f"“{text.strip()}” không phải là ngày hợp lệ (ví dụ: 22/12/2021).")
    day, month, year = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError as error:
        raise DateFormatError(f"Ngày “{text.strip()}” không tồn tại.") from error


def opening_year(years_with_data: Iterable[int], today: dt.date) -> int:
    """The year a page opens on: the newest year that has data, not after this one; without
    one, last year, whose results are the ones being reviewed."""
    return max((year for year in years_with_data if year <= today.year), default=today.year - 1)
