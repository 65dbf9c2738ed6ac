"""Writes for the TĐKT bodies and civil servants of a province and a year: by the province's
Board (its emulation officer) or an administrator; each scoped, validated, audited and atomic."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from chitieu.accounts.permissions import Capability, require
from chitieu.awards.models import Sex, TdktBodies, TdktOfficer, TrainingLevel
from chitieu.core.audit import (
    audited,
    record_change,
    record_creation,
    save_audited_update,
    snapshot,
)
from chitieu.core.models import ChangeAction
from chitieu.core.users import Actor
from chitieu.units.models import PROVINCE_LEVEL, Unit

# The rows 02–05 of Biểu 0604.N, by the field that holds each.
BODY_FIELDS = (
    "ministry_departments",
    "department_sections",
    "home_affairs_boards",
    "home_affairs_offices",
)
MAX_BODIES = 9999


def check_province(actor: Actor, unit: Unit, year: int) -> None:
    require(actor, Capability.MANAGE_EMULATION, unit)
    if unit.type not in PROVINCE_LEVEL:
        raise ValidationError("Chỉ tỉnh, thành phố trực thuộc Trung ương lập biểu 0604 và 0605.")
    if not 2000 <= year <= 2100:
        raise ValidationError(f"Năm {year} không hợp lệ.")


@audited
def tdkt_bodies_save(*, actor: Actor, unit: Unit, year: int, counts: dict[str, int]) -> TdktBodies:
    """The number of bodies of each row of Biểu 0604.N for the province and the year."""
    check_province(actor, unit, year)
    problems = {
        name: f"Số tổ chức phải từ 0 đến {MAX_BODIES}."
        for name in BODY_FIELDS
        if not 0 <= counts.get(name, 0) <= MAX_BODIES
    }
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        bodies = TdktBodies.objects.select_for_update().filter(unit=unit, year=year).first()
        if bodies is None:
            bodies = TdktBodies.objects.create(
                unit=unit, year=year, **{name: counts.get(name, 0) for name in BODY_FIELDS}
            )
            record_creation(actor=actor, instance=bodies, scope_path=unit.path)
            return bodies
        before = snapshot(bodies)
        for name in BODY_FIELDS:
            setattr(bodies, name, counts.get(name, 0))
        save_audited_update(actor=actor, instance=bodies, before=before, scope_path=unit.path)
    return bodies


@dataclass
class OfficerData:
    full_name: str
    sex: str
    birth_date: dt.date
    training: str
    began_year: int


def officer_problems(data: OfficerData, year: int) -> dict[str, str]:
    """What is wrong with a civil servant's data for the year's list, by field (Vietnamese)."""
    problems: dict[str, str] = {}
    if not data.full_name.strip():
        problems["full_name"] = "Hãy nhập họ và tên."
    elif len(data.full_name.strip()) > 150:
        problems["full_name"] = "Họ và tên dài quá 150 ký tự."
    if data.sex not in Sex.values:
        problems["sex"] = "Ghi Nam hoặc Nữ."
    age = year - data.birth_date.year
    if not 16 <= age <= 80:
        problems["birth_date"] = (
            f"Ngày sinh {data.birth_date:%d/%m/%Y} không hợp lệ cho năm {year}."
        )
    if data.training not in TrainingLevel.values:
        problems["training"] = "Trình độ đào tạo không hợp lệ."
    if not data.birth_date.year + 16 <= data.began_year <= year:
        problems["began_year"] = (
            f"Năm bắt đầu làm công tác thi đua, khen thưởng phải từ năm tròn 16 tuổi "
            f"({data.birth_date.year + 16}) đến năm {year}."
        )
    return problems


def _validated(data: OfficerData, year: int) -> OfficerData:
    if problems := officer_problems(data, year):
        raise ValidationError(problems)
    data.full_name = data.full_name.strip()
    return data


@audited
def tdkt_officer_create(
    *, actor: Actor, unit: Unit, year: int, data: OfficerData, reason: str = ""
) -> TdktOfficer:
    check_province(actor, unit, year)
    clean = _validated(data, year)
    with transaction.atomic():
        officer = TdktOfficer.objects.create(unit=unit, year=year, **vars(clean))
        record_creation(actor=actor, instance=officer, scope_path=unit.path, reason=reason)
    return officer


@audited
def tdkt_officer_update(*, actor: Actor, officer: TdktOfficer, data: OfficerData) -> TdktOfficer:
    check_province(actor, officer.unit, officer.year)
    clean = _validated(data, officer.year)
    with transaction.atomic():
        locked = TdktOfficer.objects.select_for_update().select_related("unit").get(pk=officer.pk)
        before = snapshot(locked)
        changes: dict[str, Any] = vars(clean)
        for name, value in changes.items():
            setattr(locked, name, value)
        save_audited_update(
            actor=actor, instance=locked, before=before, scope_path=locked.unit.path
        )
    return locked


@audited
def tdkt_officer_delete(*, actor: Actor, officer: TdktOfficer) -> None:
    check_province(actor, officer.unit, officer.year)
    with transaction.atomic():
        record_change(
            actor=actor,
            action=ChangeAction.DELETE,
            instance=officer,
            before=snapshot(officer),
            scope_path=officer.unit.path,
        )
        officer.delete()
