"""Writes for persons and their history: a person of a unit, and an award of the past entered
into the history. Every write is scoped, audited and atomic."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from chitieu.accounts.permissions import Capability, PermissionDenied, has_capability, require
from chitieu.awards.models import AwardKind, AwardRecord, Person
from chitieu.core.audit import audited, record_creation
from chitieu.core.users import Actor
from chitieu.units.models import Unit


@audited
def person_create(
    *,
    actor: Actor,
    unit: Unit,
    full_name: str,
    sex: str,
    birth_year: int | None = None,
    position: str = "",
    group: str = "khac",
    is_sample: bool = False,
) -> Person:
    if not (
        has_capability(actor, Capability.PROPOSE_AWARDS, unit)
        or has_capability(actor, Capability.MANAGE_EMULATION, unit)
    ):
        raise PermissionDenied(f"Bạn không có quyền quản lý cán bộ của {unit.name}.")
    if not full_name.strip():
        raise ValidationError({"full_name": "Hãy nhập họ và tên."})
    with transaction.atomic():
        person = Person.objects.create(
            unit=unit,
            full_name=full_name.strip(),
            sex=sex,
            birth_year=birth_year,
            position=position,
            group=group,
            is_sample=is_sample,
        )
        record_creation(actor=actor, instance=person, scope_path=unit.path)
    return person


@audited
def award_record_create(
    *,
    actor: Actor,
    award: AwardKind,
    year: int,
    decision_number: str,
    decision_date: dt.date,
    person: Person | None = None,
    unit: Unit | None = None,
    issuer: str = "",
    commendation_type: str = "cong_trang",
    cash: Decimal | None = None,
    note: str = "",
    is_sample: bool = False,
    reason: str = "",
) -> AwardRecord:
    """Enter an award of the past into the history (decided outside the system)."""
    subject_unit = person.unit if person else unit
    if subject_unit is None or (person is not None and unit is not None):
        raise ValidationError("Khen thưởng phải thuộc về một cá nhân hoặc một tập thể.")
    require(actor, Capability.MANAGE_EMULATION, subject_unit)
    with transaction.atomic():
        record = AwardRecord.objects.create(
            person=person,
            unit=unit,
            award=award,
            year=year,
            decision_number=decision_number,
            decision_date=decision_date,
            issuer=issuer,
            commendation_type=commendation_type,
            cash=cash,
            note=note,
            is_sample=is_sample,
        )
        record_creation(actor=actor, instance=record, scope_path=subject_unit.path, reason=reason)
    return record
