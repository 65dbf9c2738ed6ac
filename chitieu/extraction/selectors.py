"""Figures of a text prepared for review: each with its best indicator, and, in check mode, the
value the system holds for it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from chitieu.actuals.models import Actual
from chitieu.core.periods import Period
from chitieu.evaluation.loader import FigureBook, View
from chitieu.extraction.extractor import Figure, extract
from chitieu.extraction.matching import IndicatorTerms, Match, best_indicator
from chitieu.indicators.models import Indicator
from chitieu.units.models import Unit


@dataclass
class ReviewRow:
    index: int
    figure: Figure
    match: Match | None
    stored: Decimal | None = None

    @property
    def differs(self) -> bool:
        return (
            self.stored is not None
            and self.figure.kind == "amount"
            and self.stored != self.figure.value
        )


def catalogue_terms() -> list[IndicatorTerms]:
    return [
        IndicatorTerms(i.pk, i.code, i.name, i.unit_of_measure)
        for i in Indicator.objects.filter(is_active=True)
    ]


def review_rows(text: str) -> list[ReviewRow]:
    terms = catalogue_terms()
    return [
        ReviewRow(index, figure, best_indicator(figure.metric, figure.unit, figure.kind, terms))
        for index, figure in enumerate(extract(text))
    ]


def with_stored_values(rows: list[ReviewRow], unit: Unit, period: Period) -> list[ReviewRow]:
    """Check mode: the stored figure beside each extracted one (best of official and estimate)."""
    indicator_ids = {row.match.indicator_id for row in rows if row.match}
    book = FigureBook(
        Actual.objects.filter(
            unit=unit, period=period.code, indicator_id__in=indicator_ids
        ).values_list("unit_id", "indicator_id", "period", "kind", "value"),
        View.BEST,
    )
    indicators = {i.pk: i for i in Indicator.objects.filter(pk__in=indicator_ids)}
    for row in rows:
        if row.match and row.figure.role == "actual" and row.figure.kind == "amount":
            row.stored = book.value(unit.pk, indicators[row.match.indicator_id], period)
    return rows


def highlighted(text: str, rows: list[ReviewRow]) -> SafeString:
    """The text with each figure marked, numbered as in the table."""
    parts: list[str] = []
    position = 0
    for row in sorted(rows, key=lambda r: r.figure.start):
        figure = row.figure
        parts.append(escape(text[position : figure.start]))
        css = "fig-diff" if row.differs else f"fig-{figure.role}"
        parts.append(
            f'<mark class="{css}" id="fig-{row.index}" title="{escape(figure.kind)}">'
            f"{escape(text[figure.start : figure.end])}<sup>{row.index + 1}</sup></mark>"
        )
        position = figure.end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts).replace("\n", "<br>"))
