"""The review page's report states as the workbook's rows."""

import datetime as dt
from types import SimpleNamespace

from chitieu.actuals.exports import REPORT_STATE_HEADINGS, report_state_rows
from chitieu.actuals.selectors import ReportState


def test_a_report_never_entered_reads_missing_and_late_once_its_deadline_passed():
    past, unit = dt.date(2000, 1, 5), SimpleNamespace(name="Xã Kỳ Hà")
    rows = report_state_rows([ReportState(unit, None, past), ReportState(unit, None, None)])
    assert rows == [
        ("Xã Kỳ Hà", "Chưa nhập", past, "x", "x"),
        ("Xã Kỳ Hà", "Chưa nhập", None, "x", ""),
    ]
    assert REPORT_STATE_HEADINGS == ("Đơn vị", "Tình trạng", "Hạn nộp", "Chưa nộp", "Trễ hạn")
