"""The review page's table of report states as Excel."""

from __future__ import annotations

from django.http import HttpResponse

from chitieu.actuals.selectors import ReportState
from chitieu.core.excel import xlsx_response
from chitieu.core.periods import Period
from chitieu.units.models import Unit

REPORT_STATE_HEADINGS = ("Đơn vị", "Tình trạng", "Hạn nộp", "Chưa nộp", "Trễ hạn")


def report_state_rows(states: list[ReportState]) -> list[tuple[object, ...]]:
    return [
        (
            st.unit.name,
            st.submission.get_status_display() if st.submission else "Chưa nhập",
            st.deadline,
            "x" if st.is_missing else "",
            "x" if st.is_late else "",
        )
        for st in states
    ]


def report_states_workbook(root: Unit, period: Period, states: list[ReportState]) -> HttpResponse:
    """Whether each unit under `root` reported for the period, and on time."""
    return xlsx_response(
        f"bao-cao-{root.pk}-{period.code}",
        f"Tình hình nộp báo cáo {period.label} — {root.name}",
        REPORT_STATE_HEADINGS,
        report_state_rows(states),
    )
