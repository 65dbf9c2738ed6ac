"""Saving reviewed figures through the normal services, with the text as their provenance."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from chitieu.actuals.models import Actual
from chitieu.actuals.services import ValueInput, actuals_save
from chitieu.core.audit import audited
from chitieu.core.users import Actor
from chitieu.indicators.models import Indicator
from chitieu.targets.models import Comparison, Measure, Resolution
from chitieu.targets.services import target_create
from chitieu.units.models import Unit


@dataclass(frozen=True)
class Accepted:
    indicator: Indicator
    value: Decimal
    role: str  # actual or target
    kind: str  # the figure's kind: amount, change, ...
    bound: str | None
    quote: str
    cell: str = ""  # where in the document's tables, as provenance


@audited
def save_reviewed(
    *,
    actor: Actor,
    unit: Unit,
    period: str,
    actual_kind: str,
    rows: list[Accepted],
    source: str,
    resolution: Resolution | None = None,
    issuer: str = "",
) -> tuple[int, int]:
    """Actual figures go to the unit's values, targets into the chosen resolution. All or none."""
    actuals = [row for row in rows if row.role == "actual"]
    targets = [row for row in rows if row.role == "target"]
    if targets and resolution is None:
        raise ValidationError("Hãy chọn nghị quyết để lưu các chỉ tiêu kế hoạch.")
    with transaction.atomic():
        by_indicator: dict[int, Accepted] = {}
        for row in actuals:
            by_indicator[row.indicator.pk] = row
        if actuals:
            current = {
                a.indicator_id: a.version
                for a in Actual.objects.filter(unit=unit, period=period, kind=actual_kind)
            }
            quotes = defaultdict(list)
            for row in by_indicator.values():
                where = f" ({row.cell})" if row.cell else ""
                quotes[source].append(f"{row.indicator.code}: “{row.quote}”{where}")
            actuals_save(
                actor=actor,
                unit=unit,
                period=period,
                kind=actual_kind,
                values=[
                    ValueInput(r.indicator, r.value, current.get(r.indicator.pk, 0))
                    for r in by_indicator.values()
                ],
                source=source[:300],
                quote="; ".join(quotes[source]),
            )
        for row in targets:
            assert resolution is not None
            measure = Measure.CHANGE if row.kind == "change" else Measure.LEVEL
            comparison = {"min": Comparison.AT_LEAST, "max": Comparison.AT_MOST}.get(
                row.bound or "", Comparison.REACH
            )
            target_create(
                actor=actor,
                resolution=resolution,
                indicator=row.indicator,
                unit=unit,
                period=period if period != resolution.period else None,
                issuer=issuer or resolution.issuing_body,
                value=row.value,
                measure=measure,
                comparison=comparison,
                wording=(f"{row.quote} ({row.cell})" if row.cell else row.quote)[:400],
            )
    return len(by_indicator), len(targets)
