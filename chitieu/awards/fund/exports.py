"""A unit's fund of a year as Excel: its entries and the totals."""

from __future__ import annotations

from django.http import HttpResponse

from chitieu.awards.fund.selectors import FundPage
from chitieu.core.excel import xlsx_response


def fund_workbook(page: FundPage) -> HttpResponse:
    rows: list[tuple[object, ...]] = [
        (
            entry.date,
            entry.get_kind_display(),
            f"{entry.description} (chi vượt quỹ: {entry.overdraw_reason})"
            if entry.overdraw_reason
            else entry.description,
            -entry.amount if entry.kind == "spending" else entry.amount,
        )
        for entry in page.entries
    ]
    if page.balance is not None:
        rows += [
            ("", "Tổng phân bổ", "", page.balance.income),
            ("", "Tổng chi", "", -page.balance.spending),
            ("", "Số dư", "", page.balance.balance),
        ]
    return xlsx_response(
        f"quy-thi-dua-khen-thuong-{page.unit.pk}-{page.year}",
        f"Quỹ thi đua, khen thưởng — {page.unit.name} — năm {page.year}",
        ("Ngày", "Loại", "Nội dung", "Số tiền (đồng)"),
        rows,
    )
