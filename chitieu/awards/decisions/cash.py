"""Cash that goes with an award: its coefficient × the base salary in force on the decision
date, rounded up to the next ten thousand đồng (đối chiếu Nghị định 152/2025/NĐ-CP)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import ROUND_CEILING, Decimal

ROUNDING = Decimal(10000)


def base_salary_on(date: dt.date, salaries: Sequence[tuple[dt.date, Decimal]]) -> Decimal:
    """The base salary in force on `date` (the latest that started on or before it)."""
    in_force = [amount for start, amount in sorted(salaries) if start <= date]
    if not in_force:
        raise LookupError(f"Chưa có mức lương cơ sở áp dụng cho ngày {date:%d/%m/%Y}.")
    return in_force[-1]


def cash_amount(
    *,
    award: str,
    subject: str,
    coefficients: dict[str, str],
    base_salary: Decimal,
    household_factor: Decimal = Decimal("1.5"),
) -> Decimal | None:
    """The amount in đồng, or None when the award carries no cash in the table.

    Coefficients are keyed by the award's code, or by "CODE:individual" / "CODE:collective" for
    forms given to both; a household receives `household_factor` × the individual amount."""
    key_subject = "individual" if subject == "household" else subject
    raw = coefficients.get(f"{award}:{key_subject}", coefficients.get(award))
    if raw is None:
        return None
    amount = Decimal(raw) * base_salary
    if subject == "household":
        amount *= household_factor
    return (amount / ROUNDING).to_integral_value(rounding=ROUND_CEILING) * ROUNDING


def cash_subject(*, collective: bool, award_subject: str) -> str:
    """Whom the cash table pays: a collective, a household (an award for households) or an
    individual."""
    if collective:
        return "collective"
    return "household" if award_subject == "household" else "individual"
