"""The evaluation pages as Excel: the overview of one indicator over today's units."""

from __future__ import annotations

from django.http import HttpResponse

from chitieu.core.excel import xlsx_response
from chitieu.evaluation.history import SeriesPoint
from chitieu.evaluation.selectors import OverviewNow


def source_of(point: SeriesPoint) -> str:
    """Where a value as it is now comes from, in the words of the workbook's last column."""
    if point.rolled_up_from:
        return "Cộng từ " + ", ".join(point.rolled_up_from)
    if point.blocked_by:
        return "Không cộng được: " + ", ".join(point.blocked_by)
    if point.missing_from:
        return "Chưa có số liệu của " + ", ".join(point.missing_from)
    return "" if point.value is None else "Số liệu của đơn vị"


def overview_now_rows(data: OverviewNow) -> list[tuple[object, ...]]:
    return [(unit.name, point.value, source_of(point)) for unit, point in data.rows]


def overview_now_workbook(data: OverviewNow) -> HttpResponse:
    indicator = data.indicator
    return xlsx_response(
        f"hien-nay-{data.root.pk}-{indicator.code}-{data.year}",
        f"{indicator.name} năm {data.year} theo đơn vị hiện nay — {data.root.name}",
        ("Đơn vị", f"{indicator.name} ({indicator.unit_of_measure})", "Nguồn số liệu"),
        overview_now_rows(data),
    )
