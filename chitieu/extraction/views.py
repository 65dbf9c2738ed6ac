"""The review page: a text in, its figures highlighted and listed; accepted figures saved as
actual figures or targets; or, in check mode, compared with what the system holds."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from chitieu.accounts.permissions import Capability
from chitieu.actuals.models import ActualKind
from chitieu.core import files
from chitieu.core.http import AuthenticatedHttpRequest
from chitieu.core.numbers import NumberFormatError, format_decimal, parse_decimal
from chitieu.core.periods import Period, PeriodError
from chitieu.extraction import selectors
from chitieu.extraction.documents import Reading, extract_blocks
from chitieu.extraction.encodings import UnreadableText, clean
from chitieu.extraction.reading import (
    MAX_BYTES,
    pack,
    paragraphs_of_text,
    read_blocks,
    unpack,
)
from chitieu.extraction.selectors import ReviewRow
from chitieu.extraction.services import Accepted, save_reviewed
from chitieu.indicators.models import Indicator
from chitieu.targets.models import Resolution
from chitieu.units.selectors import access_unit

# What a unit's report may be, read from its content (chitieu.core.files); text by its name.
REPORT_FILE = files.UploadRule((files.PDF, files.DOCX, files.XLSX), MAX_BYTES)


def _reading(request: HttpRequest) -> tuple[Reading, str]:
    """The document of the request read into figures, and its blocks as JSON for the next step.
    An upload is read as a file; a document read before comes back as its blocks, as long as
    its text was not edited; anything else is the text as typed."""
    upload = request.FILES.get("docx")
    if upload is not None:
        if Path(upload.name or "").suffix.lower() != ".txt":  # text has no magic bytes
            problem = files.upload_problem(upload, REPORT_FILE)
            if problem:
                raise UnreadableText(problem)
        elif upload.size and upload.size > REPORT_FILE.max_bytes:
            raise UnreadableText(
                _("The file is larger than %(n)s MB.") % {"n": REPORT_FILE.max_bytes // files.MiB}
            )
        blocks = read_blocks(upload.read(), upload.name or "")
    else:
        text = clean(request.POST.get("text", "").replace("\r\n", "\n"))
        if request.POST.get("blocks"):
            try:
                blocks = unpack(request.POST["blocks"])
            except ValueError:
                blocks = []
            reading = extract_blocks(blocks)
            if blocks and reading.text.strip() == text.strip():  # a textarea drops a first newline
                return reading, request.POST["blocks"]
        blocks = paragraphs_of_text(text)
    return extract_blocks(blocks), pack(blocks)


def _accepted(request: HttpRequest, rows: list[ReviewRow]) -> tuple[list[Accepted], list[str]]:
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
        figure = row.figure
        accepted.append(
            Accepted(
                indicator, value, role, figure.kind, figure.bound, figure.quote, figure.cell or ""
            )
        )
    return accepted, problems


@login_required
def review(request: AuthenticatedHttpRequest) -> HttpResponse:
    reading, blocks = Reading("", []), ""
    if request.method == "POST":
        try:
            reading, blocks = _reading(request)
        except UnreadableText as error:
            messages.error(request, str(error))
    text = reading.text
    upload = request.FILES.get("docx")
    document = request.POST.get("document", "") or (upload.name if upload is not None else "")
    unit = period = None
    if request.POST.get("unit"):
        # Saving writes the unit's figures: only those who enter them may (accounts.permissions).
        need = Capability.ENTER_ACTUALS if request.POST.get("action") == "save" else Capability.VIEW
        unit = access_unit(request.user, request.POST["unit"], need)
    try:
        period = (
            Period.parse(request.POST.get("period", "")) if request.POST.get("period") else None
        )
    except PeriodError as error:
        messages.error(request, str(error))
    rows = selectors.review_rows(reading.figures)
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
                source=f"Trích từ văn bản: {request.POST.get('title') or document or text[:80]}",
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
        "blocks": blocks,
        "document": document,
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
