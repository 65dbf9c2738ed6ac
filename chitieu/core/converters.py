"""URL converters: `<year:year>` matches only the years a page can show (1900–2100), so that
/fund/5/0/ or /fund/5/99999/ is a 404, never a date error deeper down."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from chitieu.core.periods import YEARS


class YearConverter:
    regex = "[0-9]{1,6}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if year not in YEARS:
            raise ValueError(f"year {year} out of range")  # Django answers 404
        return year

    def to_url(self, value: int) -> str:
        return str(value)


def parse_year(text: str | None) -> int | None:
    """A year typed in a query string (?year=2021), or None when it is not one of YEARS."""
    cleaned = (text or "").strip()
    if not (cleaned.isascii() and cleaned.isdigit()) or len(cleaned) > 4:
        return None
    year = int(cleaned)
    return year if year in YEARS else None


# What the API accepts as an id or a year: a number the database can hold and compare (an id
# of 10^23 made SQLite raise OverflowError, a 500); outside, a 422 naming the parameter.
MAX_ID = 2**53 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Year = Annotated[int, Field(ge=YEARS.start, le=YEARS.stop - 1)]
