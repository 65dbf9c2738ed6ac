"""A resolution's targets as Excel, as the resolution's page lists them."""

from __future__ import annotations

from django.http import HttpResponse

from chitieu.core.excel import xlsx_response
from chitieu.core.sample import marked
from chitieu.targets.models import Resolution
from chitieu.targets.selectors import resolution_targets
from chitieu.targets.wording import describe

TARGET_HEADINGS = (
    "Mã",
    "Chỉ tiêu",
    "Đơn vị",
    "Kỳ",
    "Cấp giao",
    "Kế hoạch",
    "Chủ yếu",
    "Giá trị",
    "Đầu còn lại",
)


def target_rows(resolution: Resolution) -> list[tuple[object, ...]]:
    return [
        (
            t.indicator.code,
            marked(t.indicator.name, t.is_sample),
            t.unit.name,
            t.period_value.label,
            t.issuer,
            describe(t),
            "x" if t.is_main else "",
            t.value,
            t.upper,
        )
        for t in resolution_targets(resolution)
    ]


def targets_workbook(resolution: Resolution) -> HttpResponse:
    return xlsx_response(
        f"nghi-quyet-{resolution.pk}",
        marked(str(resolution), resolution.is_sample),
        TARGET_HEADINGS,
        target_rows(resolution),
    )
