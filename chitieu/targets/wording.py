"""How a target reads in Vietnamese, in its own form and unit: "từ 80% trở lên", "tăng 9%",
"giảm 1–1,5 điểm %", "dưới 3,2%", "500 đảng viên cả nhiệm kỳ", "có thêm 2 xã đạt chuẩn", "xã Vĩnh
Hùng đạt chuẩn", "trong nhóm 10 tỉnh dẫn đầu", "tăng 5 bậc". Numbers are rounded to the
indicator's places, without trailing zeros. Pure: pages (the `target_text` filter), Word, PDF,
Excel and the narrative all read targets through `describe`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol

from chitieu.core.numbers import DECIMAL_MARK, format_decimal

DASH = "–"  # between the ends of a range: "1–1,5"


def number(value: Decimal | int | None, places: int | None = None) -> str:
    """A figure with at most `places` decimals, trailing zeros dropped ("3,2", "9", "321")."""
    text = format_decimal(value, places)
    if places and DECIMAL_MARK in text:
        text = text.rstrip("0").rstrip(DECIMAL_MARK)
    return text


def _amount(value: Decimal | None, unit: str, places: int | None) -> str:
    text = number(value, places)
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
    places: int | None = None,
    ranked_units: str = "",
) -> str:
    unit = unit_of_measure.strip()
    if measure == "milestone":
        standard = "" if threshold in (None, Decimal(1)) else f" ({number(threshold, places)})"
        return f"{subject_name} đạt chuẩn{standard}"
    if measure == "growth":
        return _describe_change(comparison, value, upper, "%", places, points=False)
    if measure == "change":
        return _describe_change(comparison, value, upper, unit, places, points=unit == "%")
    if measure == "rank":
        return _describe_rank(comparison, value, upper, ranked_units or "đơn vị")
    if measure == "rank_rise":
        return _describe_change(comparison, value, upper, "bậc", 0, points=False)
    if measure in ("subunit_count", "subunit_count_new"):
        more = "có thêm" if measure == "subunit_count_new" else "có"
        counted = unit if unit and unit != "%" else "đơn vị"
        # The count of sub-units is always "more is better", whatever the indicator's direction.
        words = _bound_words(comparison, "higher", value, upper, counted, 0)
        return f"{more} {words} đạt chuẩn{_standard(threshold, unit, direction, places)}"
    words = _bound_words(comparison, direction, value, upper, unit, places)
    if measure == "term_total":
        return f"{words} cả nhiệm kỳ"
    if comparison == "reach" and direction != "lower":
        return f"đạt {words}"
    return words


def _standard(threshold: Decimal | None, unit: str, direction: str, places: int | None) -> str:
    """The standard each sub-unit's figure must reach, as the count reads it: " (từ 90% trở
    lên)", " (không quá 5%)" where lower is better; nothing without a threshold."""
    if threshold is None:
        return ""
    amount = _amount(threshold, unit, places)
    return f" (không quá {amount})" if direction == "lower" else f" (từ {amount} trở lên)"


def _bound_words(
    comparison: str,
    direction: str,
    value: Decimal | None,
    upper: Decimal | None,
    unit: str,
    places: int | None,
) -> str:
    if comparison == "at_least":
        return f"từ {_amount(value, unit, places)} trở lên"
    if comparison == "at_most":
        return f"dưới {_amount(value, unit, places)}"
    if comparison == "range":
        low, high = sorted((value or Decimal(0), upper or Decimal(0)))
        return f"{number(low, places)}{DASH}{_amount(high, unit, places)}"
    if direction == "lower":
        return f"còn {_amount(value, unit, places)}"
    return _amount(value, unit, places)


def _describe_change(
    comparison: str,
    value: Decimal | None,
    upper: Decimal | None,
    unit: str,
    places: int | None,
    *,
    points: bool,
) -> str:
    """A signed change: "tăng 9%", "giảm 1–1,5 điểm %", "giảm 0,5 điểm % trở lên"."""
    unit_text = "điểm %" if points else unit
    number_ = value or Decimal(0)
    verb = "giảm" if number_ < 0 else "tăng"

    def amount(size: Decimal) -> str:
        return _amount(size, unit_text, places) if unit_text != "%" else f"{number(size, places)}%"

    if comparison == "range":
        low, high = sorted((abs(number_), abs(upper or Decimal(0))))
        return f"{verb} {number(low, places)}{DASH}{amount(high)}"
    if comparison in ("at_least", "at_most"):
        # A drop of at least 0,5 is "at most −0,5"; a rise of at least 2 is "at least 2".
        ambitious = (comparison == "at_most") == (number_ < 0)
        if ambitious:
            return f"{verb} {amount(abs(number_))} trở lên"
        return f"{verb} không quá {amount(abs(number_))}"
    return f"{verb} {amount(abs(number_))}"


def _describe_rank(
    comparison: str, value: Decimal | None, upper: Decimal | None, ranked_units: str
) -> str:
    """A place in a ranking: 1 is first, so "at most 10" is "trong nhóm 10 tỉnh dẫn đầu"."""
    if comparison == "at_most":
        return f"trong nhóm {number(value, 0)} {ranked_units} dẫn đầu"
    if comparison == "range":
        low, high = sorted((value or Decimal(0), upper or Decimal(0)))
        return f"xếp thứ {number(low, 0)}{DASH}{number(high, 0)}"
    if comparison == "at_least":
        return f"xếp thứ {number(value, 0)} trở xuống"
    return f"xếp thứ {number(value, 0)}"


def describe_measured(
    *,
    measure: str,
    value: Decimal | None,
    unit_of_measure: str,
    places: int | None,
    out_of: int | None = None,
) -> str:
    """What was measured, in the target's own terms: a growth "10%", a change "−0,8 điểm %",
    a place "12/34", a rise "tăng 3 bậc"; a level is the figure alone (its unit heads the
    column)."""
    if value is None:
        return ""
    if measure == "growth":
        return f"{number(value, places)}%"
    if measure == "change":
        unit = "điểm %" if unit_of_measure.strip() == "%" else unit_of_measure.strip()
        sign = "+" if value > 0 else ""
        return f"{sign}{number(value, places)} {unit}".rstrip()
    if measure == "rank":
        place = number(value, 0)
        return f"{place}/{out_of}" if out_of else place
    if measure == "rank_rise":
        verb = "giảm" if value < 0 else "tăng"
        return f"{verb} {number(abs(value), 0)} bậc"
    return number(value, places)


class _IndicatorLike(Protocol):
    @property
    def unit_of_measure(self) -> str: ...
    @property
    def direction(self) -> str: ...
    @property
    def decimals(self) -> int: ...
    @property
    def ranked_units(self) -> str: ...


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
    indicator = target.indicator
    return describe_target(
        measure=target.measure,
        comparison=target.comparison,
        value=target.value,
        upper=target.upper,
        unit_of_measure=indicator.unit_of_measure,
        direction=indicator.direction,
        subject_name=target.subject_unit.name if target.subject_unit else "",
        threshold=target.threshold,
        places=indicator.decimals,
        ranked_units=indicator.ranked_units,
    )
