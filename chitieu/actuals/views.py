"""Data entry for a unit's own figures, inline number checks, and the review by the level above."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chitieu.accounts.permissions import Capability, can_approve, has_capability
from chitieu.actuals import exports, selectors, services
from chitieu.actuals.excel import entry_workbook
from chitieu.actuals.models import ActualKind
from chitieu.core.dates import DateFormatError, parse_date
from chitieu.core.excel import XLSX
from chitieu.core.http import AuthenticatedHttpRequest
from chitieu.core.jobs import JobNotStarted, job_start
from chitieu.core.numbers import NumberFormatError, check_decimal, format_decimal, parse_decimal
from chitieu.core.periods import Period, PeriodError, period_choices
from chitieu.indicators.selectors import indicator_by_key
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


def _kind(request: HttpRequest) -> str:
    kind = request.GET.get("kind", ActualKind.ESTIMATE)
    if kind not in ActualKind.values:
        raise Http404
    return kind


def _read_values(
    request: HttpRequest, sheet: selectors.Sheet
) -> tuple[list[services.ValueInput], list[str]]:
    """The typed values, or the list of problems naming each row; nothing is saved on error."""
    values: list[services.ValueInput] = []
    problems: list[str] = []
    for row in sheet.rows:
        raw = request.POST.get(f"value_{row.indicator.pk}", "").strip()
        field = f"{row.indicator.code} · {row.indicator.name}"
        try:
            value = parse_decimal(raw, field=field) if raw else None
            services.actual_value_check(row.indicator, value, field=field)
        except NumberFormatError as error:
            problems.append(str(error))
            continue
        except ValidationError as error:
            problems.extend(error.messages)
            continue
        version_text = request.POST.get(f"version_{row.indicator.pk}", "0").strip() or "0"
        if not (version_text.isascii() and version_text.isdigit()):
            problems.append(f"{field}: phiên bản “{version_text[:20]}” không hợp lệ.")
            continue
        values.append(services.ValueInput(row.indicator, value, int(version_text)))
    return values, problems


def _save_entry(request: AuthenticatedHttpRequest, sheet: selectors.Sheet) -> list[str]:
    """The posted sheet saved (and submitted, if asked): the problems, none when it was saved."""
    values, problems = _read_values(request, sheet)
    if problems:
        return problems
    unit, period = sheet.unit, sheet.period.code
    try:
        services.actuals_save(
            actor=request.user, unit=unit, period=period, kind=sheet.kind, values=values
        )
        if "submit" in request.POST:
            services.submission_submit(actor=request.user, unit=unit, period=period)
            messages.success(request, _("The report was submitted for approval."))
        else:
            messages.success(request, _("The figures were saved as a draft."))
    except ValidationError as error:
        return error.messages
    return []


@login_required
def entry(request: AuthenticatedHttpRequest, unit_pk: int, period: str) -> HttpResponse:
    unit = _entry_unit(request, unit_pk)
    parsed = _period(period)
    kind = _kind(request)
    sheet = selectors.entry_sheet(unit, parsed, kind)
    problems: list[str] = []
    if request.method == "POST":
        problems = _save_entry(request, sheet)
        if not problems:
            return redirect(request.get_full_path())
    context = {
        "sheet": sheet,
        "kind": kind,
        "kinds": ActualKind.choices,
        "problems": problems,
        "posted": request.POST if problems else {},
        "existed": unit.existed_during(parsed.start, parsed.end),
        "periods": period_choices(range(parsed.year - 2, timezone.localdate().year + 2)),
    }
    return render(request, "actuals/entry.html", context)


@login_required
def check_number(request: HttpRequest) -> HttpResponse:
    """Inline validation while typing: the number as it will be saved, or what is wrong."""
    key, raw = next(
        ((key, str(value)) for key, value in request.GET.items() if key.startswith("value_")),
        ("", ""),
    )
    if not raw.strip():
        return HttpResponse("")
    indicator = indicator_by_key(key.removeprefix("value_"))
    try:
        value = parse_decimal(raw)
        if indicator is not None:
            services.actual_value_check(indicator, value)
        else:
            check_decimal(value)
    except (NumberFormatError, ValidationError) as error:
        message = " ".join(getattr(error, "messages", [str(error)]))
        return HttpResponse(format_html('<span class="error">{}</span>', message))
    return HttpResponse(format_html('<span class="ok">✓ {}</span>', format_decimal(value)))


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
    parsed = _period(request.GET.get("period", str(timezone.localdate().year)))
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
        "root": root,
        "to_review": selectors.submissions_to_review(request.user, parsed),
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
    actions = {
        "approve": services.submission_approve,
        "return": services.submission_return,
    }
    try:
        if decision == "reopen":
            services.submission_reopen(
                actor=request.user, unit=unit, period=parsed.code, reason=comment
            )
        elif decision in actions:
            actions[decision](actor=request.user, unit=unit, period=parsed.code, comment=comment)
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
