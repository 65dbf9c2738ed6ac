"""Printing a decision's certificates onto pre-printed blanks: every field at its position in
millimetres, one page per award, in one PDF."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from chitieu.awards.models import BLANK_FIELDS, AwardRecord, BlankLayout, Decision
from chitieu.core.dates import format_date, format_long_date
from chitieu.units.names import place_name

# What the live preview of a layout prints.
SAMPLE = {
    "name": "Nguyễn Thị Lan",
    "unit": "Thị xã Kỳ Anh, tỉnh Hà Tĩnh",
    "achievement": "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2024",
    "decision": "Quyết định số 15/QĐ-UBND ngày 05/01/2025",
    "place_date": "Hà Tĩnh, ngày 05 tháng 01 năm 2025",
    "signer": "Võ Trọng Hải",
}


@dataclass(frozen=True)
class Placed:
    field: str
    text: str
    x: Decimal
    y: Decimal
    size: Decimal
    bold: bool
    width: Decimal


def texts_for(record: AwardRecord, decision: Decision, signer: str) -> dict[str, str]:
    subject = record.person or record.unit
    unit = (
        record.person.unit.name
        if record.person
        else (record.unit.parent.name if record.unit and record.unit.parent else "")
    )
    return {
        "name": str(subject),
        "unit": unit,
        "achievement": f"Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm {record.year}",
        "decision": f"Quyết định số {decision.number} ngày {format_date(decision.date)}",
        "place_date": f"{place_name(decision.unit.name)}, {format_long_date(decision.date)}",
        "signer": signer or decision.signer or "",
    }


def placed(layout: BlankLayout, texts: dict[str, str]) -> list[Placed]:
    return [
        Placed(
            name,
            texts.get(name, ""),
            Decimal(str(spec["x"])),
            Decimal(str(spec["y"])),
            Decimal(str(spec["size"])),
            bool(spec.get("bold")),
            Decimal(str(spec.get("width", 150))),
        )
        for name, spec in layout.fields.items()
        if name in BLANK_FIELDS
    ]


def render_pages(layout: BlankLayout, pages: list[list[Placed]], *, preview: bool = False) -> str:
    return render_to_string(
        "awards/blank_pages.html", {"layout": layout, "pages": pages, "preview": preview}
    )


def print_decision(layout: BlankLayout, decision: Decision, signer: str = "") -> bytes:
    from weasyprint import HTML

    records = (
        decision.awards.select_related("award", "person__unit", "unit__parent")
        .filter(award=layout.award)
        .order_by("id")  # the order of the decision's list
    )
    pages = [placed(layout, texts_for(record, decision, signer)) for record in records]
    if not pages:
        raise ValidationError("Quyết định không có khen thưởng nào dùng loại phôi này.")
    return HTML(string=render_pages(layout, pages)).write_pdf()


def preview(layout: BlankLayout) -> str:
    """The layout's page with the sample texts, as the adjusting page shows it."""
    return render_pages(layout, [placed(layout, SAMPLE)], preview=True)
