"""The names of periods on the pages, in the user's language.

`Period.label` stays Vietnamese on purpose: documents, narratives and exports are official
Vietnamese texts whatever the reader's screen language. The pages ask here."""

from __future__ import annotations

from django.utils.translation import gettext

from chitieu.core.periods import ROMAN, Period, PeriodKind


def period_name(period: Period) -> str:
    match period.kind:
        case PeriodKind.YEAR:
            return gettext("Year %(year)s") % {"year": period.year}
        case PeriodKind.HALF:
            return gettext("First 6 months of %(year)s") % {"year": period.year}
        case PeriodKind.NINE_MONTHS:
            return gettext("9 months of %(year)s") % {"year": period.year}
        case PeriodKind.QUARTER:
            return gettext("Quarter %(roman)s/%(year)s") % {
                "roman": ROMAN[period.number],
                "year": period.year,
            }
        case PeriodKind.MONTH:
            return gettext("Month %(month)s/%(year)s") % {
                "month": period.number,
                "year": period.year,
            }
        case PeriodKind.TERM:
            return gettext("Term %(start)s - %(end)s") % {
                "start": period.year,
                "end": period.number,
            }
    raise AssertionError(period.kind)
