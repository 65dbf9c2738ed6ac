"""Downloads: a unit's report in Word, PDF and Excel; the overview in Excel."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from chitieu.awards.proposals.selectors import access_proposal
from chitieu.awards.statistics import moha
from chitieu.awards.statistics.report import HEADINGS, statistics
from chitieu.core.excel import XLSX
from chitieu.core.http import AuthenticatedHttpRequest
from chitieu.core.jobs import JobNotStarted, job_start
from chitieu.emulation.selectors import access_cluster_year
from chitieu.evaluation import selectors as evaluation
from chitieu.evaluation.requests import period_and_view
from chitieu.reports import board_report as board
from chitieu.reports import commendation, exports, moha_forms
from chitieu.reports.selectors import access_decision
from chitieu.units.selectors import access_unit

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": XLSX,
}


def _download(content: bytes, kind: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


@login_required
def unit_report(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    if kind not in CONTENT_TYPES:
        raise Http404
    period, view = period_and_view(request, evaluation.target_years(pk))
    page = evaluation.unit_page(request.user, pk, period, view)
    content = exports.unit_report_file(page.results, kind)
    return _download(content, kind, f"bao-cao-{page.unit.pk}-{period.code}")


@login_required
def overview_workbook(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A large report: built by a background job; the job page offers the file when it is ready.
    Everything that can answer 404 is checked before the job exists."""
    root = access_unit(request.user, pk)
    years = evaluation.target_years(root.pk, under=True)
    period, view = period_and_view(request, years)
    try:
        job = job_start(
            actor=request.user,
            kind="overview_workbook",
            parameters={
                "root": root.pk,
                "period": period.code,
                "view": view.value,
                "sort": request.GET.get("sort", "name"),
            },
        )
    except JobNotStarted as error:
        messages.error(request, " ".join(error.messages))
        return redirect(f"{reverse('overview', args=[root.pk])}?{request.GET.urlencode()}")
    return redirect("job_detail", pk=job.pk)


def _document(parts: tuple[Any, ...], kind: str, name: str) -> HttpResponse:
    if kind not in ("docx", "pdf"):
        raise Http404
    return _download(exports.document_file(kind, *parts), kind, name)


@login_required
def proposal_document(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    proposal = access_proposal(request.user, pk)
    return _document(commendation.proposal_parts(proposal), kind, f"to-trinh-{proposal.pk}")


@login_required
def decision_document(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    decision = access_decision(request.user, pk)
    return _document(commendation.decision_parts(decision), kind, f"quyet-dinh-{decision.pk}")


@login_required
def certificates(request: HttpRequest, pk: int) -> HttpResponse:
    decision = access_decision(request.user, pk)
    return _download(commendation.certificates_pdf(decision), "pdf", f"bang-khen-{decision.pk}")


@login_required
def ranking_document(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    cluster_year = access_cluster_year(request.user, pk)
    if kind == "xlsx":
        return exports.ranking_workbook(cluster_year)
    return _document(commendation.ranking_parts(cluster_year), kind, f"xep-hang-{cluster_year.pk}")


@login_required
def award_statistics(
    request: HttpRequest, unit_pk: int, year: int, kind: str = "html"
) -> HttpResponse:
    unit = access_unit(request.user, unit_pk)
    report = statistics(unit, year)
    name = f"thong-ke-{unit.pk}-{year}"
    if kind == "xlsx":
        return _download(exports.statistics_workbook(unit, year, report), "xlsx", name)
    if kind == "docx":
        return _download(exports.statistics_document(unit, year, report), "docx", name)
    context = {
        "report": report,
        "rows": exports.statistics_rows(report),
        "headings": HEADINGS,
        "moha_forms": moha.forms_for(unit),
    }
    return render(request, "reports/statistics.html", context)


@login_required
def board_report(
    request: HttpRequest, unit_pk: int, year: int, period: str, kind: str = "html"
) -> HttpResponse:
    """The Board's report to its People's Committee, for six months ("6t") or the year ("nam")."""
    if period not in board.PERIODS or kind not in ("html", "docx", "pdf"):
        raise Http404
    report = board.board_report(request.user, unit_pk, year, period)
    if kind != "html":
        name = f"bao-cao-thi-dua-{report.unit.pk}-{year}-{period}"
        return _download(exports.board_report_file(report, kind), kind, name)
    context = {"report": report, "tables": board.tables(report), "summary": board.summary(report)}
    return render(request, "reports/board_report.html", context)


def moha_form(request: HttpRequest, unit_pk: int, year: int, form: str, kind: str) -> HttpResponse:
    """Biểu 0601.N–0605.N/BNV-TĐKT of the unit for the year, in Excel or Word."""
    if form not in moha.FORMS or kind not in ("xlsx", "docx"):
        raise Http404
    unit = access_unit(request.user, unit_pk)
    if form not in moha.forms_for(unit):
        raise Http404
    filled = moha.FORMS[form](unit, year)
    render_file = moha_forms.form_workbook if kind == "xlsx" else moha_forms.form_document
    return _download(render_file(filled), kind, f"bieu-{form}-{unit.pk}-{year}")
