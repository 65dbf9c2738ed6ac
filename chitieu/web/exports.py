"""The audit trail as a workbook."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpResponse

from chitieu.core.audit_display import shown_changes
from chitieu.core.excel import xlsx_response
from chitieu.core.models import ObjectChange
from chitieu.core.numbers import format_decimal
from chitieu.core.templatetags.vn import vn_date

# An export is a working file, not a backup: the newest changes up to this many rows.
AUDIT_EXPORT_LIMIT = 20_000


def audit_workbook(changes: QuerySet[ObjectChange]) -> HttpResponse:
    """The filtered audit trail as an Excel table, newest first."""

    changes_shown = list(changes[:AUDIT_EXPORT_LIMIT])
    shown = shown_changes(changes_shown)

    def describe(change: ObjectChange) -> str:
        return "; ".join(f"{c.field}: {c.old} → {c.new}" for c in shown[change.pk])

    rows = [
        (
            vn_date(change.time),
            change.actor.username if change.actor else "hệ thống",
            f"{change.get_action_display()}{f' ({change.verb})' if change.verb else ''}",
            change.object_repr,
            describe(change),
            change.reason,
        )
        for change in changes_shown
    ]
    title = "Nhật ký thay đổi"
    if len(rows) == AUDIT_EXPORT_LIMIT:
        newest = format_decimal(AUDIT_EXPORT_LIMIT)
        title += f" ({newest} thay đổi mới nhất; lọc theo ngày để xem thêm)"
    headings = ("Thời gian", "Người dùng", "Thao tác", "Đối tượng", "Thay đổi (cũ → mới)", "Lý do")
    return xlsx_response("nhat-ky-thay-doi", title, headings, rows)
