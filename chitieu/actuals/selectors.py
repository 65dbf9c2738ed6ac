"""Reads for data entry and review: the reporter's sheet, reports waiting for review, and the
reports that are missing or late."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from chitieu.accounts.permissions import Capability, scope
from chitieu.actuals.figurebook import FigureBook, View
from chitieu.actuals.models import Actual, ReportingDeadline, Submission, SubmissionStatus
from chitieu.core.periods import Period
from chitieu.core.users import AnyUser
from chitieu.indicators.models import Indicator
from chitieu.targets.models import Target
from chitieu.targets.wording import describe
from chitieu.units.models import Unit


@dataclass
class SheetRow:
    indicator: Indicator
    actual: Actual | None
    last_year: Decimal | None
    targets: list[tuple[str, str]]  # (issuer, how the target reads)
    derived: Decimal | None = None  # added up from months or quarters already reported

    @property
    def version(self) -> int:
        return self.actual.version if self.actual else 0

    @property
    def value(self) -> Decimal | None:
        return self.actual.value if self.actual else None


@dataclass
class Sheet:
    unit: Unit
    period: Period
    kind: str
    submission: Submission | None
    rows: list[SheetRow] = field(default_factory=list)

    @property
    def missing(self) -> list[SheetRow]:
        return [row for row in self.rows if row.value is None and row.derived is None]

    @property
    def editable(self) -> bool:
        return self.submission is None or self.submission.is_editable


def entry_sheet(unit: Unit, period: Period, kind: str) -> Sheet:
    """One row per indicator the unit has a target for in the period's year (or term), plus any
    indicator it already reported; last year's figure and the targets beside each."""
    targets = [
        target
        for target in Target.objects.filter(unit=unit)
        .filter(Q(period=str(period.year)) | Q(period__startswith="T"))
        .select_related("indicator", "subject_unit")
        .order_by("order", "id")
        if target.period_value.contains_year(period.year)
    ]
    actuals = {
        actual.indicator_id: actual
        for actual in Actual.objects.filter(
            unit=unit, period=period.code, kind=kind
        ).select_related("indicator", "updated_by")
    }
    last_year = period.same_period_last_year()
    codes = {last_year.code, *(p.code for p in last_year.parts() + last_year.quarter_parts())}
    codes |= {p.code for p in period.parts() + period.quarter_parts()}
    rows = Actual.objects.filter(unit=unit, period__in=codes).values_list(
        "unit_id", "indicator_id", "period", "kind", "value"
    )
    book = FigureBook(rows, View.BEST)

    indicators: dict[int, Indicator] = {}
    described: dict[int, list[tuple[str, str]]] = {}
    for target in targets:
        indicators.setdefault(target.indicator_id, target.indicator)
        described.setdefault(target.indicator_id, []).append(
            (
                target.issuer,
                describe(target),
            )
        )
    for actual in actuals.values():
        indicators.setdefault(actual.indicator_id, actual.indicator)
    sheet = Sheet(
        unit=unit,
        period=period,
        kind=kind,
        submission=Submission.objects.filter(unit=unit, period=period.code).first(),
    )
    for indicator_id, indicator in indicators.items():
        derived = book.get(unit.pk, indicator, period)
        sheet.rows.append(
            SheetRow(
                indicator=indicator,
                actual=actuals.get(indicator_id),
                last_year=book.value(unit.pk, indicator, last_year),
                targets=described.get(indicator_id, []),
                derived=derived.value if derived and derived.kind == "derived" else None,
            )
        )
    sheet.rows.sort(key=lambda row: row.indicator.code)
    return sheet


def submissions_to_review(user: AnyUser, period: Period) -> list[Submission]:
    submissions = scope(
        Submission.objects.filter(period=period.code, status=SubmissionStatus.SUBMITTED),
        user,
        Capability.APPROVE_ACTUALS,
        "unit__parent__path",
    )
    return list(submissions.select_related("unit", "submitted_by").order_by("submitted_at"))


@dataclass
class ReportState:
    unit: Unit
    submission: Submission | None
    deadline: dt.date | None

    @property
    def is_missing(self) -> bool:
        return self.submission is None or self.submission.status in (
            SubmissionStatus.DRAFT,
            SubmissionStatus.RETURNED,
        )

    @property
    def is_late(self) -> bool:
        if self.deadline is None:
            return False
        if self.is_missing:
            return timezone.localdate() > self.deadline
        assert self.submission is not None and self.submission.submitted_at is not None
        return timezone.localtime(self.submission.submitted_at).date() > self.deadline


def default_deadline(period: Period) -> dt.date:
    """Without a deadline set by the province: five days after the Decree 09/2019 cut-off."""
    return period.cutoff()[1] + dt.timedelta(days=5)


def report_states(user: AnyUser, root: Unit, period: Period) -> list[ReportState]:
    """Every unit under `root` that has targets in the period's year, with its report's state."""
    unit_ids = (
        scope(Target.objects.all(), user, Capability.VIEW, "unit__path")
        .filter(unit__path__startswith=root.path)
        .filter(Q(period=str(period.year)) | Q(period__startswith="T"))
        .values_list("unit_id", flat=True)
        .distinct()
    )
    units = list(Unit.objects.filter(pk__in=unit_ids).order_by("name"))
    submissions = {
        submission.unit_id: submission
        for submission in Submission.objects.filter(unit__in=units, period=period.code)
    }
    deadlines = {
        deadline.unit.path: deadline.deadline
        for deadline in ReportingDeadline.objects.filter(period=period.code).select_related("unit")
    }

    def deadline_for(unit: Unit) -> dt.date:
        matching = [path for path in deadlines if unit.path.startswith(path)]
        return deadlines[max(matching, key=len)] if matching else default_deadline(period)

    return [ReportState(unit, submissions.get(unit.pk), deadline_for(unit)) for unit in units]
