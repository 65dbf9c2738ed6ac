"""Printing a decision's certificates onto pre-printed blanks: every field at its position in
millimetres, one page per award, in one PDF."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.template.loader import render_to_string

from chitieu.accounts.permissions import (
    Capability,
    PermissionDenied,
    can_adjust_layout,
    get_or_404,
    has_capability,
    scope_paths,
    scope_q,
)
from chitieu.awards.models import BLANK_FIELDS, AwardRecord, BlankLayout, Decision
from chitieu.core.audit import audited, record_change, record_creation, snapshot
from chitieu.core.dates import format_date, format_long_date
from chitieu.core.models import ChangeAction
from chitieu.core.numbers import Bounds, NumberFormatError, check_decimal, parse_plain_decimal
from chitieu.units.models import Unit
from chitieu.units.names import place_name


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


def layouts_for(unit: Unit) -> QuerySet[BlankLayout]:
    """The layouts a decision of `unit` prints with: the copies of the unit and of the units above
    it, nearest first, then the installation's."""
    ancestors = [int(part) for part in unit.path.strip("/").split("/") if part]
    return BlankLayout.objects.filter(Q(unit__isnull=True) | Q(unit_id__in=ancestors)).order_by(
        F("unit__path").desc(nulls_last=True), "name"
    )


def layouts_for_decision(decision: Decision) -> QuerySet[BlankLayout]:
    """The layouts a decision can print on: those of its unit for the awards it made."""
    return layouts_for(decision.unit).filter(award_id__in=decision.awards.values("award_id"))


def layouts_visible_to(user) -> QuerySet[BlankLayout]:
    """The installation's layouts, the copies of the units the user sees, and those of the
    units above them (which their decisions print with)."""
    paths = scope_paths(user, Capability.VIEW)
    if paths is None:
        return BlankLayout.objects.all()
    above = {int(part) for path in paths for part in path.strip("/").split("/") if part}
    below = scope_q(user, Capability.VIEW, "unit__path") or Q()
    return BlankLayout.objects.filter(Q(unit__isnull=True) | Q(unit_id__in=above) | below)


def access_blank_layout(user, pk: object) -> BlankLayout:
    return get_or_404(layouts_visible_to(user).select_related("unit", "award"), pk)


@audited
def may_adjust(actor, layout: BlankLayout) -> bool:
    """The installation's layouts are the system administrators'; a unit's copy its Board's."""
    return can_adjust_layout(actor, layout)


@audited
def layout_copy(*, actor, layout: BlankLayout, unit: Unit) -> BlankLayout:
    """A unit's own copy of a layout, for its Board to adjust to the blanks it buys."""
    if not has_capability(actor, Capability.MANAGE_EMULATION, unit):
        raise PermissionDenied("Chỉ Ban Thi đua - Khen thưởng của đơn vị được tạo mẫu phôi riêng.")
    with transaction.atomic():
        copy = BlankLayout.objects.create(
            name=f"{layout.name} — {unit.name}",
            award=layout.award,
            page_width=layout.page_width,
            page_height=layout.page_height,
            font=layout.font,
            fields=layout.fields,
            unit=unit,
        )
        record_creation(actor=actor, instance=copy, scope_path=unit.path)
    return copy


POSITION = Bounds(max_digits=6, decimal_places=1, minimum=Decimal(0))  # millimetres, points


@audited
def layout_update(*, actor, layout: BlankLayout, fields: dict) -> BlankLayout:
    """Move the fields; each must stay on the page."""
    if not may_adjust(actor, layout):
        raise PermissionDenied(
            "Mẫu phôi dùng chung do quản trị hệ thống điều chỉnh; hãy tạo bản riêng của đơn vị."
            if layout.unit is None
            else "Chỉ Ban Thi đua - Khen thưởng của đơn vị được điều chỉnh mẫu phôi này."
        )
    for name, spec in fields.items():
        if name not in BLANK_FIELDS:
            raise ValidationError(f"Trường “{name}” không có trên phôi.")
        try:
            x, y, size = (
                check_decimal(parse_plain_decimal(str(spec[key])), POSITION, field=label)
                for key, label in (
                    ("x", f"Trường “{name}”, vị trí ngang (mm)"),
                    ("y", f"Trường “{name}”, vị trí dọc (mm)"),
                    ("size", f"Trường “{name}”, cỡ chữ"),
                )
            )
        except (KeyError, TypeError) as error:
            raise ValidationError(f"Trường “{name}” thiếu vị trí hoặc cỡ chữ.") from error
        except NumberFormatError as error:
            raise ValidationError(str(error)) from error
        if not (0 <= x <= layout.page_width and 0 <= y <= layout.page_height):
            raise ValidationError(f"Trường “{name}” nằm ngoài khổ phôi.")
        if not 6 <= size <= 72:
            raise ValidationError(f"Cỡ chữ của trường “{name}” phải từ 6 đến 72.")
    with transaction.atomic():
        before = snapshot(layout)
        layout.fields = fields
        layout.save(update_fields=["fields"])
        record_change(
            actor=actor,
            action=ChangeAction.UPDATE,
            instance=layout,
            before=before,
            after=snapshot(layout),
            scope_path=layout.unit.path if layout.unit else "",
        )
    return layout
