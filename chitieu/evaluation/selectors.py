"""Evaluation pages' reads: one unit's results, and the overview of a group of units."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from chitieu.accounts.permissions import Capability, scope_q
from chitieu.actuals.figurebook import View
from chitieu.core.converters import MAX_ID
from chitieu.core.dates import opening_year
from chitieu.core.periods import Period, PeriodKind
from chitieu.core.users import AnyUser
from chitieu.evaluation.engine import Headline
from chitieu.evaluation.history import Series, SeriesPoint, indicator_series, values_as_now
from chitieu.evaluation.loader import TargetResult, UnitResults, evaluate_units
from chitieu.indicators.models import Indicator
from chitieu.targets.models import Target
from chitieu.units.models import ORGANISATION_TYPES, PROVINCE_LEVEL, Unit
from chitieu.units.selectors import access_unit

SERIES_YEARS = 5


def target_years(unit_pk: object, *, under: bool = False) -> list[int]:
    """The years for which the unit (or, with `under`, the units directly under it) has targets,
    newest first. Term targets count for no single year. Only years: the page that shows them
    checks access to the unit itself."""
    if not isinstance(unit_pk, int) or not 0 < unit_pk <= MAX_ID:
        return []  # an id no database holds (SQLite raises OverflowError on 10^23)
    targets = Target.objects.filter(**{"unit__parent_id" if under else "unit_id": unit_pk})
    # order_by(): without it the model's ordering would make DISTINCT return every target.
    codes = (
        targets.exclude(period__startswith="T")
        .order_by()
        .values_list("period", flat=True)
        .distinct()
    )
    return sorted({Period.parse(code).year for code in codes}, reverse=True)


HOME_UNITS = 4  # the home page shows the headline of at most this many of the user's units


@dataclass
class LatestHeadline:
    unit: Unit
    period: Period
    headline: Headline | None
    is_sample: bool = False


def latest_headlines(units: list[Unit]) -> list[LatestHeadline]:
    """For the home page: each unit's headline in the newest year it has targets for. Units are
    the user's own (already in scope); a few queries per unit, at most HOME_UNITS units."""
    found = []
    for unit in units[:HOME_UNITS]:
        years = target_years(unit.pk)
        if not years:
            continue
        period = Period.year_of(opening_year(years, timezone.localdate()))
        (results,) = evaluate_units([unit], period)
        found.append(LatestHeadline(unit, period, results.primary_headline(), results.is_sample))
    return found


@dataclass
class UnitPage:
    unit: Unit
    results: UnitResults
    series: list[Series]

    def chart(self) -> dict[str, dict[str, object]]:
        """The indicator series for the page's chart, by indicator code."""
        return {
            series.indicator.code: {
                "label": f"{series.indicator.name} ({series.indicator.unit_of_measure})",
                "years": [point.year for point in series.points],
                "values": [
                    None if point.value is None else str(point.value) for point in series.points
                ],
            }
            for series in self.series
        }


def unit_page(user: AnyUser, unit_pk: object, period: Period, view: View) -> UnitPage:
    unit = access_unit(user, unit_pk)
    (results,) = evaluate_units([unit], period, view)
    indicators = list(
        {result.target.indicator_id: result.target.indicator for result in results.results}.values()
    )
    years = list(range(period.year - SERIES_YEARS + 1, period.year + 1))
    return UnitPage(unit, results, indicator_series(unit, indicators, years, view))


@dataclass
class Overview:
    root: Unit
    period: Period
    rows: list[UnitResults]
    indicators: list[Indicator]  # the indicators of the main targets, in catalogue order

    def cells(self, row: UnitResults) -> list[TargetResult | None]:
        """Per indicator column, the first main target of the unit's own headline issuer."""
        headline = row.primary_headline()
        first: dict[int, TargetResult] = {}
        for result in row.results:
            if result.target.is_main and (
                headline is None or result.target.issuer == headline.issuer
            ):
                first.setdefault(result.target.indicator_id, result)
        return [first.get(indicator.pk) for indicator in self.indicators]

    def cell_groups(self, row: UnitResults) -> list[list[TargetResult]]:
        """Per indicator column, the unit's main target of each issuer (the province's and the
        unit's own council's, say), the issuer of the unit's headline first."""
        headline = row.primary_headline()
        first: dict[tuple[int, str], TargetResult] = {}
        for result in row.results:
            if result.target.is_main:
                first.setdefault((result.target.indicator_id, result.target.issuer), result)
        lead = headline.issuer if headline else None
        groups: dict[int, list[TargetResult]] = {}
        for (indicator_id, _issuer), result in first.items():
            groups.setdefault(indicator_id, []).append(result)
        for results in groups.values():
            results.sort(key=lambda r: (r.target.issuer != lead, r.target.issuer))
        return [groups.get(indicator.pk, []) for indicator in self.indicators]

    def table(self) -> list[tuple[UnitResults, list[list[TargetResult]]]]:
        """Each row with its cells (every issuer's target of each indicator), as the page's
        table shows them."""
        return [(row, self.cell_groups(row)) for row in self.rows]

    def chart(self) -> dict[str, object]:
        """Main targets met or exceeded against the others, per unit; within a year, those on
        course for the year against those at risk."""
        headlines = [row.primary_headline() for row in self.rows]
        partial = self.period.kind not in (PeriodKind.YEAR, PeriodKind.TERM)
        return {
            "names": {
                "achieved": _("On course for the year") if partial else _("Met or exceeded"),
                "missed": _("At risk, or no data") if partial else _("Not met, or no data"),
            },
            "units": [row.unit.name for row in self.rows],
            "achieved": [h.counted if h else 0 for h in headlines],
            "missed": [h.total - h.counted if h else 0 for h in headlines],
        }


@dataclass
class OverviewScope:
    """What an overview shows, before it is evaluated: the root, the units under it the user
    sees, the period, the view and the order of the rows."""

    root: Unit
    unit_ids: list[int]  # in the order of their names
    period: Period
    view: View
    sort: str

    def cache_key(self, version: str) -> str:
        """A key naming everything the overview's table depends on: the data version (see
        `core.versions`), the root, the units (the user's scope decides which), the period, the
        view, the order."""
        units = hashlib.sha256(",".join(map(str, self.unit_ids)).encode()).hexdigest()
        return (
            f"overview:{version}:{self.root.pk}:{units[:32]}:{self.period.code}:"
            f"{self.view.value}:{self.sort}"
        )


def overview_scope(
    user: AnyUser, root: Unit, period: Period, view: View, sort: str
) -> OverviewScope:
    """The units directly under `root` (a unit the user may see) that existed in the period and
    that the user sees, by id only (what a cached overview needs): one query."""
    unit_ids = list(
        Unit.objects.visible_to(user)
        .filter(parent=root)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=period.end))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=period.start))
        .exclude(type__in=ORGANISATION_TYPES)
        .order_by("name", "id")
        .values_list("id", flat=True)
    )
    return OverviewScope(root, unit_ids, period, view, "achieved" if sort == "achieved" else "name")


def overview_of(scope: OverviewScope) -> Overview:
    """Each unit of the scope with its results, evaluated by the engine now (one more query for
    the units)."""
    units = list(Unit.objects.filter(pk__in=scope.unit_ids).order_by("name", "id"))
    rows = [row for row in evaluate_units(units, scope.period, scope.view) if row.results]
    if scope.sort == "achieved":
        rows.sort(key=_achieved_share, reverse=True)
    indicators: dict[int, Indicator] = {}
    for row in rows:
        for result in row.results:
            if result.target.is_main:
                indicators.setdefault(result.target.indicator_id, result.target.indicator)
    ordered = sorted(indicators.values(), key=lambda indicator: indicator.code)
    return Overview(scope.root, scope.period, rows, ordered)


def overview(
    user: AnyUser, root_pk: object, period: Period, view: View, sort: str = "name"
) -> Overview:
    """The units directly under `root` that existed in the period, each with its headline."""
    root = access_unit(user, root_pk)
    return overview_of(overview_scope(user, root, period, view, sort))


def _achieved_share(row: UnitResults) -> tuple:
    headline = row.primary_headline()
    if headline is None or headline.total == 0:
        return (-1, 0, row.unit.name)
    return (headline.counted / headline.total, headline.exceeded, row.unit.name)


@dataclass
class OverviewNow:
    """One indicator for a past year, over the units under `root` as they are today."""

    root: Unit
    indicator: Indicator
    year: int
    rows: list[tuple[Unit, SeriesPoint]]


def overview_as_now(
    user: AnyUser, root_pk: object, indicator_code: str, year: int, view: View
) -> OverviewNow | None:
    root = access_unit(user, root_pk)
    indicators = Indicator.objects.select_related("weight_indicator").filter(is_active=True)
    indicator = indicators.filter(code=indicator_code).first()
    indicator = indicator or indicators.order_by("code").first()
    if indicator is None:
        return None
    today = timezone.localdate()
    units = list(
        Unit.objects.visible_to(user)
        .filter(parent=root)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .exclude(type__in=ORGANISATION_TYPES)
        .order_by("name")
    )
    return OverviewNow(root, indicator, year, values_as_now(units, indicator, year, view))


# -- the national page --------------------------------------------------------------------------


def is_national(user: AnyUser) -> bool:
    """Whether the user's membership is national. The tree has no unit above the provinces, so
    a national user is one who may see every province in force today: a system administrator,
    or a member of each (a ministry's staff); one province missing and the page is refused."""
    condition = scope_q(user, Capability.VIEW, path_field="path")
    if condition is None:
        return True
    roots = Unit.objects.filter(parent__isnull=True).valid_on(timezone.localdate())
    return roots.exists() and not roots.exclude(condition).exists()


def national_years() -> list[int]:
    """The years for which provinces have targets, newest first."""
    codes = (
        Target.objects.filter(unit__type__in=PROVINCE_LEVEL)
        .exclude(period__startswith="T")
        .order_by()
        .values_list("period", flat=True)
        .distinct()
    )
    return sorted({Period.parse(code).year for code in codes}, reverse=True)


@dataclass
class National:
    period: Period
    rows: list[UnitResults]


def national(user: AnyUser, period: Period, view: View, sort: str = "name") -> National:
    """Every province the user sees that existed in the period, with its own headline; for
    national users only (404 for the others, as for a unit outside their scope). The provinces'
    own targets are evaluated (on their own figures, or their communes' where they have none):
    a fixed number of queries."""
    if not is_national(user):
        raise Http404
    provinces = list(
        Unit.objects.visible_to(user)
        .filter(type__in=PROVINCE_LEVEL)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=period.end))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=period.start))
        .order_by("name")
    )
    rows = [row for row in evaluate_units(provinces, period, view) if row.results]
    if sort == "achieved":
        rows.sort(key=_achieved_share, reverse=True)
    return National(period, rows)
