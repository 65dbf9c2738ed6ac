"""The review page: a text in, its figures highlighted and listed; accepted figures saved as
actual figures or targets; or, in check mode, compared with what the system holds."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from chitieu.actuals.models import ActualKind
from chitieu.core import files
from chitieu.core.numbers import NumberFormatError, format_decimal, parse_decimal
from chitieu.core.periods import Period, PeriodError
from chitieu.extraction import selectors
from chitieu.extraction.reading import text_of_docx
from chitieu.extraction.services import Accepted, save_reviewed
from chitieu.indicators.models import Indicator
from chitieu.targets.models import Resolution
from chitieu.units.selectors import access_unit


def _text(request: HttpRequest) -> str:
    upload = request.FILES.get("docx")
    if upload is not None:
        problem = files.upload_problem(upload, files.WORD_TEXT)
        if problem:
            messages.error(request, problem)
            return ""
        return text_of_docx(upload)
    return request.POST.get("text", "")


def _accepted(request: HttpRequest, rows) -> tuple[list[Accepted], list[str]]:
    indicators = {str(i.pk): i for i in Indicator.objects.all()}
    accepted, problems = [], []
    for row in rows:
        if not request.POST.get(f"accept_{row.index}"):
            continue
        number = row.index + 1
        indicator = indicators.get(request.POST.get(f"indicator_{row.index}", ""))
        if indicator is None:
            problems.append(_("Figure %(n)s: choose an indicator.") % {"n": number})
            continue
        try:
            value = parse_decimal(request.POST.get(f"value_{row.index}", ""))
        except NumberFormatError as error:
            problems.append(f"{_('Figure')} {number}: {error}")
            continue
        role = "target" if request.POST.get(f"role_{row.index}") == "target" else "actual"
        accepted.append(
            Accepted(indicator, value, role, row.figure.kind, row.figure.bound, row.figure.quote)
        )
    return accepted, problems


@login_required
def review(request: HttpRequest) -> HttpResponse:
    text = _text(request) if request.method == "POST" else ""
    unit = period = None
    if request.POST.get("unit"):
        unit = access_unit(request.user, request.POST["unit"])
    try:
        period = (
            Period.parse(request.POST.get("period", "")) if request.POST.get("period") else None
        )
    except PeriodError as error:
        messages.error(request, str(error))
    rows = selectors.review_rows(text) if text.strip() else []
    check = request.POST.get("mode") == "check" and unit is not None and period is not None
    if check and unit is not None and period is not None:
        selectors.with_stored_values(rows, unit, period)
    if request.POST.get("action") == "save" and unit is not None and period is not None:
        accepted, problems = _accepted(request, rows)
        resolution = Resolution.objects.filter(
            pk=request.POST.get("resolution") or 0, unit=unit
        ).first()
        try:
            if problems:
                raise ValidationError(problems)
            saved, targets = save_reviewed(
                actor=request.user,
                unit=unit,
                period=period.code,
                actual_kind=request.POST.get("actual_kind", ActualKind.ESTIMATE),
                rows=accepted,
                source=f"Trích từ văn bản: {request.POST.get('title') or text[:80]}",
                resolution=resolution,
                issuer=request.POST.get("issuer", ""),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Saved %(a)s actual figures and %(t)s targets.") % {"a": saved, "t": targets},
            )
            return redirect("actuals_entry", unit_pk=unit.pk, period=period.code)
    context = {
        "text": text,
        "rows": rows,
        "unit": unit,
        "period": period,
        "check": check,
        "highlighted": selectors.highlighted(text, rows) if rows else "",
        "indicators": Indicator.objects.filter(is_active=True).order_by("code"),
        "resolutions": Resolution.objects.filter(unit=unit).order_by("-date") if unit else [],
        "kinds": ActualKind.choices,
        "format_decimal": format_decimal,
        "differences": [row for row in rows if row.differs],
    }
    return render(request, "extraction/review.html", context)
