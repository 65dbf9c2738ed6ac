"""The proposals of a year as Excel."""

from __future__ import annotations

from django.http import HttpResponse

from chitieu.awards.models import Proposal
from chitieu.core.excel import xlsx_response


def proposal_list_workbook(year: int, proposals: list[Proposal]) -> HttpResponse:
    rows = [
        (p.title, p.unit.name, p.item_count, p.get_status_display())  # type: ignore[attr-defined]  # annotated by the selector
        for p in proposals
    ]
    headings = ("Tờ trình", "Đơn vị đề nghị", "Số cá nhân, tập thể", "Tình trạng")
    return xlsx_response(
        f"de-nghi-khen-thuong-{year}", f"Đề nghị khen thưởng năm {year}", headings, rows
    )
