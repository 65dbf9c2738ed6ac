"""Data entry for a unit's own figures and the review by the level above (the inline number
check of every form is `web.checks.check_number`)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chitieu.accounts.permissions import Capability, can_approve, has_capability
from chitieu.actuals import exports, selectors, services
from chitieu.actuals.excel import entry_workbook
from chitieu.actuals.models import ActualKind
from chitieu.actuals.sheet_input import SheetInput
from chitieu.core.dates import DateFormatError, parse_date
from chitieu.core.excel import XLSX
from chitieu.core.http import AuthenticatedHttpRequest, is_htmx
from chitieu.core.jobs import JobNotStarted, job_start
from chitieu.core.numbers import NumberFormatError, parse_decimal
from chitieu.core.periods import Period, PeriodError, period_choices
from chitieu.indicators.models import Indicator
from chitieu.targets.models import Target
from chitieu.targets.selectors import access_target
from chitieu.units.models import Unit
from chitieu.units.selectors import access_unit


def _period(code: str) -> Period:
    try:
        return Period.parse(code)
    except PeriodError as error:
        raise Http404 from error


def _entry_unit(request: HttpRequest, unit_pk: int) -> Unit:
    """The unit whose figures the user may enter (404 outside the user's units, 403 without
    the right to enter)."""
    unit = access_unit(request.user, unit_pk)
    if not has_capability(request.user, Capability.ENTER_ACTUALS, unit):
        raise PermissionDenied
    return unit


def _last_entry_year(unit: Unit) -> int:
    """The last year the sheet offers: next year, or the year a unit merged away ended."""
    last = timezone.localdate().year + 1
    return min(last, unit.valid_to.year) if unit.valid_to else last


def _kind(request: HttpRequest) -> str:
    kind = request.GET.get("kind", ActualKind.ESTIMATE)
    if kind not in ActualKind.values:
        raise Http404
    return kind


def _read_one(
    request: HttpRequest,
    indicator: Indicator,
    name: str,
    label: str,
    problems: list[str],
) -> tuple[Decimal | None, int] | None:
    """The value typed in `value_<name>` and its version `version_<name>`; None (with the
    problem named) when either is wrong."""
    raw = request.POST.get(f"value_{name}", "").strip()
    field = f"{label}{indicator.code} · {indicator.name}"
    try:
        value = parse_decimal(raw, field=field) if raw else None
        services.actual_value_check(indicator, value, field=field)
    except NumberFormatError as error:
        problems.append(str(error))
        return None
    except ValidationError as error:
        problems.extend(error.messages)
        return None
    version_text = request.POST.get(f"version_{name}", "0").strip() or "0"
    if not (version_text.isascii() and version_text.isdigit() and len(version_text) < 10):
        problems.append(f"{field}: phiên bản “{version_text[:20]}” không hợp lệ.")
        return None
    return value, int(version_text)


def _read_values(request: HttpRequest, sheet: selectors.Sheet) -> SheetInput:
    """The typed values, or the list of problems naming each row; nothing is saved on error.
    Only the fields the sheet offers are read (a posted sub-unit or baseline it does not show
    is ignored)."""
    posted = SheetInput()
    for row in sheet.rows:
        read = _read_one(request, row.indicator, str(row.indicator.pk), "", posted.problems)
        if read is not None:
            posted.values.append(services.ValueInput(row.indicator, *read))
        baseline = row.baseline
        if (
            baseline is None
            or not baseline.editable
            or f"value_{row.base_name}" not in request.POST
        ):
            continue
        label = f"Cùng kỳ {baseline.period.label}, "
        read = _read_one(request, row.indicator, row.base_name, label, posted.problems)
        if read is not None:
            posted.add_baseline(row, *read)
    for section in sheet.subunit_sections:
        indicator = section.target.indicator
        for entry in section.entries:
            if f"value_{entry.name}" not in request.POST:
                continue
            label = f"{entry.unit.name}, "
            read = _read_one(request, indicator, entry.name, label, posted.problems)
            if read is not None:
                posted.add_subunit(entry.unit, indicator, *read)
    return posted


def _warnings(sheet: selectors.Sheet, values: list[services.ValueInput]) -> list[str]:
    """What looks wrong in the typed values (shown before saving; "Lưu dù vậy" saves them)."""
    last_year = {row.indicator.pk: row.last_year for row in sheet.rows}
    return [
        warning
        for item in values
        for warning in services.actual_warnings(
            item.indicator, item.value, last_year=last_year.get(item.indicator.pk)
        )
    ]


def _save_entry(
    request: AuthenticatedHttpRequest, sheet: selectors.Sheet
) -> tuple[list[str], list[str]]:
    """The posted sheet saved (and submitted, if asked): its problems, and its warnings (what
    looks wrong, until the user ticks "Lưu dù vậy"); both empty when it was saved."""
    posted = _read_values(request, sheet)
    if posted.problems:
        return posted.problems, []
    warnings = [] if request.POST.get("confirm_implausible") else _warnings(sheet, posted.values)
    if warnings:
        return [], warnings
    unit, period = sheet.unit, sheet.period.code
    try:
        services.sheet_save(
            actor=request.user,
            unit=unit,
            period=period,
            kind=sheet.kind,
            values=posted.values,
            baselines=posted.baselines,
            subunit_values=posted.subunits,
            baseline_source=selectors.BASELINE_FROM_UNIT,
        )
        if "submit" in request.POST:
            services.submission_submit(
                actor=request.user, unit=unit, period=period, kind=sheet.kind
            )
            messages.success(request, _("The report was submitted for approval."))
        else:
            messages.success(request, _("The figures were saved as a draft."))
    except ValidationError as error:
        return error.messages, []
    return [], []


@login_required
def entry(request: AuthenticatedHttpRequest, unit_pk: int, period: str) -> HttpResponse:
    unit = _entry_unit(request, unit_pk)
    parsed = _period(period)
    kind = _kind(request)
    sheet = selectors.entry_sheet(unit, parsed, kind)
    problems: list[str] = []
    warnings: list[str] = []
    if request.method == "POST":
        problems, warnings = _save_entry(request, sheet)
        if not problems and not warnings:
            return redirect(request.get_full_path())
    context = {
        "sheet": sheet,
        "kind": kind,
        "kinds": ActualKind.choices,
        "kind_label": ActualKind(kind).label,
        "problems": problems,
        "warnings": warnings,
        "posted": request.POST if problems or warnings else {},
        "existed": unit.existed_during(parsed.start, parsed.end),
        "periods": period_choices(range(parsed.year - 2, _last_entry_year(unit) + 1)),
        "can_reopen": can_approve(request.user, unit),
    }
    return render(request, "actuals/entry.html", context)


def _set_deadline(request: AuthenticatedHttpRequest, root: Unit, period: Period) -> None:
    try:
        services.deadline_set(
            actor=request.user,
            unit=root,
            period=period.code,
            deadline=parse_date(request.POST.get("deadline", "")),
        )
    except (ValidationError, DateFormatError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("The deadline was saved."))


@login_required
def review(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Without a period: every report waiting for the user's approval, of every period; with
    one, that period's reports (and, for a unit, the state of each report under it)."""
    asked = request.GET.get("period")
    chosen = _period(asked) if asked else None
    parsed = chosen or Period.year_of(timezone.localdate().year)
    root_id = request.GET.get("root")
    root = access_unit(request.user, root_id) if root_id else None
    if request.method == "POST" and root is not None:
        _set_deadline(request, root, parsed)
        return redirect(request.get_full_path())
    shown = selectors.report_states(request.user, root, parsed) if root else None
    if request.GET.get("format") == "xlsx" and root is not None and shown is not None:
        return exports.report_states_workbook(root, parsed, shown)
    context = {
        "period": parsed,
        "chosen": chosen,
        "root": root,
        "pending": selectors.pending_reports(request.user) if chosen is None else None,
        "recent": selectors.recently_approved(request.user) if chosen is None else None,
        "to_review": selectors.submissions_to_review(request.user, parsed) if chosen else [],
        "approved": selectors.approved_reports(request.user, parsed) if chosen else [],
        "states": shown,
        # Forms shown only where the rules allow them (accounts.permissions).
        "can_set_deadline": root is not None
        and has_capability(request.user, Capability.APPROVE_ACTUALS, root),
        "reopenable": {st.unit.pk for st in shown or [] if can_approve(request.user, st.unit)},
        "periods": period_choices(range(parsed.year - 3, timezone.localdate().year + 2)),
    }
    return render(request, "actuals/review.html", context)


@login_required
@require_POST
def decide(
    request: AuthenticatedHttpRequest, unit_pk: int, period: str, decision: str
) -> HttpResponse:
    unit = access_unit(request.user, unit_pk)
    parsed = _period(period)
    comment = request.POST.get("comment", "")
    kind = request.POST.get("kind", ActualKind.ESTIMATE)
    actions = {
        "approve": services.submission_approve,
        "return": services.submission_return,
    }
    try:
        if decision == "reopen":
            services.submission_reopen(
                actor=request.user, unit=unit, period=parsed.code, reason=comment, kind=kind
            )
        elif decision in actions:
            actions[decision](
                actor=request.user, unit=unit, period=parsed.code, comment=comment, kind=kind
            )
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Done: %(unit)s, %(period)s.") % {"unit": unit.name, "period": parsed.label}
        )
    return redirect(_next_url(request))


def _next_url(request: HttpRequest) -> str:
    """Where the form asked to go back to, if it is this site; else the review page."""
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return reverse("actuals_review")
    return next_url


@login_required
def entry_template(request: HttpRequest, unit_pk: int, period: str) -> HttpResponse:
    unit = _entry_unit(request, unit_pk)
    parsed = _period(period)
    kind = _kind(request)
    content = entry_workbook(selectors.entry_sheet(unit, parsed, kind))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="so-lieu-{unit.pk}-{parsed.code}-{kind}.xlsx"'
    )
    return response


@login_required
@require_POST
def entry_upload(request: AuthenticatedHttpRequest, unit_pk: int, period: str) -> HttpResponse:
    unit = _entry_unit(request, unit_pk)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose an Excel file."))
        return redirect("actuals_entry", unit_pk=unit.pk, period=period)
    try:
        job = job_start(
            actor=request.user,
            kind="actuals_import",
            parameters={"unit": unit.pk, "period": period},
            upload=upload,
        )
    except JobNotStarted as error:
        messages.error(request, " ".join(error.messages))
        return redirect("actuals_entry", unit_pk=unit.pk, period=period)
    return redirect("job_detail", pk=job.pk)


def _baseline_context(request: HttpRequest, target: Target, problems: list[str]) -> dict:
    return {
        "target": target,
        "baseline": selectors.target_baseline(target),
        "can_enter": services.may_enter_baseline(request.user, target.unit),
        "problems": problems,
    }


@login_required
def target_baseline(request: AuthenticatedHttpRequest, target_pk: int) -> HttpResponse:
    """Beside a target on its resolution's page: the figure it is compared with (the same
    period last year), its source, and a field to type it (planners and reporters of the unit).
    An htmx request gets the cell back; a plain form goes back to the resolution."""
    target = access_target(request.user, target_pk)
    problems: list[str] = []
    if request.method == "POST":
        problems = _save_target_baseline(request, target)
        if not problems and not is_htmx(request):
            messages.success(request, _("The figure of the same period last year was saved."))
            return redirect("resolution_detail", pk=target.resolution_id)
    context = _baseline_context(request, target, problems)
    return render(request, "actuals/baseline_cell.html", context)


def _save_target_baseline(request: AuthenticatedHttpRequest, target: Target) -> list[str]:
    problems: list[str] = []
    read = _read_one(request, target.indicator, "base", "Số liệu cùng kỳ, ", problems)
    if read is None:
        return problems
    try:
        services.baselines_save(
            actor=request.user,
            unit=target.unit,
            period=target.period,
            values=[services.BaselineInput(target.indicator, *read)],
            source=selectors.BASELINE_WITH_TARGET,
        )
    except ValidationError as error:
        return error.messages
    return []
