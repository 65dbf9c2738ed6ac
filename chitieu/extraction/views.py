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
from chitieu.core.numbers import NumberFormatError, parse_decimal
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
from chitieu.extraction.services import Accepted, save_reviewed
from chitieu.indicators.selectors import indicators_by_key
from chitieu.targets.selectors import unit_resolution
from chitieu.units.models import Unit
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


def _accepted(
    request: HttpRequest, rows: list[selectors.ReviewRow]
) -> tuple[list[Accepted], list[str]]:
    indicators = indicators_by_key()
    accepted: list[Accepted] = []
    problems: list[str] = []
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


def _posted_reading(request: HttpRequest) -> tuple[Reading, str]:
    """The posted document read (nothing on a first visit; a message if it cannot be read)."""
    if request.method == "POST":
        try:
            return _reading(request)
        except UnreadableText as error:
            messages.error(request, str(error))
    return Reading("", []), ""


def _unit_and_period(request: HttpRequest) -> tuple[Unit | None, Period | None]:
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
    return unit, period


def _save(
    request: AuthenticatedHttpRequest,
    rows: list[selectors.ReviewRow],
    unit: Unit,
    period: Period,
    source: str,
) -> bool:
    """The accepted figures saved as actual figures and targets: whether they were."""
    accepted, problems = _accepted(request, rows)
    resolution = unit_resolution(unit, request.POST.get("resolution"))
    try:
        if problems:
            raise ValidationError(problems)
        saved, targets = save_reviewed(
            actor=request.user,
            unit=unit,
            period=period.code,
            actual_kind=request.POST.get("actual_kind", ActualKind.ESTIMATE),
            rows=accepted,
            source=f"Trích từ văn bản: {source}",
            resolution=resolution,
            issuer=request.POST.get("issuer", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    counts = {"a": saved, "t": targets}
    messages.success(request, _("Saved %(a)s actual figures and %(t)s targets.") % counts)
    return True


def _upload_name(request: HttpRequest) -> str:
    upload = request.FILES.get("docx")
    return (upload.name or "") if upload is not None else ""


@login_required
def review(request: AuthenticatedHttpRequest) -> HttpResponse:
    reading, blocks = _posted_reading(request)
    document = request.POST.get("document", "") or _upload_name(request)
    unit, period = _unit_and_period(request)
    page = selectors.review_page(reading, unit, period, check=request.POST.get("mode") == "check")
    if request.POST.get("action") == "save" and unit is not None and period is not None:
        source = request.POST.get("title") or document or reading.text[:80]
        if _save(request, page.rows, unit, period, source):
            return redirect("actuals_entry", unit_pk=unit.pk, period=period.code)
    context = {
        "text": reading.text,
        "blocks": blocks,
        "document": document,
        "unit": unit,
        "period": period,
        "kinds": ActualKind.choices,
        "rows": page.rows,
        "check": page.check,
        "highlighted": page.highlighted,
        "differences": page.differences,
        "indicators": page.indicators,
        "resolutions": page.resolutions,
    }
    return render(request, "extraction/review.html", context)
