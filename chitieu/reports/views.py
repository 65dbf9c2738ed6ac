"""Downloads: a unit's report in Word, PDF and Excel; the overview in Excel."""

from __future__ import annotations

from io import BytesIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from chitieu.actuals.figurebook import View
from chitieu.awards.models import Decision
from chitieu.awards.selectors import access_proposal
from chitieu.awards.statistics import HEADINGS, statistics
from chitieu.core.excel import XLSX, xlsx_response
from chitieu.core.http import AuthenticatedHttpRequest
from chitieu.core.jobs import JobNotStarted, job_start
from chitieu.core.periods import Period
from chitieu.core.users import AnyUser
from chitieu.emulation.selectors import access_cluster_year
from chitieu.evaluation import selectors as evaluation
from chitieu.evaluation.views import period_and_view
from chitieu.reports import commendation
from chitieu.reports.documents import Letterhead, Table, docx_document, pdf_document
from chitieu.reports.unit_report import report_parts, results_workbook
from chitieu.units.names import place_name
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
    name = f"bao-cao-{page.unit.pk}-{period.code}"
    if kind == "xlsx":
        return _download(results_workbook(page.results), kind, name)
    head, paragraphs, table, charts = report_parts(page.results)
    render = docx_document if kind == "docx" else pdf_document
    return _download(render(head, paragraphs, table, charts), kind, name)


def build_overview_workbook(
    user: AnyUser, root_pk: int, period: Period, view: View, sort: str
) -> tuple[str, bytes]:
    data = evaluation.overview(user, root_pk, period, view, sort)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Tổng hợp"
    partial = any(row.partial for row in data.rows)  # within a year: on course, or at risk
    sheet.append([f"Các đơn vị thuộc {data.root.name} — {period.label}"])
    sheet.append(
        [
            "Đơn vị",
            "Số chỉ tiêu chủ yếu",
            *(("Đúng tiến độ", "Có nguy cơ không đạt") if partial else ("Đạt và vượt", "Vượt")),
            *[f"{i.code} {i.name}" for i in data.indicators],
        ]
    )
    for row in data.rows:
        headline = row.primary_headline()
        statuses = [cell.status.label if cell else "" for cell in data.cells(row)]
        sheet.append(
            [
                row.unit.name,
                headline.total if headline else 0,
                headline.counted if headline else 0,
                (headline.at_risk if partial else headline.exceeded) if headline else 0,
                *statuses,
            ]
        )
    buffer = BytesIO()
    workbook.save(buffer)
    return f"tong-hop-{data.root.pk}-{period.code}.xlsx", buffer.getvalue()


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


def _document(parts: tuple[Letterhead, list[str], Table], kind: str, name: str) -> HttpResponse:
    if kind not in ("docx", "pdf"):
        raise Http404
    render = docx_document if kind == "docx" else pdf_document
    return _download(render(*parts), kind, name)


@login_required
def proposal_document(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    proposal = access_proposal(request.user, pk)
    return _document(commendation.proposal_parts(proposal), kind, f"to-trinh-{proposal.pk}")


def _decision(request: HttpRequest, pk: int) -> Decision:
    decision = get_object_or_404(Decision, pk=pk)
    if decision.proposal is None:
        raise Http404
    access_proposal(request.user, decision.proposal.pk)
    return decision


@login_required
def decision_document(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    decision = _decision(request, pk)
    return _document(commendation.decision_parts(decision), kind, f"quyet-dinh-{decision.pk}")


@login_required
def certificates(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _decision(request, pk)
    return _download(commendation.certificates_pdf(decision), "pdf", f"bang-khen-{decision.pk}")


@login_required
def ranking_document(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    cluster_year = access_cluster_year(request.user, pk)
    if kind == "xlsx":
        head, _paragraphs, table = commendation.ranking_parts(cluster_year)
        return xlsx_response(
            f"xep-hang-{cluster_year.pk}", head.subtitle, table.headings, table.rows
        )
    return _document(commendation.ranking_parts(cluster_year), kind, f"xep-hang-{cluster_year.pk}")


@login_required
def award_statistics(
    request: HttpRequest, unit_pk: int, year: int, kind: str = "html"
) -> HttpResponse:
    unit = access_unit(request.user, unit_pk)
    report = statistics(unit, year)
    rows = [row.cells() for row in [*report.rows, report.totals]]
    if kind == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        assert sheet is not None
        sheet.title = "Thống kê"
        sheet.append([f"Thống kê công tác thi đua, khen thưởng năm {year} — {unit.name}"])
        sheet.append([f"Số phong trào thi đua được phát động: {len(report.movements)}"])
        sheet.append(list(HEADINGS))
        for row in rows:
            sheet.append([row[0], row[1], *[int(value) for value in row[2:]]])
        buffer = BytesIO()
        workbook.save(buffer)
        return _download(buffer.getvalue(), "xlsx", f"thong-ke-{unit.pk}-{year}")
    if kind == "docx":
        head = Letterhead(
            parent_body="",
            issuing_body=f"UBND {unit.name}",
            number="Số:      /BC-UBND",
            place=place_name(unit.name),
            date=timezone.localdate(),
            title="BÁO CÁO THỐNG KÊ",
            subtitle=f"Công tác thi đua, khen thưởng năm {year}",
        )
        paragraphs = [f"Số phong trào thi đua được phát động trong năm: {len(report.movements)}."]
        return _download(
            docx_document(head, paragraphs, Table(HEADINGS, rows)),
            "docx",
            f"thong-ke-{unit.pk}-{year}",
        )
    return render(
        request, "reports/statistics.html", {"report": report, "rows": rows, "headings": HEADINGS}
    )
