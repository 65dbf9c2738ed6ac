"""Reads of the reward fund: a unit's fund of a year, its balance, and the warning shown before a
decision that would overdraw it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from chitieu.accounts.permissions import Capability, has_capability
from chitieu.awards.decisions.cash import base_salary_on, cash_amount, cash_subject
from chitieu.awards.models import BaseSalary, Fund, FundEntry, FundEntryKind, Proposal
from chitieu.awards.rules import facts
from chitieu.core.numbers import format_decimal
from chitieu.core.users import AnyUser
from chitieu.units.models import Unit


@dataclass(frozen=True)
class Balance:
    income: Decimal
    spending: Decimal

    @property
    def balance(self) -> Decimal:
        return self.income - self.spending


def balance_of(fund: Fund) -> Balance:
    totals = dict(fund.entries.values_list("kind").annotate(total=Sum("amount")))
    return Balance(
        totals.get(FundEntryKind.INCOME) or Decimal(0),
        totals.get(FundEntryKind.SPENDING) or Decimal(0),
    )


def fund_for(unit: Unit, year: int) -> Fund | None:
    return Fund.objects.filter(unit=unit, year=year).first()


def expected_cash(proposal: Proposal, date: dt.date) -> Decimal:
    """What a decision on `proposal` dated `date` would pay if it granted the items that meet
    every condition (flagged ones are granted only when chosen), by the rules of the decision."""
    rules = facts.rule_set_model_for(proposal.year)
    salary = base_salary_on(date, list(BaseSalary.objects.values_list("valid_from", "amount")))
    factor = Decimal(str(rules.parameters.get("household_factor", "1.5")))
    total = Decimal(0)
    for item in proposal.items.filter(eligible=True).select_related("award"):
        subject = cash_subject(collective=bool(item.unit_id), award_subject=item.award.subject)
        total += cash_amount(
            award=item.award.code,
            subject=subject,
            coefficients=rules.cash,
            base_salary=salary,
            household_factor=factor,
        ) or Decimal(0)
    return total


def available_in(unit: Unit, year: int) -> Decimal:
    """What the unit's fund of the year still holds; nothing when no fund was allocated."""
    fund = fund_for(unit, year)
    return balance_of(fund).balance if fund else Decimal(0)


def shortfall_message(unit: Unit, year: int, needed: Decimal) -> str:
    """Why paying `needed` from the unit's fund of the year would overdraw it; "" if it would
    not."""
    if needed <= 0:
        return ""
    available = available_in(unit, year)
    if needed <= available:
        return ""
    if fund_for(unit, year) is None:
        return (
            f"Quyết định này cần {format_decimal(needed)} đồng, quỹ thi đua, khen thưởng năm "
            f"{year} của {unit.name} chưa được phân bổ (còn 0 đồng)."
        )
    return (
        f"Quyết định này cần {format_decimal(needed)} đồng, quỹ thi đua, khen thưởng năm {year} "
        f"chỉ còn {format_decimal(available)} đồng."
    )


def overdraw_warning(proposal: Proposal, fund_unit: Unit, date: dt.date) -> str:
    try:
        needed = expected_cash(proposal, date)
    except LookupError:
        return ""
    return shortfall_message(fund_unit, date.year, needed)


@dataclass(frozen=True)
class FundPage:
    unit: Unit
    year: int
    fund: Fund | None
    entries: list[FundEntry]
    balance: Balance | None
    can_allocate: bool


def fund_page(user: AnyUser, unit: Unit, year: int) -> FundPage:
    fund = fund_for(unit, year)
    return FundPage(
        unit,
        year,
        fund,
        list(fund.entries.select_related("decision")) if fund else [],
        balance_of(fund) if fund else None,
        can_allocate=has_capability(user, Capability.MANAGE_EMULATION, unit),
    )
