"""The live check of every number input (`core.forms.VietnameseNumberInput`): how the text
typed so far reads, as it will be saved, or what is wrong with it, and any warning."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.html import format_html, format_html_join

from chitieu.core.numbers import (
    COLUMN,
    Bounds,
    NumberFormatError,
    check_decimal,
    format_decimal,
    implausibilities,
    magnitude_words,
    parse_decimal,
    parse_plain_decimal,
)
from chitieu.targets.selectors import number_rule

MAX_DIGITS = 30  # beyond any column: bounds asked for in the query are clipped to this


def _whole_number(text: str, default: int) -> int:
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 2 else default


def _limit(text: str | None) -> Decimal | None:
    if not text:
        return None
    try:
        return parse_plain_decimal(text)
    except NumberFormatError:
        return None


def _bounds(query: QueryDict) -> Bounds:
    """The field's bounds as its widget wrote them into the URL (plain numbers)."""
    digits = min(_whole_number(query.get("digits", ""), COLUMN.max_digits), MAX_DIGITS)
    places = min(_whole_number(query.get("places", ""), COLUMN.decimal_places), digits)
    return Bounds(
        max_digits=digits,
        decimal_places=places,
        minimum=_limit(query.get("min")),
        maximum=_limit(query.get("max")),
        whole=query.get("whole") == "1",
    )


@login_required
def check_number(request: HttpRequest) -> HttpResponse:
    """`field` names the input whose text is checked; the data-entry sheet's inputs are named
    `value_<indicator>` and are bounded by their indicator, and so is a form that sends its
    `indicator` (and `measure`, for a target's numbers) along with the text."""
    query = request.GET
    name = query.get("field", "")
    indicator = query.get("indicator")
    if not name:  # the data-entry sheet
        name = next((key for key in query if key.startswith("value_")), "")
        indicator = name.removeprefix("value_")
    raw = query.get(name, "") if name else ""
    if not raw.strip():
        return HttpResponse("")
    rule = (
        number_rule(indicator, query.get("measure", ""), query.get("role", ""))
        if indicator
        else None
    )
    bounds = rule.bounds if rule else _bounds(query)
    try:
        value = check_decimal(parse_decimal(raw), bounds)
    except NumberFormatError as error:
        return HttpResponse(format_html('<span class="error">{}</span>', str(error)))
    plain = query.get("plain") == "1"  # a year or an id: 2024, not 2.024
    # A dot typed is a thousands separator: say how big the number is, so that "324.124"
    # meant as 324,124 is seen at once (three hundred thousand, not three hundred).
    words = magnitude_words(value) if "." in raw and not plain else ""
    warnings = implausibilities(value, percent=rule.percent) if rule else []
    return HttpResponse(
        format_html(
            '<span class="ok">✓ {}</span>{}{}',
            str(value) if plain else format_decimal(value),
            format_html(' <small class="muted">({})</small>', words) if words else "",
            format_html_join("", ' <span class="warning">{}</span>', ((w,) for w in warnings)),
        )
    )
