"""Any table a page shows, as an Excel workbook: a title row, the headings, the rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from io import BytesIO

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WHOLE = "#,##0"  # 1.695.000 where the separators are Vietnamese (money in đồng, counts)
FRACTION = "#,##0.0#"  # 95,5 points
DATE = "DD/MM/YYYY"


def number_format(value: object) -> str | None:
    """The cell format of a number or a date: whole numbers (counts, money in đồng) grouped,
    decimals with up to two places, dates as 22/12/2021; None for text."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return WHOLE
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        whole = isinstance(exponent, int) and (exponent >= 0 or value == value.to_integral())
        return WHOLE if whole else FRACTION
    if isinstance(value, dt.date):
        return DATE
    return None


def table_workbook(title: str, headings: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Bảng"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(list(headings))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            shown = number_format(cell.value)
            if shown:
                cell.number_format = shown
    for column in sheet.columns:
        letter = column[0].column_letter
        sheet.column_dimensions[letter].width = min(
            60, max(10, *(len(str(c.value or "")) for c in column[1:]))
        )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(
    name: str, title: str, headings: Sequence[str], rows: Iterable[Sequence[object]]
) -> HttpResponse:
    response = HttpResponse(table_workbook(title, headings, rows), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
