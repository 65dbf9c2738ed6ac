"""The reward fund: allocations in, the cash of each decision out, and the balance; a decision
that would overdraw the fund is flagged before it is recorded."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum

from chitieu.accounts.permissions import Capability, require
from chitieu.awards import facts
from chitieu.awards.cash import base_salary_on, cash_amount
from chitieu.awards.models import (
    BaseSalary,
    Decision,
    Fund,
    FundEntry,
    FundEntryKind,
    Proposal,
    Subject,
)
from chitieu.core.audit import audited, record_creation
from chitieu.core.numbers import Bounds, NumberFormatError, check_decimal
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
    """What a decision on `proposal` dated `date` would pay, by the same rules as the decision."""
    rules = facts.rule_set_model_for(proposal.year)
    salary = base_salary_on(date, list(BaseSalary.objects.values_list("valid_from", "amount")))
    factor = Decimal(str(rules.parameters.get("household_factor", "1.5")))
    total = Decimal(0)
    for item in proposal.items.select_related("award"):
        subject = (
            "collective"
            if item.unit_id
            else ("household" if item.award.subject == Subject.HOUSEHOLD else "individual")
        )
        total += cash_amount(
            award=item.award.code,
            subject=subject,
            coefficients=rules.cash,
            base_salary=salary,
            household_factor=factor,
        ) or Decimal(0)
    return total


def overdraw_warning(proposal: Proposal, fund_unit: Unit, date: dt.date) -> str:
    fund = fund_for(fund_unit, date.year)
    if fund is None:
        return ""
    needed, available = expected_cash(proposal, date), balance_of(fund).balance
    if needed <= available:
        return ""
    from chitieu.core.numbers import format_decimal

    return (
        f"Quyết định này cần {format_decimal(needed)} đồng, quỹ thi đua, khen thưởng năm {date.year} "
        f"chỉ còn {format_decimal(available)} đồng."
    )


FUND_AMOUNT = Bounds(max_digits=16, decimal_places=0, minimum=Decimal(0))  # whole đồng
FUND_AMOUNT_FIELD = "Số tiền phân bổ"


@audited
def fund_allocate(
    *, actor, unit: Unit, year: int, amount: Decimal, date: dt.date, description: str
) -> FundEntry:
    require(actor, Capability.MANAGE_EMULATION, unit)
    try:
        check_decimal(amount, FUND_AMOUNT, field=FUND_AMOUNT_FIELD)
    except NumberFormatError as error:
        raise ValidationError({"amount": str(error)}) from error
    if amount <= 0:
        raise ValidationError({"amount": "Số tiền phân bổ phải lớn hơn 0."})
    with transaction.atomic():
        fund, _created = Fund.objects.get_or_create(unit=unit, year=year)
        entry = FundEntry.objects.create(
            fund=fund,
            kind=FundEntryKind.INCOME,
            amount=amount,
            date=date,
            description=description or "Phân bổ quỹ",
        )
        record_creation(
            actor=actor,
            instance=entry,
            scope_path=unit.path,
        )
    return entry


@audited
def record_decision_spending(*, actor, decision: Decision) -> FundEntry | None:
    """The cash of a decision leaves the issuing unit's fund of that year, if it keeps one."""
    fund = fund_for(decision.unit, decision.date.year)
    if fund is None:
        return None
    total = decision.awards.aggregate(total=Sum("cash"))["total"] or Decimal(0)
    entry = FundEntry.objects.create(
        fund=fund,
        kind=FundEntryKind.SPENDING,
        amount=total,
        date=decision.date,
        description=f"Tiền thưởng theo Quyết định {decision.number}",
        decision=decision,
    )
    record_creation(
        actor=actor,
        instance=entry,
        scope_path=decision.unit.path,
    )
    return entry
