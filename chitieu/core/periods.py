"""Reporting periods as users know them, as plain values.

A period has a code that sorts and stores well: "2021" (year), "2021-H1" (6 months), "2021-9M"
(9 months), "2021-Q3" (quarter), "2021-M07" (month), "T2020-2025" (five-year term). Six months,
nine months and the year run from 1 January (they are cumulative, lũy kế); months and quarters
stand alone. Cut-off dates follow Decree 09/2019/NĐ-CP: a month runs from the 15th of the month
before to the 14th; six months 15/12 – 14/06; nine months 15/12 – 14/09; the year 15/12 – 14/12.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache, total_ordering


class PeriodKind(enum.StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    NINE_MONTHS = "nine_months"
    YEAR = "year"
    TERM = "term"


class PeriodError(ValueError):
    """A text that is not a period code; the message is for the user."""


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
YEARS = range(1900, 2101)  # the years a period, a URL or a form may name

_PATTERNS = [
    (re.compile(r"^(\d{4})$", re.ASCII), PeriodKind.YEAR),
    (re.compile(r"^(\d{4})-H1$", re.ASCII), PeriodKind.HALF),
    (re.compile(r"^(\d{4})-9M$", re.ASCII), PeriodKind.NINE_MONTHS),
    (re.compile(r"^(\d{4})-Q([1-4])$", re.ASCII), PeriodKind.QUARTER),
    (re.compile(r"^(\d{4})-M(0[1-9]|1[0-2])$", re.ASCII), PeriodKind.MONTH),
    (re.compile(r"^T(\d{4})-(\d{4})$", re.ASCII), PeriodKind.TERM),
]
# Within a year, the order in which periods are reported.
_SORT = {
    PeriodKind.MONTH: 0,
    PeriodKind.QUARTER: 1,
    PeriodKind.HALF: 2,
    PeriodKind.NINE_MONTHS: 3,
    PeriodKind.YEAR: 4,
    PeriodKind.TERM: 5,
}


@total_ordering
@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    year: int
    number: int = 0  # month 1–12, quarter 1–4; for a term, its last year

    # -- construction -------------------------------------------------------------------
    @classmethod
    def parse(cls, code: str) -> Period:
        return _parse(code)

    @classmethod
    def _parse_uncached(cls, code: str) -> Period:
        text = code.strip()
        for pattern, kind in _PATTERNS:
            match = pattern.match(text)
            if not match:
                continue
            year = int(match.group(1))
            if year not in YEARS or (kind is PeriodKind.TERM and int(match.group(2)) not in YEARS):
                break
            if kind in (PeriodKind.QUARTER, PeriodKind.MONTH):
                return cls(kind, year, int(match.group(2)))
            if kind is PeriodKind.TERM:
                end = int(match.group(2))
                if end <= year:
                    break
                return cls(kind, year, end)
            return cls(kind, year)
        raise PeriodError(
            f"“{code}” không phải là kỳ báo cáo hợp lệ (ví dụ: 2021, 2021-H1, 2021-Q3)."
        )

    @classmethod
    def year_of(cls, year: int) -> Period:
        return cls(PeriodKind.YEAR, year)

    @classmethod
    def term(cls, first_year: int, last_year: int) -> Period:
        return cls(PeriodKind.TERM, first_year, last_year)

    # -- description ----------------------------------------------------------------------
    @cached_property
    def code(self) -> str:
        match self.kind:
            case PeriodKind.YEAR:
                return f"{self.year}"
            case PeriodKind.HALF:
                return f"{self.year}-H1"
            case PeriodKind.NINE_MONTHS:
                return f"{self.year}-9M"
            case PeriodKind.QUARTER:
                return f"{self.year}-Q{self.number}"
            case PeriodKind.MONTH:
                return f"{self.year}-M{self.number:02d}"
            case PeriodKind.TERM:
                return f"T{self.year}-{self.number}"
        raise AssertionError(self.kind)

    @property
    def label(self) -> str:
        """The Vietnamese name: "Năm 2021", "6 tháng đầu năm 2021", "Quý III/2021"."""
        match self.kind:
            case PeriodKind.YEAR:
                return f"Năm {self.year}"
            case PeriodKind.HALF:
                return f"6 tháng đầu năm {self.year}"
            case PeriodKind.NINE_MONTHS:
                return f"9 tháng năm {self.year}"
            case PeriodKind.QUARTER:
                return f"Quý {ROMAN[self.number]}/{self.year}"
            case PeriodKind.MONTH:
                return f"Tháng {self.number}/{self.year}"
            case PeriodKind.TERM:
                return f"Nhiệm kỳ {self.year} - {self.number}"
        raise AssertionError(self.kind)

    def __str__(self) -> str:
        return self.label

    def _key(self) -> tuple[int, int, int]:
        if self.kind is PeriodKind.TERM:
            return (self.number, _SORT[self.kind], self.year)
        last_month = self.months[-1] if self.months else 12
        return (self.year, last_month, _SORT[self.kind])

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() < other._key()

    # -- calendar -------------------------------------------------------------------------
    @property
    def months(self) -> tuple[int, ...]:
        """The calendar months the period covers within its year (empty for a term)."""
        match self.kind:
            case PeriodKind.MONTH:
                return (self.number,)
            case PeriodKind.QUARTER:
                return tuple(range(3 * self.number - 2, 3 * self.number + 1))
            case PeriodKind.HALF:
                return tuple(range(1, 7))
            case PeriodKind.NINE_MONTHS:
                return tuple(range(1, 10))
            case PeriodKind.YEAR:
                return tuple(range(1, 13))
        return ()

    @property
    def is_cumulative(self) -> bool:
        """Six months, nine months and the year count from 1 January (lũy kế)."""
        return self.kind in (PeriodKind.HALF, PeriodKind.NINE_MONTHS, PeriodKind.YEAR)

    @property
    def years(self) -> tuple[int, ...]:
        if self.kind is PeriodKind.TERM:
            return tuple(range(self.year, self.number + 1))
        return (self.year,)

    @property
    def start(self) -> dt.date:
        if self.kind is PeriodKind.TERM:
            return dt.date(self.year, 1, 1)
        return dt.date(self.year, self.months[0], 1)

    @property
    def end(self) -> dt.date:
        if self.kind is PeriodKind.TERM:
            return dt.date(self.number, 12, 31)
        last = self.months[-1]
        following = dt.date(self.year + (last == 12), last % 12 + 1, 1)
        return following - dt.timedelta(days=1)

    def cutoff(self) -> tuple[dt.date, dt.date]:
        """The data window of Decree 09/2019: from the 15th to the 14th."""
        if self.kind is PeriodKind.TERM:
            return (dt.date(self.year - 1, 12, 15), dt.date(self.number, 12, 14))
        first, last = self.months[0], self.months[-1]
        if self.is_cumulative:
            first = 1
        begin = dt.date(self.year - 1, 12, 15) if first == 1 else dt.date(self.year, first - 1, 15)
        return (begin, dt.date(self.year, last, 14))

    @cached_property
    def previous(self) -> Period:
        """Cùng kỳ, kept once computed: the evaluation asks for it for every target."""
        return self.same_period_last_year()

    def same_period_last_year(self) -> Period:
        """Cùng kỳ: the same period of the previous year."""
        if self.kind is PeriodKind.TERM:
            length = self.number - self.year + 1
            return Period(self.kind, self.year - length, self.year - 1)
        return Period(self.kind, self.year - 1, self.number)

    def parts(self) -> list[Period]:
        """The months a period adds up from (a year also from its quarters: see `quarter_parts`)."""
        if self.kind in (PeriodKind.MONTH, PeriodKind.TERM):
            return []
        return [Period(PeriodKind.MONTH, self.year, month) for month in self.months]

    def quarter_parts(self) -> list[Period]:
        """The quarters a period adds up from, when it is made of whole quarters."""
        if self.kind in (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.TERM):
            return []
        return [
            Period(PeriodKind.QUARTER, self.year, q) for q in range(1, len(self.months) // 3 + 1)
        ]

    def contains_year(self, year: int) -> bool:
        return year in self.years


@lru_cache(maxsize=4096)
def _parse(code: str) -> Period:
    """Periods are values: the same code always gives the same period, so parse it once."""
    return Period._parse_uncached(code)


def period_choices(years: range) -> list[Period]:
    """The periods a user picks from, newest year first."""
    choices: list[Period] = []
    for year in reversed(years):
        choices.extend(
            (
                Period(PeriodKind.YEAR, year),
                Period(PeriodKind.NINE_MONTHS, year),
                Period(PeriodKind.HALF, year),
                *(Period(PeriodKind.QUARTER, year, q) for q in range(4, 0, -1)),
            )
        )
    return choices
