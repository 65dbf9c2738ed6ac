"""Writes to the unit registry. Each runs in one transaction and writes its audit row."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from chitieu.accounts.permissions import (
    Capability,
    PermissionDenied,
    can_add_unit,
    has_capability,
    require,
)
from chitieu.core.audit import (
    audited,
    record_creation,
    save_audited_update,
    snapshot,
)
from chitieu.core.users import Actor
from chitieu.units.models import (
    COMMUNE_LEVEL,
    HAMLET_LEVEL,
    ORGANISATION_TYPES,
    Unit,
    UnitLink,
    UnitType,
)


def _path_of(unit: Unit) -> str:
    parent_path = unit.parent.path if unit.parent_id and unit.parent else "/"
    return f"{parent_path}{unit.pk}/"


def _check_dates(valid_from: dt.date | None, valid_to: dt.date | None) -> None:
    if valid_from and valid_to and valid_from > valid_to:
        raise ValidationError({"valid_to": "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."})


def _check_parent(unit_type: str, parent: Unit | None) -> None:
    if unit_type in ORGANISATION_TYPES and parent is None:
        raise ValidationError({"parent": "Cơ quan, tổ chức phải gắn với một đơn vị hành chính."})
    if unit_type not in {UnitType.PROVINCE, UnitType.CENTRAL_CITY} and parent is None:
        raise ValidationError({"parent": "Đơn vị cấp dưới tỉnh phải có đơn vị cấp trên."})
    if unit_type in HAMLET_LEVEL and (parent is None or parent.type not in COMMUNE_LEVEL):
        raise ValidationError(
            {"parent": "Thôn, tổ dân phố phải thuộc một xã, phường, thị trấn hoặc đặc khu."}
        )
    if parent is not None and parent.type in HAMLET_LEVEL and unit_type not in ORGANISATION_TYPES:
        raise ValidationError({"parent": "Dưới thôn, tổ dân phố không có đơn vị hành chính."})


@audited
def unit_create(
    *,
    actor: Actor,
    name: str,
    type: str,
    parent: Unit | None,
    code: str = "",
    short_name: str = "",
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    note: str = "",
    reason: str = "",
) -> Unit:
    """Add a unit or an organisation under `parent` (a province has no parent)."""
    if not can_add_unit(actor, parent):
        if parent is None:
            raise PermissionDenied("Chỉ quản trị hệ thống được thêm đơn vị cấp tỉnh.")
        require(actor, Capability.MANAGE_UNITS, parent)
    _check_dates(valid_from, valid_to)
    _check_parent(type, parent)
    if not name.strip():
        raise ValidationError({"name": "Tên đơn vị không được để trống."})
    with transaction.atomic():
        unit = Unit(
            code=code.strip(),
            name=name.strip(),
            short_name=short_name.strip(),
            type=type,
            parent=parent,
            valid_from=valid_from,
            valid_to=valid_to,
            note=note,
        )
        unit.refresh_search_name()
        unit.save()
        unit.path = _path_of(unit)
        unit.save(update_fields=["path"])
        record_creation(
            actor=actor,
            instance=unit,
            scope_path=unit.path,
            reason=reason,
        )
    return unit


EDITABLE_FIELDS = ("code", "name", "short_name", "type", "valid_from", "valid_to", "note")


@audited
def unit_update(*, actor: Actor, unit: Unit, reason: str = "", **changes: object) -> Unit:
    """Change the name, code, type, dates or note of a unit; the parent stays."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"unit_update cannot change {sorted(unknown)}")
    with transaction.atomic():
        locked = Unit.objects.select_for_update(of=("self",)).get(pk=unit.pk)
        require(actor, Capability.MANAGE_UNITS, locked)
        before = snapshot(locked)
        for field, value in changes.items():
            setattr(locked, field, value.strip() if isinstance(value, str) else value)
        _check_dates(locked.valid_from, locked.valid_to)
        if not locked.name:
            raise ValidationError({"name": "Tên đơn vị không được để trống."})
        locked.refresh_search_name()
        save_audited_update(
            actor=actor, instance=locked, before=before, reason=reason, scope_path=locked.path
        )
    return locked


@audited
def unit_link_create(
    *,
    actor: Actor,
    predecessor: Unit,
    successor: Unit,
    effective_date: dt.date,
    whole: bool,
    note: str = "",
    reason: str = "",
) -> UnitLink:
    """Record that `predecessor` went, whole or in part, into `successor`."""
    for unit in (predecessor, successor):
        if not has_capability(actor, Capability.MANAGE_UNITS, unit):
            raise PermissionDenied(f"Bạn không có quyền quản lý đơn vị {unit.name}.")
    if predecessor.pk == successor.pk:
        raise ValidationError("Một đơn vị không thể sáp nhập vào chính nó.")
    if successor.valid_from and effective_date < successor.valid_from:
        raise ValidationError(
            {"effective_date": "Ngày sáp nhập không thể trước ngày đơn vị mới có hiệu lực."}
        )
    with transaction.atomic():
        if UnitLink.objects.filter(predecessor=predecessor, successor=successor).exists():
            raise ValidationError("Liên kết giữa hai đơn vị này đã có.")
        link = UnitLink.objects.create(
            predecessor=predecessor,
            successor=successor,
            effective_date=effective_date,
            whole=whole,
            note=note,
        )
        record_creation(
            actor=actor,
            instance=link,
            scope_path=predecessor.path,
            reason=reason,
        )
    return link
