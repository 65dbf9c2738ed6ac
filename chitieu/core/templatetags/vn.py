"""Template filters for Vietnamese numbers and dates: {{ value|vn_number:2 }}, {{ d|vn_date }}."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Protocol

from django import template
from django.http import QueryDict
from django.utils.html import format_html
from django.utils.translation import gettext

from chitieu.core.dates import format_date
from chitieu.core.forms import VietnameseNumberInput
from chitieu.core.history import history_accessor
from chitieu.core.labels import period_name as _period_name
from chitieu.core.numbers import COLUMN, DECIMAL_MARK, Bounds, format_decimal, format_percent
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


@register.simple_tag
def number_input(
    name: str,
    value: Decimal | int | str | None = None,
    *,
    whole: bool = False,
    minimum: Decimal | int | str | None = None,
    maximum: Decimal | int | str | None = None,
    digits: int = COLUMN.max_digits,
    places: int | None = None,
    grouped: bool = True,
    **attrs: object,
) -> str:
    """The input of `core.forms.VietnameseDecimalField` for a page that reads its own POST
    (with `core.numbers.read_decimal`): the same markup, format and live check as every form.
    {% number_input "amount" whole=True minimum=0 digits=16 size=14 required=True %};
    other keywords are attributes (aria_label= becomes aria-label=)."""
    bounds = Bounds(
        max_digits=digits,
        decimal_places=0 if whole else COLUMN.decimal_places if places is None else places,
        minimum=None if minimum in (None, "") else Decimal(str(minimum)),
        maximum=None if maximum in (None, "") else Decimal(str(maximum)),
        whole=whole,
    )
    shown = {key.replace("_", "-"): item for key, item in attrs.items() if item is not False}
    widget = VietnameseNumberInput(shown, bounds=bounds, grouped=grouped)
    return widget.render(name, None if value == "" else value)


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


@register.filter
def sample_badge(item: object) -> str:
    """ "mẫu" beside anything that is (or was worked out from) generated demo data: any object
    with a true `is_sample` (a target, a figure, a result row, a unit's results), or a bool.
    One filter for every page, so no sample value goes without its badge."""
    flag = item if isinstance(item, bool) else getattr(item, "is_sample", False)
    if not flag:
        return ""
    return format_html(' <span class="badge badge-sample">{}</span>', gettext("sample"))
