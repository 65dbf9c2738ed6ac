"""The leader's first page: the present year of a unit and of each unit directly under it.

For a viewer or planner of a province (or of any unit with units under it): the headline of the
current year (the year of today, or the newest year with targets when this one has none) for the
unit and for each unit under it that exists today; the unit's targets at risk (not met at the
year's figures, or, before the year's report, flagged by the projection of the latest six or
nine months); its place in its emulation clusters in the latest scored year; and the data of a
chart of targets met per unit. A fixed number of queries, whatever the number of units.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from chitieu.accounts.models import Membership, Role
from chitieu.core.dates import opening_year
from chitieu.core.periods import Period, PeriodKind
from chitieu.emulation.models import ClusterMember
from chitieu.emulation.selectors import Standing, standings_of
from chitieu.evaluation.engine import Headline, Status
from chitieu.evaluation.loader import TargetResult, UnitResults, evaluate_units
from chitieu.evaluation.selectors import target_years
from chitieu.units.models import ORGANISATION_TYPES, Unit

LEADER_ROLES = (Role.VIEWER, Role.PLANNER, Role.ADMIN)
VERDICT_RISKS = (Status.NOT_MET, Status.NEARLY_MET)


@dataclass
class RiskItem:
    result: TargetResult
    reason: str  # "Không đạt" or "Có nguy cơ không đạt (theo 9 tháng năm 2026)"


@dataclass
class UnitLine:
    unit: Unit
    headline: Headline | None
    risks: list[RiskItem] = field(default_factory=list)
    is_sample: bool = False  # judged on generated demo data: shown with its badge


@dataclass
class LeaderPage:
    unit: Unit
    period: Period  # the year shown
    reading: Period | None  # the six or nine months whose projection flags risks
    own: UnitLine
    units: list[UnitLine]
    standings: list[Standing]

    def chart(self) -> dict[str, object]:
        """Main targets met or exceeded against the others, for the unit and each under it."""
        lines = [self.own, *self.units]
        return {
            "names": {"achieved": _("Met or exceeded"), "missed": _("Not met, or no data")},
            "units": [line.unit.name for line in lines],
            "achieved": [line.headline.achieved if line.headline else 0 for line in lines],
            "missed": [
                line.headline.total - line.headline.achieved if line.headline else 0
                for line in lines
            ],
        }


def leader_unit(memberships: list[Membership]) -> Unit | None:
    """The unit of the page: the highest unit the user views or plans for."""
    units = [m.unit for m in memberships if m.role in LEADER_ROLES]
    return min(units, key=lambda unit: (unit.path.count("/"), unit.name)) if units else None


def reading_period(year: int, today: dt.date) -> Period | None:
    """Before the year's cut-off (14/12), the latest six or nine months whose cut-off passed."""
    if year != today.year or today > Period.year_of(year).cutoff()[1]:
        return None
    for kind in (PeriodKind.NINE_MONTHS, PeriodKind.HALF):
        period = Period(kind, year)
        if today > period.cutoff()[1]:
            return period
    return None


def _risks(year: UnitResults, partial: UnitResults | None, reading: Period | None) -> list:
    found: dict[int, RiskItem] = {}
    for result in year.results:
        if result.target.is_main and result.status in VERDICT_RISKS:
            found[result.target.id] = RiskItem(result, result.status.label)
    if partial is not None and reading is not None:
        for result in partial.results:
            if result.target.is_main and result.risk and result.risk.at_risk:
                found.setdefault(
                    result.target.id,
                    RiskItem(
                        result,
                        _("At risk of not being met (by %(p)s)") % {"p": reading.label},
                    ),
                )
    return list(found.values())


def leader_page(unit: Unit) -> LeaderPage | None:
    """The page of `unit` (the user's own: already in scope); None without any target."""
    today = timezone.localdate()
    years = set(target_years(unit.pk)) | set(target_years(unit.pk, under=True))
    if not years:
        return None
    year = opening_year(years, today) if any(y <= today.year for y in years) else min(years)
    period = Period.year_of(year)
    units = list(
        Unit.objects.filter(parent=unit)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .exclude(type__in=ORGANISATION_TYPES)
        .order_by("name")
    )
    reading = reading_period(year, today)
    results = evaluate_units([unit, *units], period)
    partials: list[UnitResults | None] = [None] * len(results)
    if reading is not None:
        partials = list(evaluate_units([unit, *units], reading))
    lines = [
        UnitLine(row.unit, row.primary_headline(), _risks(row, partial, reading), row.is_sample)
        for row, partial in zip(results, partials, strict=True)
    ]
    own, under = lines[0], [line for line in lines[1:] if line.headline is not None]
    return LeaderPage(unit, period, reading, own, under, _latest_standings(unit))


def _latest_standings(unit: Unit) -> list[Standing]:
    """The unit's places in its clusters in the latest year it was scored (none if never)."""
    latest = ClusterMember.objects.filter(unit=unit, scores__isnull=False).aggregate(
        year=Max("cluster_year__year")
    )["year"]
    return standings_of(unit, latest) if latest else []
