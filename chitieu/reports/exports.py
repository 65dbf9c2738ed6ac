"""The workbooks and documents the report pages and jobs build: the overview of the units under
a unit, the year's statistics of emulation and commendation, the cluster ranking."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook

from chitieu.actuals.figurebook import View
from chitieu.awards.statistics.report import HEADINGS, Report
from chitieu.core.excel import xlsx_response
from chitieu.core.periods import Period
from chitieu.core.sample import marked
from chitieu.emulation.models import ClusterYear
from chitieu.emulation.selectors import cluster_ranking
from chitieu.evaluation import selectors as evaluation
from chitieu.evaluation.loader import UnitResults
from chitieu.reports import board_report, commendation
from chitieu.reports.board_report import BoardReport
from chitieu.reports.documents import Letterhead, Table, docx_document, pdf_document
from chitieu.reports.unit_report import report_parts, results_workbook
from chitieu.units.models import Unit
from chitieu.units.names import place_name


def document_file(kind: str, *parts: Any) -> bytes:
    """A document's parts (letterhead, paragraphs, table, charts) as Word ("docx") or PDF."""
    render = docx_document if kind == "docx" else pdf_document
    return render(*parts)


def board_report_file(report: BoardReport, kind: str) -> bytes:
    """The Board's report to its People's Committee in Word ("docx") or PDF."""
    head, paragraphs, _table, _charts, tables = board_report.report_parts(report)
    render = docx_document if kind == "docx" else pdf_document
    return render(head, paragraphs, tables=tables)


def unit_report_file(results: UnitResults, kind: str) -> bytes:
    """A unit's periodic report: its results as Excel ("xlsx"), or the report in Word or PDF."""
    if kind == "xlsx":
        return results_workbook(results)
    return document_file(kind, *report_parts(results))


def _saved(workbook: Workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _statuses(group: list[Any]) -> str:
    """A cell's status; where several issuers set the indicator, each with its issuer."""
    if len(group) == 1:
        return str(group[0].status.label)
    return "; ".join(f"{result.target.issuer}: {result.status.label}" for result in group)


def build_overview_workbook(
    user: Any, root_pk: int, period: Period, view: View, sort: str
) -> tuple[str, bytes]:
    """The overview of the units under `root_pk` as the user sees it: its file name and bytes."""
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
            *[i.name for i in data.indicators],  # named as the page names them, not by code
        ]
    )
    for row in data.rows:
        headline = row.primary_headline()
        statuses = [_statuses(group) for group in data.cell_groups(row)]
        sheet.append(
            [
                marked(row.unit.name, row.is_sample),
                headline.total if headline else 0,
                headline.counted if headline else 0,
                (headline.at_risk if partial else headline.exceeded) if headline else 0,
                *statuses,
            ]
        )
    return f"tong-hop-{data.root.pk}-{period.code}.xlsx", _saved(workbook)


def statistics_rows(report: Report) -> list[tuple[str, ...]]:
    """The statistics table's rows, the totals last, as the page shows them."""
    return [row.cells() for row in [*report.rows, report.totals]]


def statistics_workbook(unit: Unit, year: int, report: Report) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Thống kê"
    sheet.append([f"Thống kê công tác thi đua, khen thưởng năm {year} — {unit.name}"])
    sheet.append([f"Số phong trào thi đua được phát động: {len(report.movements)}"])
    sheet.append(list(HEADINGS))
    for row in statistics_rows(report):
        sheet.append([row[0], row[1], *[int(value) for value in row[2:]]])
    return _saved(workbook)


def statistics_document(unit: Unit, year: int, report: Report) -> bytes:
    """The statistics as a Word report of the unit's People's Committee."""
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
    return docx_document(head, paragraphs, Table(HEADINGS, statistics_rows(report)))


def ranking_workbook(cluster_year: ClusterYear) -> HttpResponse:
    """The cluster's ranking as an Excel table."""
    head, _paragraphs, table = commendation.ranking_parts(cluster_year)
    # Rank and points as numbers (the document's table holds them as Vietnamese text).
    rows = [
        (r.rank, r.unit.name, r.total, r.target_points, f"{r.targets_met}/{r.targets_total}")
        for r in cluster_ranking(cluster_year)
    ]
    return xlsx_response(f"xep-hang-{cluster_year.pk}", head.subtitle, table.headings, rows)
