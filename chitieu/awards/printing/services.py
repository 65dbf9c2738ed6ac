"""Writes of blank layouts: a unit's own copy, and moving the fields of one."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from chitieu.accounts.permissions import Capability, PermissionDenied, has_capability
from chitieu.awards.models import BLANK_FIELDS, BlankLayout
from chitieu.awards.printing.selectors import may_adjust
from chitieu.core.audit import audited, record_change, record_creation, snapshot
from chitieu.core.models import ChangeAction
from chitieu.core.numbers import Bounds, NumberFormatError, check_decimal, parse_plain_decimal
from chitieu.core.users import Actor
from chitieu.units.models import Unit


@audited
def layout_copy(*, actor: Actor, layout: BlankLayout, unit: Unit) -> BlankLayout:
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
def layout_update(
    *, actor: Actor, layout: BlankLayout, fields: dict[str, dict[str, Any]]
) -> BlankLayout:
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
