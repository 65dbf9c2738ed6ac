"""How a target reads in Vietnamese: "từ 80% trở lên", "giảm 1 - 1,5 điểm %", "xã Vĩnh Hùng đạt
chuẩn". Pure, for pages, reports and the narrative."""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol

from chitieu.core.numbers import format_decimal


def _amount(value: Decimal | None, unit: str) -> str:
    text = format_decimal(value)
    return f"{text}%" if unit == "%" else f"{text} {unit}".rstrip()


def describe_target(
    *,
    measure: str,
    comparison: str,
    value: Decimal | None,
    upper: Decimal | None,
    unit_of_measure: str,
    direction: str,
    subject_name: str = "",
    threshold: Decimal | None = None,
) -> str:
    if measure == "milestone":
        standard = "" if threshold in (None, Decimal(1)) else f" ({format_decimal(threshold)})"
        return f"{subject_name} đạt chuẩn{standard}"
    if measure == "growth":
        return "tăng trưởng " + _bound_words(comparison, direction, value, upper, "%")
    if measure == "change":
        return _describe_change(comparison, value, upper, unit_of_measure)
    unit = unit_of_measure
    if measure in ("subunit_count", "subunit_count_new"):
        more = "có thêm" if measure == "subunit_count_new" else "có"
        return f"{more} {_bound_words(comparison, direction, value, upper, 'đơn vị')} đạt chuẩn"
    prefix = "cả nhiệm kỳ " if measure == "term_total" else ""
    return prefix + _bound_words(comparison, direction, value, upper, unit)


def _bound_words(
    comparison: str, direction: str, value: Decimal | None, upper: Decimal | None, unit: str
) -> str:
    if comparison == "at_least":
        return f"từ {_amount(value, unit)} trở lên"
    if comparison == "at_most":
        return f"không quá {_amount(value, unit)}"
    if comparison == "range":
        low, high = sorted((value or Decimal(0), upper or Decimal(0)))
        return f"từ {format_decimal(low)} đến {_amount(high, unit)}"
    return f"đạt {_amount(value, unit)}"


def _describe_change(
    comparison: str, value: Decimal | None, upper: Decimal | None, unit: str
) -> str:
    unit_text = "điểm %" if unit == "%" else unit
    number = value or Decimal(0)
    verb = "giảm" if number < 0 else "tăng"
    size = abs(number)
    if comparison == "range":
        low, high = sorted((abs(number), abs(upper or Decimal(0))))
        body = f"{verb} {format_decimal(low)} - {format_decimal(high)} {unit_text}"
    elif comparison in ("at_least", "at_most"):
        # A drop of at least 0,5 is "at most −0,5"; a rise of at least 2 is "at least 2".
        ambitious = (comparison == "at_most") == (number < 0)
        words = "trở lên" if ambitious else "trở xuống"
        body = f"{verb} {format_decimal(size)} {unit_text} {words}"
    else:
        body = f"{verb} {format_decimal(size)} {unit_text}"
    return body


class _IndicatorLike(Protocol):
    @property
    def unit_of_measure(self) -> str: ...
    @property
    def direction(self) -> str: ...


class _NamedLike(Protocol):
    @property
    def name(self) -> str: ...


class TargetLike(Protocol):
    """What `describe` reads of a target: a model row or the evaluation's TargetRow."""

    @property
    def measure(self) -> str: ...
    @property
    def comparison(self) -> str: ...
    @property
    def value(self) -> Decimal | None: ...
    @property
    def upper(self) -> Decimal | None: ...
    @property
    def threshold(self) -> Decimal | None: ...
    @property
    def indicator(self) -> _IndicatorLike: ...
    @property
    def subject_unit(self) -> _NamedLike | None: ...


def describe(target: TargetLike) -> str:
    """How a target (a model row or a TargetRow) reads."""
    return describe_target(
        measure=target.measure,
        comparison=target.comparison,
        value=target.value,
        upper=target.upper,
        unit_of_measure=target.indicator.unit_of_measure,
        direction=target.indicator.direction,
        subject_name=target.subject_unit.name if target.subject_unit else "",
        threshold=target.threshold,
    )
