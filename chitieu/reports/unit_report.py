"""The periodic report of a unit: letterhead, narrative and evaluation table, in Word, PDF and
Excel."""

from __future__ import annotations

from io import BytesIO

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from chitieu.core.numbers import format_decimal, format_percent
from chitieu.evaluation.loader import UnitResults
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
                indicator.name,
                indicator.unit_of_measure,
                describe(target),
                target.issuer,
                ""
                if result.evaluation.measured is None
                else format_decimal(result.evaluation.measured, result.measured_places),
                "" if result.evaluation.ratio is None else format_percent(result.evaluation.ratio),
                change,
                result.status.label,
            )
        )
    return rows


def report_parts(results: UnitResults) -> tuple[Letterhead, list[str], Table, list[Chart]]:
    chart = plan_chart(results)
    return (
        letterhead(results),
        narrative(unit_facts(results)),
        Table(HEADINGS, evaluation_rows(results)),
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
    sheet.append([])
    sheet.append(list(HEADINGS))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row, result in zip(evaluation_rows(results), results.results, strict=True):
        # Exact numbers go into Excel as numbers; the text columns as shown on the page.
        measured = result.evaluation.measured
        ratio = result.evaluation.ratio
        sheet.append([int(row[0]), *row[1:5], measured, ratio, row[7], row[8]])
        sheet.cell(sheet.max_row, 7).number_format = "0.00"
    for letter, width in zip("ABCDEFGHI", (5, 48, 14, 30, 18, 14, 10, 14, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
