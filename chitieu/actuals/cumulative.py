"""Cumulative figures (lũy kế) derived from their months or quarters: pure, no Django."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Derived:
    value: Decimal | None
    derived: bool = False  # added up from months or quarters rather than reported


def derive(
    nature: str,
    period_code: str,
    values: dict[str, Decimal],
    month_codes: Sequence[str],
    quarter_codes: Sequence[str],
) -> Derived:
    """The value of a period: as reported, or for a cumulative period (lũy kế) derived from
    its months or quarters, never typed twice. A flow adds its parts up; a stock takes the level
    of the last part."""
    if period_code in values:
        return Derived(values[period_code])
    for parts in (month_codes, quarter_codes):
        if not parts:
            continue
        if nature == "flow" and all(code in values for code in parts):
            return Derived(sum((values[code] for code in parts), Decimal(0)), derived=True)
        if nature == "stock" and parts[-1] in values:
            return Derived(values[parts[-1]], derived=True)
    return Derived(None)
