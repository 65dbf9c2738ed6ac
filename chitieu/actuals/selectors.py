"""Reads for data entry and review: the reporter's sheet, reports waiting for review, and the
reports that are missing or late."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils import timezone

from chitieu.accounts.permissions import Capability, scope
from chitieu.actuals.figurebook import FigureBook, View
from chitieu.actuals.models import (
    Actual,
    ActualKind,
    ActualRevision,
    ReportingDeadline,
    Submission,
    SubmissionStatus,
)
from chitieu.core.periods import Period
from chitieu.core.users import AnyUser
from chitieu.indicators.models import Indicator
from chitieu.targets.models import Measure, Target
from chitieu.targets.wording import describe
from chitieu.units.models import ORGANISATION_TYPES, Unit, UnitLink

# How a revision's source reads where a baseline (số liệu cùng kỳ) is shown.
BASELINE_FROM_UNIT = "Số liệu cùng kỳ do đơn vị nhập"
BASELINE_WITH_TARGET = "Số liệu cùng kỳ nhập cùng chỉ tiêu"
BASELINE_FROM_PREDECESSORS = "Số liệu cùng kỳ cộng từ đơn vị cũ"
BASELINE_MARK = "Số liệu cùng kỳ để so sánh"
COUNTING_MEASURES = (Measure.SUBUNIT_COUNT, Measure.SUBUNIT_COUNT_NEW)
COMPARED_MEASURES = (Measure.GROWTH, Measure.CHANGE)


def baseline_source_label(source: str | None, derived: bool = False) -> str:
    """ "do đơn vị nhập", "nhập cùng chỉ tiêu" or "cộng từ các tháng" for a baseline figure."""
    if derived:
        return "cộng từ các tháng, quý"
    if source == BASELINE_WITH_TARGET:
        return "nhập cùng chỉ tiêu"
    if source == BASELINE_FROM_PREDECESSORS:
        return "cộng từ đơn vị cũ"
    return "do đơn vị nhập"


@dataclass
class Baseline:
    """The unit's figure of the same period last year (the comparison of growth and change
    targets), the Actual it is read from (none: not entered) and where it came from."""

    period: Period
    actual: Actual | None
    value: Decimal | None
    source: str  # "" when there is no figure
    # Without a figure: the old units' figures added up, when the unit was formed of whole old
    # units only and the indicator adds up (offered in the field, saved as "cộng từ đơn vị cũ").
    proposed: Decimal | None = None

    @property
    def is_sample(self) -> bool:
        return self.actual is not None and self.actual.is_sample

    @property
    def shown(self) -> Decimal | None:
        return self.value if self.value is not None else self.proposed

    @property
    def version(self) -> int:
        return self.actual.version if self.actual else 0

    @property
    def editable(self) -> bool:
        """Entered as such (not added up from months): may be typed or corrected here."""
        return self.value is None or self.actual is not None


@dataclass
class SheetRow:
    indicator: Indicator
    actual: Actual | None
    last_year: Decimal | None
    targets: list[tuple[str, str]]  # (issuer, how the target reads)
    derived: Decimal | None = None  # added up from months or quarters already reported
    # Only the comparison of a target of the next year (số liệu cùng kỳ để so sánh).
    is_baseline: bool = False
    baseline: Baseline | None = None  # the same period last year, as it may be typed
    last_year_sample: bool = False  # the figure of the same period last year is sample data

    @property
    def version(self) -> int:
        return self.actual.version if self.actual else 0

    @property
    def is_sample(self) -> bool:
        return self.actual is not None and self.actual.is_sample

    @property
    def value(self) -> Decimal | None:
        return self.actual.value if self.actual else None

    @property
    def base_name(self) -> str:
        """The name of the baseline's field (value_…, version_…)."""
        return f"base_{self.indicator.pk}"


@dataclass
class SubunitEntry:
    unit: Unit
    actual: Actual | None
    name: str  # of the fields (value_…, version_…): sub_<unit>_<indicator>

    @property
    def version(self) -> int:
        return self.actual.version if self.actual else 0

    @property
    def is_sample(self) -> bool:
        return self.actual is not None and self.actual.is_sample

    @property
    def value(self) -> Decimal | None:
        return self.actual.value if self.actual else None


@dataclass
class SubunitSection:
    """A target of the unit that reads its sub-units' figures (a count of sub-units reaching a
    threshold, or a named sub-unit's milestone): each sub-unit with its own figure."""

    target: Target
    described: str
    entries: list[SubunitEntry]


@dataclass
class Sheet:
    unit: Unit
    period: Period
    kind: str
    submission: Submission | None
    rows: list[SheetRow] = field(default_factory=list)
    subunit_sections: list[SubunitSection] = field(default_factory=list)

    @property
    def missing(self) -> list[SheetRow]:
        return [row for row in self.rows if row.value is None and row.derived is None]

    @property
    def editable(self) -> bool:
        return self.submission is None or self.submission.is_editable

    @property
    def has_rows(self) -> bool:
        return bool(self.rows or self.subunit_sections)


def _targets_of_year(queryset: QuerySet[Target], year: int) -> list[Target]:
    return [
        target
        for target in queryset.filter(Q(period=str(year)) | Q(period__startswith="T"))
        .select_related("indicator", "subject_unit", "unit")
        .order_by("order", "id")
        if target.period_value.contains_year(year)
    ]


def _sub_units(unit: Unit, period: Period) -> list[Unit]:
    """The administrative sub-units of `unit` that existed during the period (thôn, tổ dân
    phố of a commune; communes of a district), as a count of sub-units reads them."""
    return list(
        Unit.objects.filter(parent=unit)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=period.end))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=period.start))
        .exclude(type__in=ORGANISATION_TYPES)
        .order_by("name")
    )


def _subunit_sections(
    unit: Unit, period: Period, kind: str, targets: list[Target]
) -> list[SubunitSection]:
    """One section per target counting sub-units or naming one (two queries at most)."""
    wanted = [t for t in targets if t.measure in COUNTING_MEASURES or t.subject_unit_id]
    if not wanted:
        return []
    children = _sub_units(unit, period) if any(t.subject_unit_id is None for t in wanted) else []
    members = {
        target.pk: [target.subject_unit] if target.subject_unit else children for target in wanted
    }
    unit_ids = {member.pk for group in members.values() for member in group if member}
    actuals = {
        (actual.unit_id, actual.indicator_id): actual
        for actual in Actual.objects.filter(
            unit_id__in=unit_ids,
            indicator_id__in={t.indicator_id for t in wanted},
            period=period.code,
            kind=kind,
        )
    }
    return [
        SubunitSection(
            target=target,
            described=describe(target),
            entries=[
                SubunitEntry(
                    member,
                    actuals.get((member.pk, target.indicator_id)),
                    f"sub_{member.pk}_{target.indicator_id}",
                )
                for member in members[target.pk]
                if member is not None
            ],
        )
        for target in wanted
    ]


def _predecessor_sums(unit: Unit, period: Period) -> dict[int, Decimal]:
    """By indicator, the figures of `period` of the old units `unit` was formed of, added up:
    only when every old unit went into it whole and each has the figure (two queries). Most
    communes of 2025 took part of a split commune: they get none."""
    links = list(UnitLink.objects.filter(successor=unit).values_list("predecessor_id", "whole"))
    if not links or not all(whole for _id, whole in links):
        return {}
    old = [pk for pk, _whole in links]
    best: dict[tuple[int, int], tuple[str, Decimal]] = {}
    for unit_id, indicator_id, kind, value in Actual.objects.filter(
        unit_id__in=old, period=period.code, value__isnull=False
    ).values_list("unit_id", "indicator_id", "kind", "value"):
        known = best.get((unit_id, indicator_id))
        if value is None or not value.is_finite():
            continue
        if known is None or kind == ActualKind.OFFICIAL:  # an official figure wins
            best[(unit_id, indicator_id)] = (kind, value)
    sums: dict[int, Decimal] = {}
    for indicator_id in {indicator_id for _unit_id, indicator_id in best}:
        values = [best.get((pk, indicator_id)) for pk in old]
        if all(found is not None for found in values):
            sums[indicator_id] = sum((found[1] for found in values if found), Decimal(0))
    return sums


def entry_sheet(unit: Unit, period: Period, kind: str) -> Sheet:
    """One row per indicator the unit has a target for in the period's year (or term), plus any
    indicator it already reported; last year's figure and the targets beside each.

    Also: a row for each indicator of a target of the next year (its figure of this period is
    the comparison of next year's; "số liệu cùng kỳ để so sánh"); a row for each indicator of
    a target of the level above that reads this unit's figure (a count of sub-units, a named
    sub-unit's milestone), so a thôn or a school without targets of its own can report; and,
    for the unit's own targets on sub-units, a section listing each sub-unit's figure."""
    own = _targets_of_year(Target.objects.filter(unit=unit), period.year)
    upcoming = _targets_of_year(Target.objects.filter(unit=unit), period.year + 1)
    above = _targets_of_year(
        Target.objects.filter(
            Q(subject_unit=unit) | Q(unit_id=unit.parent_id, measure__in=COUNTING_MEASURES)
        ),
        period.year,
    )
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
        "unit_id", "indicator_id", "period", "kind", "value", "is_sample"
    )
    book = FigureBook(rows, View.BEST)
    baselines = {
        actual.indicator_id: actual
        for actual in Actual.objects.filter(
            unit=unit, period=last_year.code, kind=ActualKind.OFFICIAL
        )
    }
    sources = dict(
        ActualRevision.objects.filter(actual__in=list(baselines.values()))
        .order_by("actual_id", "version")
        .values_list("actual_id", "source")
    )

    indicators: dict[int, Indicator] = {}
    described: dict[int, list[tuple[str, str]]] = {}
    proposed = _predecessor_sums(unit, last_year)
    compared: set[int] = set()  # growth and change targets: their baseline may be typed
    for target in own:
        if target.measure in COUNTING_MEASURES or target.subject_unit_id:
            continue  # read from the sub-units: a section of their figures below
        if target.measure in COMPARED_MEASURES:
            compared.add(target.indicator_id)
        indicators.setdefault(target.indicator_id, target.indicator)
        described.setdefault(target.indicator_id, []).append((target.issuer, describe(target)))
    for target in above:
        indicators.setdefault(target.indicator_id, target.indicator)
        described.setdefault(target.indicator_id, []).append(
            (f"{target.issuer} ({target.unit.name})", describe(target))
        )
    marked: set[int] = set()
    for target in upcoming:
        if target.measure in COUNTING_MEASURES or target.subject_unit_id:
            continue
        if target.indicator_id not in indicators:
            indicators[target.indicator_id] = target.indicator
            marked.add(target.indicator_id)
        if target.indicator_id in marked:
            described.setdefault(target.indicator_id, []).append(
                (BASELINE_MARK, f"{target.period_value.label}: {describe(target)}")
            )
    for actual in actuals.values():
        indicators.setdefault(actual.indicator_id, actual.indicator)
    sheet = Sheet(
        unit=unit,
        period=period,
        kind=kind,
        submission=Submission.objects.filter(unit=unit, period=period.code, kind=kind).first(),
        subunit_sections=_subunit_sections(unit, period, kind, own),
    )
    for indicator_id, indicator in indicators.items():
        derived = book.get(unit.pk, indicator, period)
        before = book.get(unit.pk, indicator, last_year)
        entered = baselines.get(indicator_id)
        sheet.rows.append(
            SheetRow(
                indicator=indicator,
                actual=actuals.get(indicator_id),
                last_year=before.value if before else None,
                last_year_sample=before is not None and before.sample,
                targets=described.get(indicator_id, []),
                derived=derived.value if derived and derived.kind == "derived" else None,
                is_baseline=indicator_id in marked,
                baseline=None
                if indicator_id not in compared
                else Baseline(
                    period=last_year,
                    actual=entered,
                    value=before.value if before else None,
                    source=(
                        ""
                        if before is None
                        else baseline_source_label(
                            sources.get(entered.pk) if entered else None,
                            derived=before.kind == "derived",
                        )
                    ),
                    proposed=(
                        proposed.get(indicator_id)
                        if before is None and indicator.aggregation == "sum"
                        else None
                    ),
                ),
            )
        )
    sheet.rows.sort(key=lambda row: (row.is_baseline, row.indicator.code))
    return sheet


def target_baseline(target: Target) -> Baseline:
    """The figure a target of `target.unit` is compared with: its same period last year."""
    period = target.period_value.same_period_last_year()
    actual = Actual.objects.filter(
        unit_id=target.unit_id,
        indicator_id=target.indicator_id,
        period=period.code,
        kind=ActualKind.OFFICIAL,
    ).first()
    if actual is None or actual.value is None:
        rows = Actual.objects.filter(
            unit_id=target.unit_id,
            indicator_id=target.indicator_id,
            period__in=[period.code, *(p.code for p in period.parts() + period.quarter_parts())],
        ).values_list("unit_id", "indicator_id", "period", "kind", "value")
        figure = FigureBook(rows, View.BEST).get(target.unit_id, target.indicator, period)
        return Baseline(
            period,
            actual,
            figure.value if figure else None,
            "" if figure is None else baseline_source_label(None, figure.kind == "derived"),
        )
    source = actual.revisions.order_by("-version").values_list("source", flat=True).first()
    return Baseline(period, actual, actual.value, baseline_source_label(source))


def figure_of(unit: Unit, indicator: Indicator, period: Period) -> Decimal | None:
    """The unit's figure of the indicator for the period (official over estimate, or added up
    from its months or quarters); None if there is none. Last year's figure for the warnings
    of the target form (`targets.plausibility`)."""
    codes = {period.code, *(p.code for p in period.parts() + period.quarter_parts())}
    rows = Actual.objects.filter(unit=unit, indicator=indicator, period__in=codes).values_list(
        "unit_id", "indicator_id", "period", "kind", "value"
    )
    return FigureBook(rows, View.BEST).value(unit.pk, indicator, period)


def submissions_to_review(user: AnyUser, period: Period) -> list[Submission]:
    submissions = scope(
        Submission.objects.filter(period=period.code, status=SubmissionStatus.SUBMITTED),
        user,
        Capability.APPROVE_ACTUALS,
        "unit__parent__path",
    )
    return list(submissions.select_related("unit", "submitted_by").order_by("submitted_at"))


def approved_reports(user: AnyUser, period: Period) -> list[Submission]:
    """The approved reports (of either kind) of the period that `user` may reopen."""
    submissions = scope(
        Submission.objects.filter(period=period.code, status=SubmissionStatus.APPROVED),
        user,
        Capability.APPROVE_ACTUALS,
        "unit__parent__path",
    )
    return list(submissions.select_related("unit", "reviewed_by").order_by("unit__name", "kind"))


@dataclass
class PeriodReports:
    """The reports of one period, as the review page lists them under the period's name."""

    period: Period
    submissions: list[Submission]


RECENTLY_APPROVED = 50  # the review page without a period: the last approvals, reopenable


def _by_period(submissions: list[Submission]) -> list[PeriodReports]:
    groups: dict[str, list[Submission]] = {}
    for submission in submissions:
        groups.setdefault(submission.period, []).append(submission)
    periods = sorted((Period.parse(code) for code in groups), reverse=True)
    return [PeriodReports(period, groups[period.code]) for period in periods]


def pending_reports(user: AnyUser) -> list[PeriodReports]:
    """Every submitted report of any period waiting for `user`'s approval, newest period first
    (two queries at most: the reports, with their units and senders)."""
    submissions = scope(
        Submission.objects.filter(status=SubmissionStatus.SUBMITTED),
        user,
        Capability.APPROVE_ACTUALS,
        "unit__parent__path",
    )
    return _by_period(
        list(submissions.select_related("unit", "submitted_by").order_by("unit__name", "kind"))
    )


def recently_approved(user: AnyUser) -> list[PeriodReports]:
    """The last approved reports of any period that `user` may reopen, by period."""
    submissions = scope(
        Submission.objects.filter(status=SubmissionStatus.APPROVED),
        user,
        Capability.APPROVE_ACTUALS,
        "unit__parent__path",
    ).select_related("unit", "reviewed_by")
    latest = list(submissions.order_by("-reviewed_at", "-pk")[:RECENTLY_APPROVED])
    return _by_period(sorted(latest, key=lambda s: (s.unit.name, s.kind)))


@dataclass
class ReportState:
    unit: Unit
    submission: Submission | None  # the estimate's report
    deadline: dt.date | None
    official: Submission | None = None  # the official figures' report, once started

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
        (submission.unit_id, submission.kind): submission
        for submission in Submission.objects.filter(unit__in=units, period=period.code)
    }
    deadlines = {
        deadline.unit.path: deadline.deadline
        for deadline in ReportingDeadline.objects.filter(period=period.code).select_related("unit")
    }

    def deadline_for(unit: Unit) -> dt.date:
        matching = [path for path in deadlines if unit.path.startswith(path)]
        return deadlines[max(matching, key=len)] if matching else default_deadline(period)

    return [
        ReportState(
            unit,
            submissions.get((unit.pk, ActualKind.ESTIMATE)),
            deadline_for(unit),
            submissions.get((unit.pk, ActualKind.OFFICIAL)),
        )
        for unit in units
    ]
