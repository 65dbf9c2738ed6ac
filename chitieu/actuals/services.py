"""Writes to actual figures and submissions: scoped, audited, atomic, and safe against two
people saving the same value (the later save is refused, showing the other value)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from chitieu.accounts.permissions import (
    Capability,
    PermissionDenied,
    can_approve,
    has_capability,
    require,
)
from chitieu.actuals.models import (
    EDITABLE_STATUSES,
    Actual,
    ActualKind,
    ActualRevision,
    Submission,
    SubmissionStatus,
)
from chitieu.core.audit import audited, record_change, record_creation, snapshot
from chitieu.core.dates import format_date
from chitieu.core.models import ChangeAction
from chitieu.core.numbers import (
    NumberFormatError,
    Reference,
    check_decimal,
    format_decimal,
    implausibilities,
)
from chitieu.core.periods import Period
from chitieu.core.users import Actor, AnyUser
from chitieu.indicators.models import Indicator
from chitieu.units.models import Unit


class StaleValueError(ValidationError):
    """Someone else saved these values after the form was opened (or the workbook was made).
    `others` describes, by indicator id, each newer value and who saved it."""

    def __init__(self, messages: list[str], others: dict[int, str]):
        super().__init__(messages)
        self.others = others


@dataclass(frozen=True)
class ValueInput:
    indicator: Indicator
    value: Decimal | None
    expected_version: int  # 0: the value did not exist when the form was opened


def actual_value_check(indicator: Indicator, value: Decimal | None, *, field: str = "") -> None:
    """The one bound of every actual figure, whatever path it came by (sheet, Excel, API JSON
    and CSV, figures from text): it fits the column (20 digits, 6 places) and the indicator's
    own limits (a share in 0–100, a count whole and not negative). `field` names where the
    value was typed (default: the indicator); the ValidationError's message is for the user."""
    if value is None:
        return
    try:
        check_decimal(
            value,
            indicator.value_bounds(),
            field=field or f"{indicator.code} · {indicator.name}",
        )
    except NumberFormatError as error:
        raise ValidationError(str(error), code="out_of_bounds") from error


def actual_warnings(
    indicator: Indicator, value: Decimal | None, *, last_year: Decimal | None, field: str = ""
) -> list[str]:
    """What looks wrong in a figure without being impossible (`core.numbers.implausibilities`):
    a percentage over 100% where the indicator sets no highest value, a figure a thousand
    times the same period's last year or a thousandth of it. Warned about, never refused."""
    references = [] if last_year is None else [Reference("cùng kỳ năm trước", last_year)]
    return implausibilities(
        value,
        percent=indicator.is_percentage and indicator.maximum is None,
        references=references,
        field=field or f"{indicator.code} · {indicator.name}",
    )


def _check_kind(kind: str) -> None:
    if kind not in ActualKind.values:
        raise ValidationError({"kind": "Loại số liệu không hợp lệ."})


def _submission_for_update(actor: Actor, unit: Unit, period: str, kind: str) -> Submission:
    """The unit's report of the period and kind, locked; the first save creates it (audited)."""
    _check_kind(kind)
    submission, created = Submission.objects.get_or_create(unit=unit, period=period, kind=kind)
    if created:
        record_creation(actor=actor, instance=submission, scope_path=unit.path)
    return Submission.objects.select_for_update(of=("self",)).get(pk=submission.pk)


def _describe_other(actual: Actual) -> str:
    who = actual.updated_by.get_username() if actual.updated_by else "người khác"
    value = "(trống)" if actual.value is None else format_decimal(actual.value)
    moment = timezone.localtime(actual.updated_at)
    return f"{value}, do {who} lưu lúc {moment:%H:%M} {format_date(moment.date())}"


@audited
def actuals_save(
    *,
    actor: Actor,
    unit: Unit,
    period: str,
    kind: str,
    values: list[ValueInput],
    source: str = "",
    quote: str = "",
    comment: str = "",
    sample: bool = False,
) -> list[Actual]:
    """Save the figures of one unit for one period, all or none (`sample`: generated demo data,
    shown as "mẫu")."""
    parsed = Period.parse(period)
    if not unit.existed_during(parsed.start, parsed.end):
        raise ValidationError(
            f"{unit.name} không tồn tại trong kỳ {parsed.label} (đơn vị tồn tại "
            f"{unit.lifetime_text()}): không nhập được số liệu cho kỳ này."
        )
    _check_kind(kind)
    require(actor, Capability.ENTER_ACTUALS, unit)
    problems: list[str] = []
    for item in values:
        try:
            actual_value_check(item.indicator, item.value)
        except ValidationError as error:
            problems.extend(error.messages)
    if problems:
        raise ValidationError(problems)
    saved: list[Actual] = []
    with transaction.atomic():
        submission = _submission_for_update(actor, unit, period, kind)
        if submission.status not in EDITABLE_STATUSES:
            raise ValidationError(
                f"Báo cáo {submission.get_kind_display().lower()} {Period.parse(period).label} "
                f"của {unit.name} đang ở trạng thái "
                f"“{submission.get_status_display()}”, không sửa được số liệu."
            )
        _refuse_stale(unit, period, kind, values)
        for item in values:
            actual = _save_one(actor, unit, period, kind, item, source, quote, comment, sample)
            if actual is not None:
                saved.append(actual)
    return saved


def _refuse_stale(unit: Unit, period: str, kind: str, values: list[ValueInput]) -> None:
    """The stale-value rule, checked on every value before any is saved (under the report's
    lock): each value changed since it was read is named with the newer value and its author."""
    current = {
        actual.indicator_id: actual
        for actual in Actual.objects.select_for_update(of=("self",))
        .filter(unit=unit, period=period, kind=kind, indicator__in=[v.indicator for v in values])
        .select_related("updated_by")
    }
    messages: list[str] = []
    others: dict[int, str] = {}
    for item in values:
        actual = current.get(item.indicator.pk)
        if (actual.version if actual else 0) != item.expected_version:
            assert actual is not None
            others[item.indicator.pk] = _describe_other(actual)
            messages.append(
                f"{item.indicator.name}: giá trị vừa được thay đổi thành "
                f"{others[item.indicator.pk]}. Số liệu của bạn chưa được lưu; "
                "hãy xem lại và lưu lại."
            )
    if messages:
        raise StaleValueError(messages, others)


def _save_one(
    actor: Actor,
    unit: Unit,
    period: str,
    kind: str,
    item: ValueInput,
    source: str,
    quote: str,
    comment: str,
    sample: bool = False,
) -> Actual | None:
    """Save one value; a value typed over a sample one is no longer sample data."""
    actual = (
        Actual.objects.select_for_update(of=("self",))
        .filter(unit=unit, indicator=item.indicator, period=period, kind=kind)
        .select_related("updated_by")
        .first()
    )
    if actual is not None and actual.value == item.value:
        return None
    before = snapshot(actual) if actual else None
    if actual is None:
        if item.value is None:
            return None
        try:
            with transaction.atomic():
                actual = Actual.objects.create(
                    unit=unit,
                    indicator=item.indicator,
                    period=period,
                    kind=kind,
                    value=item.value,
                    updated_by=actor,
                    is_sample=sample,
                )
        except IntegrityError as error:  # created by someone else a moment ago
            raise StaleValueError(
                [f"{item.indicator.name}: người khác vừa nhập giá trị này. Hãy tải lại trang."],
                {item.indicator.pk: "giá trị người khác vừa nhập"},
            ) from error
    else:
        actual.value = item.value
        actual.version += 1
        actual.updated_by = actor
        actual.is_sample = sample
        actual.save()
    ActualRevision.objects.create(
        actual=actual,
        version=actual.version,
        value=actual.value,
        author=actor,
        source=source,
        quote=quote,
        comment=comment,
    )
    record_change(
        actor=actor,
        action=ChangeAction.CREATE if before is None else ChangeAction.UPDATE,
        instance=actual,
        before=before,
        after=snapshot(actual),
        reason=comment or source,
        scope_path=unit.path,
    )
    return actual


def _transition(
    *,
    actor: Actor,
    unit: Unit,
    period: str,
    kind: str,
    allowed_from: tuple[str, ...],
    to: str,
    verb: str,
    comment: str = "",
) -> Submission:
    Period.parse(period)
    with transaction.atomic():
        submission = _submission_for_update(actor, unit, period, kind)
        if submission.status not in allowed_from:
            raise ValidationError(
                f"Không thể {verb} báo cáo {submission.get_kind_display().lower()} đang ở trạng "
                f"thái “{submission.get_status_display()}”."
            )
        before = snapshot(submission)
        now = timezone.now()
        submission.status = to
        if to == SubmissionStatus.SUBMITTED:
            submission.submitted_by, submission.submitted_at = actor, now
        else:
            submission.reviewed_by, submission.reviewed_at = actor, now
        submission.comment = comment
        submission.save()
        record_change(
            actor=actor,
            action=ChangeAction.ACTION,
            verb=verb,
            instance=submission,
            before=before,
            after=snapshot(submission),
            reason=comment,
            scope_path=unit.path,
        )
    return submission


@audited
def submission_submit(
    *, actor: Actor, unit: Unit, period: str, kind: str = ActualKind.ESTIMATE
) -> Submission:
    require(actor, Capability.ENTER_ACTUALS, unit)
    parsed = Period.parse(period)
    if not unit.existed_during(parsed.start, parsed.end):
        raise ValidationError(
            f"{unit.name} không tồn tại trong kỳ {parsed.label} (đơn vị tồn tại "
            f"{unit.lifetime_text()}): không gửi được báo cáo kỳ này."
        )
    return _transition(
        actor=actor,
        unit=unit,
        period=period,
        kind=kind,
        allowed_from=EDITABLE_STATUSES,
        to=SubmissionStatus.SUBMITTED,
        verb="gửi",
    )


def _require_level_above(actor: Actor, unit: Unit) -> None:
    """Approval belongs to the level above the reporting unit."""
    if can_approve(actor, unit):
        return
    if unit.parent_id is None:
        raise PermissionDenied("Chỉ quản trị hệ thống được duyệt báo cáo cấp tỉnh.")
    raise PermissionDenied(f"Bạn không có quyền duyệt báo cáo của {unit.name}.")


@audited
def submission_approve(
    *,
    actor: Actor,
    unit: Unit,
    period: str,
    comment: str = "",
    kind: str = ActualKind.ESTIMATE,
) -> Submission:
    """Approve (and lock) the report of one kind; the other kind stays as it is."""
    _require_level_above(actor, unit)
    return _transition(
        actor=actor,
        unit=unit,
        period=period,
        kind=kind,
        allowed_from=(SubmissionStatus.SUBMITTED,),
        to=SubmissionStatus.APPROVED,
        verb="duyệt",
        comment=comment,
    )


@audited
def submission_return(
    *, actor: Actor, unit: Unit, period: str, comment: str, kind: str = ActualKind.ESTIMATE
) -> Submission:
    _require_level_above(actor, unit)
    if not comment.strip():
        raise ValidationError({"comment": "Hãy ghi lý do trả lại báo cáo."})
    return _transition(
        actor=actor,
        unit=unit,
        period=period,
        kind=kind,
        allowed_from=(SubmissionStatus.SUBMITTED,),
        to=SubmissionStatus.RETURNED,
        verb="trả lại",
        comment=comment.strip(),
    )


@audited
def submission_reopen(
    *, actor: Actor, unit: Unit, period: str, reason: str, kind: str = ActualKind.ESTIMATE
) -> Submission:
    """Unlock an approved report of one kind so that its figures can be corrected; the reason
    is kept (on the report and in the audit)."""
    _require_level_above(actor, unit)
    if not reason.strip():
        raise ValidationError({"comment": "Hãy ghi lý do mở lại báo cáo đã duyệt."})
    return _transition(
        actor=actor,
        unit=unit,
        period=period,
        kind=kind,
        allowed_from=(SubmissionStatus.APPROVED,),
        to=SubmissionStatus.RETURNED,
        verb="mở lại",
        comment=reason.strip(),
    )


@audited
def deadline_set(*, actor: Actor, unit: Unit, period: str, deadline: dt.date) -> None:
    """When the units under `unit` must submit their report for `period`."""
    from chitieu.actuals.models import ReportingDeadline

    Period.parse(period)
    require(actor, Capability.APPROVE_ACTUALS, unit)
    with transaction.atomic():
        existing = (
            ReportingDeadline.objects.select_for_update(of=("self",))
            .filter(unit=unit, period=period)
            .first()
        )
        before = snapshot(existing) if existing else None
        row = existing or ReportingDeadline(unit=unit, period=period, deadline=deadline)
        row.deadline = deadline
        row.save()
        record_change(
            actor=actor,
            action=ChangeAction.UPDATE if before else ChangeAction.CREATE,
            instance=row,
            before=before,
            after=snapshot(row),
            scope_path=unit.path,
        )


@dataclass(frozen=True)
class BaselineInput:
    """The figure of the same period last year (số liệu cùng kỳ) typed for `indicator`."""

    indicator: Indicator
    value: Decimal | None
    expected_version: int
    source: str = ""  # where it came from, when not the call's `source`


def may_enter_baseline(user: AnyUser, unit: Unit) -> bool:
    """The unit's reporters and the planners of the unit (who set its targets) enter the
    figures of the same period last year."""
    return has_capability(user, Capability.ENTER_ACTUALS, unit) or has_capability(
        user, Capability.MANAGE_TARGETS, unit
    )


def _may_enter_baseline(actor: Actor, unit: Unit) -> None:
    if not may_enter_baseline(actor, unit):
        raise PermissionDenied(f"Bạn không nhập được số liệu cùng kỳ của {unit.name}.")


@audited
def baselines_save(
    *,
    actor: Actor,
    unit: Unit,
    period: str,
    values: list[BaselineInput],
    source: str,
    sample: bool = False,
) -> list[Actual]:
    """Save the figures of the same period last year of `period` (the comparison of growth and
    change targets) as official figures of that period, all or none. A unit created in the
    middle of the last year (or after it) has them too: they are the figures of its area,
    not a report of the unit, so the unit's lifetime only has to cover `period`. A last year's
    official report that is submitted or approved is not changed here."""
    parsed = Period.parse(period)
    if not unit.existed_during(parsed.start, parsed.end):
        raise ValidationError(
            f"{unit.name} không tồn tại trong kỳ {parsed.label}: không có số liệu cùng kỳ."
        )
    _may_enter_baseline(actor, unit)
    base = parsed.same_period_last_year()
    problems: list[str] = []
    for item in values:
        try:
            actual_value_check(item.indicator, item.value)
        except ValidationError as error:
            problems.extend(error.messages)
    if problems:
        raise ValidationError(problems)
    inputs = [ValueInput(item.indicator, item.value, item.expected_version) for item in values]
    sources = {item.indicator.pk: item.source or source for item in values}
    saved: list[Actual] = []
    with transaction.atomic():
        report = (
            Submission.objects.select_for_update(of=("self",))
            .filter(unit=unit, period=base.code, kind=ActualKind.OFFICIAL)
            .first()
        )
        if report is not None and not report.is_editable:
            raise ValidationError(
                f"Báo cáo chính thức {base.label} của {unit.name} đang ở trạng thái "
                f"“{report.get_status_display()}”: số liệu cùng kỳ không sửa được ở đây."
            )
        _refuse_stale(unit, base.code, ActualKind.OFFICIAL, inputs)
        for entry in inputs:
            actual = _save_one(
                actor,
                unit,
                base.code,
                ActualKind.OFFICIAL,
                entry,
                sources[entry.indicator.pk],
                "",
                "",
                sample,
            )
            if actual is not None:
                saved.append(actual)
    return saved


@audited
def sheet_save(
    *,
    actor: Actor,
    unit: Unit,
    period: str,
    kind: str,
    values: list[ValueInput],
    baselines: list[BaselineInput] | None = None,
    subunit_values: dict[Unit, list[ValueInput]] | None = None,
    baseline_source: str = "",
    source: str = "",
) -> int:
    """One entry sheet saved, all or none: the unit's figures, the figures of the same period
    last year typed beside them, and the sub-units' figures typed on the unit's sheet (each
    saved as the sub-unit's own figure, under the same rules as on its own sheet: the user's
    units must include it). The number of figures changed."""
    changed = 0
    with transaction.atomic():
        changed += len(
            actuals_save(
                actor=actor, unit=unit, period=period, kind=kind, values=values, source=source
            )
        )
        if baselines:
            changed += len(
                baselines_save(
                    actor=actor,
                    unit=unit,
                    period=period,
                    values=baselines,
                    source=baseline_source,
                )
            )
        for child, items in (subunit_values or {}).items():
            if child.parent_id != unit.pk and not child.path.startswith(unit.path):
                raise ValidationError(f"{child.name} không phải đơn vị trực thuộc {unit.name}.")
            if items:
                changed += len(
                    actuals_save(
                        actor=actor,
                        unit=child,
                        period=period,
                        kind=kind,
                        values=items,
                        source=source,
                        comment=f"Nhập trên biểu của {unit.name}",
                    )
                )
    return changed
