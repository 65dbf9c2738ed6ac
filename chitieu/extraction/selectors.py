"""Figures of a text prepared for review: each with its best indicator, and, in check mode, the
value the system holds for it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from chitieu.actuals.figurebook import FigureBook, View
from chitieu.actuals.models import Actual
from chitieu.core.periods import Period
from chitieu.extraction.documents import Reading
from chitieu.extraction.extractor import Figure
from chitieu.extraction.matching import IndicatorTerms, Match, best_indicator, converted
from chitieu.indicators.models import Indicator
from chitieu.indicators.selectors import active_indicators
from chitieu.targets.models import Resolution
from chitieu.targets.selectors import unit_resolutions
from chitieu.units.models import Unit


@dataclass
class ReviewRow:
    index: int
    figure: Figure
    match: Match | None
    stored: Decimal | None = None

    @property
    def value(self) -> Decimal:
        """The figure in its indicator's unit ("12.450 triệu đồng" → 12,45 for "tỷ đồng")."""
        if self.match is None or self.figure.kind not in ("amount", "change"):
            return self.figure.value
        if self.figure.kind == "change" and self.figure.unit == "%":
            return self.figure.value
        value = converted(self.figure.value, self.figure.unit, self.match.unit_of_measure)
        return self.figure.value if value is None else value

    @property
    def unit(self) -> str:
        if self.match is not None and self.value != self.figure.value:
            return self.match.unit_of_measure
        return self.figure.unit

    @property
    def suggested(self) -> bool:
        """Accepted by default: a level matched to an indicator (a share of the plan or a
        comparison with last year is not the indicator's value)."""
        return (
            self.match is not None
            and self.figure.kind in ("amount", "ratio")
            and not (
                self.figure.cell and self.figure.unit == "%" and self.match.unit_of_measure != "%"
            )
        )

    @property
    def differs(self) -> bool:
        return (
            self.stored is not None and self.figure.kind == "amount" and self.stored != self.value
        )


def catalogue_terms() -> list[IndicatorTerms]:
    return [
        IndicatorTerms(i.pk, i.code, i.name, i.unit_of_measure)
        for i in Indicator.objects.filter(is_active=True)
    ]


def review_rows(figures: list[Figure]) -> list[ReviewRow]:
    terms = catalogue_terms()
    return [
        ReviewRow(index, figure, best_indicator(figure.metric, figure.unit, figure.kind, terms))
        for index, figure in enumerate(figures)
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
        title = figure.kind + (f" — {figure.cell}" if figure.cell else "")
        parts.append(
            f'<mark class="{css}" id="fig-{row.index}" title="{escape(title)}">'
            f"{escape(text[figure.start : figure.end])}<sup>{row.index + 1}</sup></mark>"
        )
        position = figure.end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts).replace("\n", "<br>"))


@dataclass
class ReviewPage:
    """A text's figures for review: in check mode with the stored values and their
    differences; the indicators and the unit's resolutions to choose from."""

    rows: list[ReviewRow]
    check: bool
    highlighted: SafeString | str
    differences: list[ReviewRow]
    indicators: list[Indicator]
    resolutions: list[Resolution]


def review_page(
    reading: Reading, unit: Unit | None, period: Period | None, *, check: bool
) -> ReviewPage:
    rows = review_rows(reading.figures)
    check = check and unit is not None and period is not None
    if check and unit is not None and period is not None:
        with_stored_values(rows, unit, period)
    return ReviewPage(
        rows=rows,
        check=check,
        highlighted=highlighted(reading.text, rows) if rows else "",
        differences=[row for row in rows if row.differs],
        indicators=active_indicators(),
        resolutions=unit_resolutions(unit) if unit else [],
    )
