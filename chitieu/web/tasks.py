"""What waits for the user, for the home page's "Việc cần làm", in a fixed number of queries.

For the units a user reports for (reporter or planner of the unit itself): the reports returned
to them, with the reason; and the reports not yet submitted whose deadline has passed (late) or
comes within `SOON_DAYS`. The reports owed are the 6-month and the annual report of Decree
09/2019 of this year and last year, and any other period for which the level above set a
deadline, for a unit with targets in that year that existed during the period (a district
merged away on 30/06/2025 owes nothing for 2026). The deadline is the one the level above set,
else five days after the Decree's cut-off (`actuals.selectors.default_deadline`).

For those who approve: how many reports wait for them, per period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from chitieu.accounts.models import Membership, Role
from chitieu.accounts.permissions import Capability, has_capability_anywhere, scope
from chitieu.actuals.models import (
    ActualKind,
    ReportingDeadline,
    Submission,
    SubmissionStatus,
)
from chitieu.actuals.selectors import default_deadline
from chitieu.core.periods import Period, PeriodKind
from chitieu.core.users import AnyUser
from chitieu.targets.models import Target
from chitieu.units.models import Unit

SOON_DAYS = 15
# The reports every unit with targets owes in a year (Decree 09/2019/NĐ-CP): six months, year.
OWED_KINDS = (PeriodKind.HALF, PeriodKind.YEAR)
REPORTING_ROLES = (Role.REPORTER, Role.PLANNER)


@dataclass
class DueReport:
    """A report not yet submitted whose deadline passed or comes soon."""

    unit: Unit
    period: Period
    deadline: dt.date
    late: bool
    days_left: int  # negative when late


@dataclass
class PendingGroup:
    period: Period
    count: int


@dataclass
class Tasks:
    returned: list[Submission] = field(default_factory=list)
    due: list[DueReport] = field(default_factory=list)
    to_approve: list[PendingGroup] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.returned or self.due or self.to_approve)

    @property
    def to_approve_total(self) -> int:
        return sum(group.count for group in self.to_approve)


def _ancestor_ids(unit: Unit) -> list[int]:
    return [int(part) for part in unit.path.strip("/").split("/") if part]


def _owed_periods(years: list[int], deadlines: dict[tuple[int, str], dt.date]) -> list[Period]:
    periods = {Period(kind, year) for year in years for kind in OWED_KINDS}
    periods |= {Period.parse(code) for _unit, code in deadlines}
    return sorted(periods)


def tasks_of(user: AnyUser, memberships: list[Membership]) -> Tasks:
    """What waits for `user` (memberships as `accounts.selectors.memberships_of` reads them):
    four queries at most, whatever the number of units and periods."""
    today = timezone.localdate()
    units = list({m.unit.pk: m.unit for m in memberships if m.role in REPORTING_ROLES}.values())
    tasks = Tasks()
    if units:
        _reporting_tasks(tasks, units, today)
    if has_capability_anywhere(user, Capability.APPROVE_ACTUALS):
        tasks.to_approve = _pending_counts(user)
    return tasks


def _reporting_tasks(tasks: Tasks, units: list[Unit], today: dt.date) -> None:
    years = [today.year - 1, today.year]
    ancestors = {unit.pk: _ancestor_ids(unit) for unit in units}
    deadline_rows = ReportingDeadline.objects.filter(
        unit_id__in={pk for ids in ancestors.values() for pk in ids}
    ).filter(Q(period__startswith=str(years[0])) | Q(period__startswith=str(years[1])))
    deadlines = {(row.unit_id, row.period): row.deadline for row in deadline_rows}
    with_targets: set[tuple[int, int]] = set()
    for unit_id, code in (
        Target.objects.filter(unit__in=units)
        .filter(Q(period__in=[str(year) for year in years]) | Q(period__startswith="T"))
        .order_by()
        .values_list("unit_id", "period")
        .distinct()
    ):
        for year in Period.parse(code).years:
            with_targets.add((unit_id, year))
    owed = _owed_periods(years, deadlines)
    submissions = list(
        Submission.objects.filter(unit__in=units)
        .filter(Q(period__in=[p.code for p in owed]) | Q(status=SubmissionStatus.RETURNED))
        .select_related("unit", "reviewed_by")
    )
    returned = sorted(
        (s for s in submissions if s.status == SubmissionStatus.RETURNED),
        key=lambda s: (s.unit.name, s.kind),
    )  # then the newest period first (a stable sort keeps the names in order)
    tasks.returned = sorted(returned, key=lambda s: s.period_value, reverse=True)
    done = {
        (s.unit_id, s.period)
        for s in submissions
        if s.kind == ActualKind.ESTIMATE and s.status != SubmissionStatus.DRAFT
    }
    for unit in units:
        for period in owed:
            if (unit.pk, period.year) not in with_targets or (unit.pk, period.code) in done:
                continue
            if not unit.existed_during(period.start, period.end):
                continue  # formed later, or ended before the period began
            set_by = [
                deadlines[(pk, period.code)]
                for pk in ancestors[unit.pk]
                if (pk, period.code) in deadlines
            ]
            if period.kind not in OWED_KINDS and not set_by:
                continue  # another period is owed only when the level above asked for it
            deadline = set_by[-1] if set_by else default_deadline(period)  # the nearest level
            days_left = (deadline - today).days
            if days_left <= SOON_DAYS:
                tasks.due.append(DueReport(unit, period, deadline, days_left < 0, days_left))
    tasks.due.sort(key=lambda item: (item.deadline, item.unit.name))


def _pending_counts(user: AnyUser) -> list[PendingGroup]:
    rows = (
        scope(
            Submission.objects.filter(status=SubmissionStatus.SUBMITTED),
            user,
            Capability.APPROVE_ACTUALS,
            "unit__parent__path",
        )
        .order_by()
        .values("period")
        .annotate(count=Count("id"))
    )
    groups = [PendingGroup(Period.parse(row["period"]), row["count"]) for row in rows]
    return sorted(groups, key=lambda group: group.period, reverse=True)
