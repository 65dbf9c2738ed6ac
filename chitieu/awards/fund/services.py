"""The reward fund: allocations in, the cash of each decision out."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum

from chitieu.accounts.permissions import Capability, require
from chitieu.awards.fund.selectors import fund_for
from chitieu.awards.models import Decision, Fund, FundEntry, FundEntryKind
from chitieu.core.audit import audited, record_creation
from chitieu.core.numbers import Bounds, NumberFormatError, check_decimal
from chitieu.core.users import Actor
from chitieu.units.models import Unit

FUND_AMOUNT = Bounds(max_digits=16, decimal_places=0, minimum=Decimal(0))  # whole đồng
FUND_AMOUNT_FIELD = "Số tiền phân bổ"


@audited
def fund_allocate(
    *, actor: Actor, unit: Unit, year: int, amount: Decimal, date: dt.date, description: str
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
def record_decision_spending(
    *, actor: Actor, decision: Decision, overdraw_reason: str = ""
) -> FundEntry | None:
    """The cash of a decision leaves the issuing unit's fund of that year. A unit that keeps no
    fund records nothing, unless the Board confirmed an overdraw: the fund is then opened with
    the spending, and `overdraw_reason` is kept on the entry for the fund's report."""
    fund = fund_for(decision.unit, decision.date.year)
    total = decision.awards.aggregate(total=Sum("cash"))["total"] or Decimal(0)
    if fund is None:
        if not overdraw_reason or total <= 0:
            return None
        fund = Fund.objects.create(unit=decision.unit, year=decision.date.year)
        record_creation(actor=actor, instance=fund, scope_path=decision.unit.path)
    entry = FundEntry.objects.create(
        fund=fund,
        kind=FundEntryKind.SPENDING,
        amount=total,
        date=decision.date,
        description=f"Tiền thưởng theo Quyết định {decision.number}",
        decision=decision,
        overdraw_reason=overdraw_reason,
    )
    record_creation(
        actor=actor,
        instance=entry,
        scope_path=decision.unit.path,
        reason=overdraw_reason,
    )
    return entry
