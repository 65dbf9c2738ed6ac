"""Writes to resolutions and targets: scoped to the planner's units, validated per target form,
audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from chitieu.accounts.permissions import Capability, require
from chitieu.core.audit import (
    audited,
    record_change,
    record_creation,
    save_audited_update,
    snapshot,
)
from chitieu.core.models import ChangeAction
from chitieu.core.numbers import COLUMN, COUNT, Bounds, NumberFormatError, check_decimal
from chitieu.core.periods import Period, PeriodError, PeriodKind
from chitieu.core.users import Actor
from chitieu.indicators.models import Indicator
from chitieu.targets.models import Comparison, Measure, Resolution, Target
from chitieu.units.models import Unit


def _parse_period(code: str, field: str = "period") -> Period:
    try:
        return Period.parse(code)
    except PeriodError as error:
        raise ValidationError({field: str(error)}) from error


@audited
def resolution_create(
    *,
    actor: Actor,
    unit: Unit,
    number: str,
    title: str,
    date: dt.date,
    issuing_body: str,
    period: str,
    note: str = "",
    is_sample: bool = False,
) -> Resolution:
    require(actor, Capability.MANAGE_TARGETS, unit)
    parsed = _parse_period(period)
    if parsed.kind not in (PeriodKind.YEAR, PeriodKind.TERM):
        raise ValidationError({"period": "Nghị quyết đặt chỉ tiêu cho một năm hoặc một nhiệm kỳ."})
    if not number.strip() or not issuing_body.strip():
        raise ValidationError("Cần ghi số và cơ quan ban hành nghị quyết.")
    with transaction.atomic():
        resolution = Resolution.objects.create(
            unit=unit,
            number=number.strip(),
            title=title.strip(),
            date=date,
            issuing_body=issuing_body.strip(),
            period=parsed.code,
            note=note,
            is_sample=is_sample,
        )
        record_creation(
            actor=actor,
            instance=resolution,
            scope_path=unit.path,
        )
    return resolution


NUMBER_FIELDS = {
    "value": "Giá trị kế hoạch",
    "upper": "Đầu còn lại của khoảng",
    "threshold": "Mức chuẩn đơn vị cấp dưới phải đạt",
}


def target_number_bounds(indicator: Indicator, measure: str, field: str) -> Bounds:
    """What a target's number may be: a level (or a sub-unit's standard) is a figure of the
    indicator, bounded as one; a count of sub-units is a count; a change or growth is any
    number that fits the column; a term total is never below the indicator's lowest value."""
    own = indicator.value_bounds()
    if field == "threshold" or measure == Measure.LEVEL:
        return own
    if measure == Measure.TERM_TOTAL:
        return Bounds(minimum=own.minimum, whole=own.whole)
    if measure in (Measure.SUBUNIT_COUNT, Measure.SUBUNIT_COUNT_NEW):
        return COUNT
    return COLUMN


def target_numbers_check(target: Target) -> None:
    """The one bound of a target's numbers, whatever path they came by (form, Excel, API)."""
    problems = {}
    for field, label in NUMBER_FIELDS.items():
        value = getattr(target, field)
        if value is None:
            continue
        bounds = target_number_bounds(target.indicator, target.measure, field)
        try:
            check_decimal(value, bounds, field=label)
        except NumberFormatError as error:
            problems[field] = str(error)
    if problems:
        raise ValidationError(problems)


def _validate_target(target: Target) -> None:
    target_numbers_check(target)
    resolution = target.resolution
    period = _parse_period(target.period)
    container = resolution.period_value
    if period != container and not (
        container.kind is PeriodKind.TERM
        and period.kind is PeriodKind.YEAR
        and container.contains_year(period.year)
    ):
        raise ValidationError(
            {"period": f"Kỳ của chỉ tiêu phải là {container.label} hoặc một năm trong nhiệm kỳ."}
        )
    if not target.unit.path.startswith(resolution.unit.path):
        raise ValidationError(
            {"unit": "Đơn vị của chỉ tiêu phải thuộc đơn vị ban hành nghị quyết."}
        )
    if target.measure == Measure.MILESTONE:
        if target.subject_unit is None:
            raise ValidationError({"subject_unit": "Hãy chọn đơn vị cấp dưới được nêu tên."})
        if not target.subject_unit.path.startswith(target.unit.path):
            raise ValidationError({"subject_unit": "Đơn vị được nêu tên phải thuộc đơn vị này."})
    elif target.value is None:
        raise ValidationError({"value": "Hãy nhập giá trị chỉ tiêu."})
    if target.comparison == Comparison.RANGE and target.upper is None:
        raise ValidationError({"upper": "Chỉ tiêu dạng khoảng cần cả hai đầu."})
    if target.measure == Measure.TERM_TOTAL and period.kind is not PeriodKind.TERM:
        raise ValidationError({"measure": "Chỉ tiêu lũy kế cả nhiệm kỳ phải đặt cho nhiệm kỳ."})
    if not target.issuer.strip():
        raise ValidationError({"issuer": "Hãy ghi cấp giao chỉ tiêu (ví dụ: Tỉnh giao)."})


TARGET_FIELDS = (
    "indicator",
    "unit",
    "period",
    "issuer",
    "is_main",
    "measure",
    "comparison",
    "value",
    "upper",
    "threshold",
    "subject_unit",
    "wording",
    "order",
)


@audited
def target_create(
    *,
    actor: Actor,
    resolution: Resolution,
    indicator: Indicator,
    issuer: str,
    value: Decimal | None,
    unit: Unit | None = None,
    period: str | None = None,
    measure: str = Measure.LEVEL,
    comparison: str = Comparison.REACH,
    upper: Decimal | None = None,
    threshold: Decimal | None = None,
    subject_unit: Unit | None = None,
    is_main: bool = True,
    wording: str = "",
    order: int = 0,
    is_sample: bool = False,
) -> Target:
    target_unit = unit or resolution.unit
    require(actor, Capability.MANAGE_TARGETS, target_unit)
    target = Target(
        resolution=resolution,
        indicator=indicator,
        unit=target_unit,
        period=period or resolution.period,
        issuer=issuer.strip(),
        is_main=is_main,
        measure=measure,
        comparison=comparison,
        value=value,
        upper=upper,
        threshold=threshold,
        subject_unit=subject_unit,
        wording=wording.strip(),
        order=order,
        is_sample=is_sample,
    )
    _validate_target(target)
    try:
        with transaction.atomic():
            target.save()
            record_creation(
                actor=actor,
                instance=target,
                scope_path=target_unit.path,
            )
    except IntegrityError as error:
        raise ValidationError(
            "Đơn vị đã có chỉ tiêu này của cùng cấp giao trong kỳ này."
        ) from error
    return target


@audited
def target_update(*, actor: Actor, target: Target, reason: str = "", **changes: object) -> Target:
    unknown = set(changes) - set(TARGET_FIELDS)
    if unknown:
        raise ValueError(f"target_update cannot change {sorted(unknown)}")
    with transaction.atomic():
        locked = (
            Target.objects.select_for_update(of=("self",))
            .select_related("resolution__unit", "unit")
            .get(pk=target.pk)
        )
        require(actor, Capability.MANAGE_TARGETS, locked.unit)
        before = snapshot(locked)
        for field, value in changes.items():
            setattr(locked, field, value)
        require(actor, Capability.MANAGE_TARGETS, locked.unit)
        _validate_target(locked)
        save_audited_update(
            actor=actor, instance=locked, before=before, reason=reason, scope_path=locked.unit.path
        )
    return locked


@audited
def target_delete(*, actor: Actor, target: Target, reason: str = "") -> None:
    require(actor, Capability.MANAGE_TARGETS, target.unit)
    with transaction.atomic():
        record_change(
            actor=actor,
            action=ChangeAction.DELETE,
            instance=target,
            before=snapshot(target),
            reason=reason,
            scope_path=target.unit.path,
        )
        target.delete()
