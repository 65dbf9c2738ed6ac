"""Template filters for Vietnamese numbers and dates: {{ value|vn_number:2 }}, {{ d|vn_date }}."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Protocol

from django import template
from django.http import QueryDict

from chitieu.core.dates import format_date
from chitieu.core.history import history_accessor
from chitieu.core.labels import period_name as _period_name
from chitieu.core.numbers import DECIMAL_MARK, format_decimal, format_percent
from chitieu.core.periods import Period

register = template.Library()


@register.filter
def vn_number(value: Decimal | int | str | None, places: int | None = None) -> str:
    if value is None or value == "":
        return ""  # a missing figure, or a missing attribute resolved by the template
    return format_decimal(Decimal(value), places)


@register.filter
def vn_percent(value: Decimal | int | str | None, places: int = 2) -> str:
    if value is None or value == "":
        return ""
    return format_percent(Decimal(value), places)


@register.filter
def period_name(period: Period) -> str:
    """ "Năm 2021" in Vietnamese, "Year 2021" in English."""
    return _period_name(period)


@register.filter
def vn_date(value: dt.date | dt.datetime | None) -> str:
    if isinstance(value, dt.datetime):
        from django.utils import timezone

        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{format_date(local.date())} {local:%H:%M}"
    return format_date(value)


@register.filter
def posted_value(posted: QueryDict | None, indicator_id: int) -> str:
    """What the user typed for an indicator, to show it again after a refused save."""
    return posted.get(f"value_{indicator_id}", "") if posted else ""


@register.filter
def signed(value: Decimal | None, places: int = 2) -> str:
    """ "+20,58" / "-0,5": a change with its sign."""
    if value is None:
        return ""
    text = format_decimal(value, places)
    if DECIMAL_MARK in text:
        text = text.rstrip("0").rstrip(DECIMAL_MARK)
    return text if value < 0 else f"+{text}"


class _RowsByCriterion(Protocol):
    """A cluster's score grid (emulation, above core)."""

    def row(self, criterion: Any) -> list[Any]: ...


@register.filter
def score_row(grid: _RowsByCriterion, criterion: object) -> list[Any]:
    """The scores of one criterion across the members of a cluster's grid."""
    return grid.row(criterion)


@register.filter
def get_targets(mapping: dict, key: int) -> list:
    """mapping[key] in a template, or an empty list."""
    return mapping.get(key, []) if mapping else []


@register.filter
def has_history(model_label: str) -> bool:
    """Whether objects of this model have a history page (link to it only then)."""
    return history_accessor(model_label) is not None
