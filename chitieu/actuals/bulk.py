"""Many figures in one call, as DHIS2's data value sets: checked all together, saved all together
(or not at all), with a dry run that tells what would change."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from chitieu.accounts.permissions import Capability, has_capability
from chitieu.actuals.models import EDITABLE_STATUSES, Actual, ActualKind, Submission
from chitieu.actuals.services import ValueInput, actual_value_check, actuals_save
from chitieu.core.audit import audited
from chitieu.core.numbers import NumberFormatError, parse_plain_decimal
from chitieu.core.periods import Period, PeriodError
from chitieu.core.users import Actor
from chitieu.indicators.models import Indicator
from chitieu.units.models import Unit

FIELDS = ("unit", "indicator", "period", "kind", "value")


@dataclass
class BulkResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)
    dry_run: bool = False


def _is_id(value: object) -> bool:
    """An id written with ASCII digits ("²" and "١" are digits to str.isdigit, not ids)."""
    text = str(value if value is not None else "")
    return text.isascii() and text.isdigit() and len(text) <= 18


def rows_from_csv(text: str) -> list[dict]:
    reader = csv.DictReader(io.StringIO(text))
    try:
        missing = [name for name in FIELDS if name not in (reader.fieldnames or [])]
        if missing:
            raise ValidationError(f"Thiếu cột: {', '.join(missing)} (cần: {', '.join(FIELDS)}).")
        return list(reader)
    except csv.Error as error:
        raise ValidationError(f"Tệp CSV không đọc được (dòng {reader.line_num}).") from error


@audited
def bulk_upsert(*, actor: Actor, rows: list[dict], dry_run: bool = False) -> BulkResult:
    """Rows of {unit, indicator (code), period, kind, value}; value may be empty to clear."""
    result = BulkResult(dry_run=dry_run)
    indicators = {indicator.code: indicator for indicator in Indicator.objects.all()}
    unit_ids = {int(row["unit"]) for row in rows if _is_id(row.get("unit"))}
    units = {unit.pk: unit for unit in Unit.objects.filter(pk__in=unit_ids)}
    groups: dict[tuple[int, str, str], list[tuple[Indicator, Decimal | None]]] = defaultdict(list)
    for number, row in enumerate(rows, start=1):
        where = f"Dòng {number}"
        unit = units.get(int(row["unit"])) if _is_id(row.get("unit")) else None
        if unit is None or not has_capability(actor, Capability.ENTER_ACTUALS, unit):
            result.problems.append(
                f"{where}: không có đơn vị “{row.get('unit')}” trong phạm vi của bạn."
            )
            continue
        indicator = indicators.get(str(row.get("indicator", "")).strip())
        if indicator is None:
            result.problems.append(
                f"{where}: chỉ tiêu “{row.get('indicator')}” không có trong danh mục."
            )
            continue
        try:
            parsed = Period.parse(str(row.get("period", "")))
        except PeriodError as error:
            result.problems.append(f"{where}: {error}")
            continue
        kind = str(row.get("kind") or ActualKind.ESTIMATE)
        if kind not in ActualKind.values:
            result.problems.append(
                f"{where}: loại số liệu “{kind}” không hợp lệ (estimate hoặc official)."
            )
            continue
        raw = str(row.get("value") if row.get("value") is not None else "").strip()
        field = f"{where}, {indicator.code} · {indicator.name}"
        try:
            value = parse_plain_decimal(raw, field=field) if raw else None
            actual_value_check(indicator, value, field=field)
        except NumberFormatError as error:
            result.problems.append(str(error))
            continue
        except ValidationError as error:
            result.problems.extend(error.messages)
            continue
        groups[(unit.pk, parsed.code, kind)].append((indicator, value))
    locked = {
        (s.unit_id, s.period)
        for s in Submission.objects.filter(unit_id__in=unit_ids)
        if s.status not in EDITABLE_STATUSES
    }
    for unit_id, period, _kind in groups:
        if (unit_id, period) in locked:
            result.problems.append(
                f"Báo cáo {period} của {units[unit_id].name} đã gửi hoặc đã duyệt, không sửa được."
            )
    if result.problems:
        return result
    current = {
        (a.unit_id, a.indicator_id, a.period, a.kind): a
        for a in Actual.objects.filter(unit_id__in=unit_ids, period__in={key[1] for key in groups})
    }
    with transaction.atomic():
        for (unit_id, period, kind), items in groups.items():
            inputs = []
            for indicator, value in items:
                existing = current.get((unit_id, indicator.pk, period, kind))
                if existing is None:
                    result.created += value is not None
                elif existing.value == value:
                    result.unchanged += 1
                else:
                    result.updated += 1
                inputs.append(ValueInput(indicator, value, existing.version if existing else 0))
            if not dry_run:
                actuals_save(
                    actor=actor,
                    unit=units[unit_id],
                    period=period,
                    kind=kind,
                    values=inputs,
                    source="API",
                )
    return result
