"""The periodic report of a unit: letterhead, narrative and evaluation table, in Word, PDF and
Excel."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from chitieu.core.numbers import format_decimal, format_percent
from chitieu.core.sample import SAMPLE_NOTE, marked
from chitieu.evaluation.loader import TargetResult, UnitResults
from chitieu.reports.charts import Chart, plan_chart
from chitieu.reports.documents import Letterhead, Table
from chitieu.reports.facts import unit_facts
from chitieu.reports.narrative import narrative
from chitieu.targets.wording import describe
from chitieu.units.names import place_name

HEADINGS = (
    "TT",
    "Chỉ tiêu",
    "Đơn vị tính",
    "Kế hoạch",
    "Cấp giao",
    "Thực hiện",
    "% KH",
    "So cùng kỳ",
    "Đánh giá",
)


TEXT_MEASURED = ("growth", "change", "rank", "rank_rise")


def letterhead(results: UnitResults) -> Letterhead:
    unit = results.unit
    parent = unit.parent.name if unit.parent else ""
    return Letterhead(
        parent_body=f"UBND {parent}" if parent else "",
        issuing_body=f"UBND {unit.name}",
        number="Số:      /BC-UBND",
        place=unit.short_name or place_name(unit.name),
        date=timezone.localdate(),
        title="BÁO CÁO",
        subtitle=f"Kết quả thực hiện các chỉ tiêu kinh tế - xã hội {results.period.label.lower()}",
    )


def evaluation_rows(results: UnitResults) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for index, result in enumerate(results.results, start=1):
        target, indicator = result.target, result.target.indicator
        change = ""
        if result.change is not None:
            sign = "+" if result.change.value > 0 else ""
            suffix = " điểm %" if result.change.in_points else "%"
            change = f"{sign}{format_decimal(result.change.value, 2)}{suffix}"
        rows.append(
            (
                str(index),
                marked(indicator.name, result.is_sample),
                indicator.unit_of_measure,
                describe(target),
                target.issuer,
                result.measured_text,
                share_text(result),
                change,
                result.status.label,
                *((forecast_text(result),) if results.partial else ()),
            )
        )
    return rows


def share_text(result: TargetResult) -> str:
    """The share of the plan done; for a term target before its end, of the term's target."""
    if result.term is not None and not result.term.final:
        done = format_percent(result.term.achieved_share)
        return f"{done} (cả nhiệm kỳ, cần đạt {format_percent(result.term.expected_share)})"
    return format_percent(result.done_share)


def forecast_text(result: TargetResult) -> str:
    """Within a year: the projected year end and what it would give ("321 (Vượt)")."""
    projected = result.projected_status
    if not result.forecast_text or projected is None:
        return ""
    return f"{result.forecast_text} ({projected.label})"


def headings(results: UnitResults) -> tuple[str, ...]:
    if results.partial:
        return (
            *HEADINGS[:5],
            "Thực hiện đến nay",
            "% KH năm đã thực hiện",
            *HEADINGS[7:],
            "Ước cả năm",
        )
    return HEADINGS


def report_parts(results: UnitResults) -> tuple[Letterhead, list[str], Table, list[Chart]]:
    chart = plan_chart(results)
    paragraphs = narrative(unit_facts(results))
    if results.is_sample:
        paragraphs = [*paragraphs, SAMPLE_NOTE]
    return (
        letterhead(results),
        paragraphs,
        Table(headings(results), evaluation_rows(results)),
        [chart] if chart else [],
    )


def results_workbook(results: UnitResults) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Kết quả"
    sheet.append([f"{results.unit.name} — {results.period.label}"])
    sheet["A1"].font = Font(bold=True, size=13)
    headline = results.primary_headline()
    if headline:
        sheet.append([headline.text])
    if results.term_summary().total:
        sheet.append([results.term_summary().text])
    if results.is_sample:
        sheet.append([SAMPLE_NOTE])
    sheet.append([])
    sheet.append(list(headings(results)))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row, result in zip(evaluation_rows(results), results.results, strict=True):
        # Exact numbers go into Excel as numbers (a figure, the share of the plan done); the
        # target and what is not a plain figure ("10%" of growth, "12/34") as on the page.
        measured: Decimal | str | None = result.evaluation.measured
        if measured is None or result.target.measure in TEXT_MEASURED:
            measured = row[5]
        ratio = None if result.term is not None and not result.term.final else result.done_share
        sheet.append(
            [int(row[0]), *row[1:5], measured, row[6] if ratio is None else ratio, *row[7:]]
        )
        sheet.cell(sheet.max_row, 7).number_format = "0.00"
    for letter, width in zip("ABCDEFGHIJ", (5, 48, 14, 30, 18, 14, 10, 14, 14, 16), strict=False):
        sheet.column_dimensions[letter].width = width
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
