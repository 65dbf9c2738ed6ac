"""Writes to the indicator catalogue (system administrators), audited."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction

from chitieu.accounts.permissions import PermissionDenied, is_system_admin
from chitieu.core.audit import (
    audited,
    record_bulk,
    save_audited_update,
    snapshot,
)
from chitieu.core.models import ChangeAction, ObjectChange
from chitieu.core.users import Actor
from chitieu.indicators.models import Aggregation, Indicator

CATALOGUE_FILE = Path(__file__).with_name("catalogue.json")
EDITABLE_FIELDS = (
    "name",
    "short_name",
    "unit_of_measure",
    "category",
    "direction",
    "aggregation",
    "weight_indicator",
    "nature",
    "decimals",
    "minimum",
    "maximum",
    "whole_numbers",
    "ranked_units",
    "ranked_among",
    "description",
    "is_active",
)


def _require_admin(actor: Actor) -> None:
    if not is_system_admin(actor):
        raise PermissionDenied("Chỉ quản trị hệ thống được sửa danh mục chỉ tiêu.")


def _check(indicator: Indicator) -> None:
    if (
        indicator.minimum is not None
        and indicator.maximum is not None
        and indicator.minimum > indicator.maximum
    ):
        raise ValidationError({"maximum": "Giá trị cao nhất phải lớn hơn giá trị thấp nhất."})
    if indicator.aggregation == Aggregation.WEIGHTED_AVERAGE and indicator.weight_indicator is None:
        raise ValidationError(
            {"weight_indicator": "Bình quân gia quyền cần chọn chỉ tiêu làm quyền số."}
        )
    if indicator.weight_indicator_id and indicator.weight_indicator_id == indicator.pk:
        raise ValidationError(
            {"weight_indicator": "Một chỉ tiêu không thể là quyền số của chính nó."}
        )


@audited
def indicator_update(
    *, actor: Actor, indicator: Indicator, reason: str = "", **changes: object
) -> Indicator:
    _require_admin(actor)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"indicator_update cannot change {sorted(unknown)}")
    with transaction.atomic():
        locked = Indicator.objects.select_for_update(of=("self",)).get(pk=indicator.pk)
        before = snapshot(locked)
        for field, value in changes.items():
            setattr(locked, field, value)
        _check(locked)
        save_audited_update(actor=actor, instance=locked, before=before, reason=reason)
    return locked


def _bound(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


@audited
@transaction.atomic
def load_default_catalogue() -> int:
    """Create the indicators of the default catalogue that are missing. Returns how many."""
    entries = json.loads(CATALOGUE_FILE.read_text(encoding="utf-8"))
    existing = set(Indicator.objects.values_list("code", flat=True))
    missing = [entry for entry in entries if entry["code"] not in existing]
    created = Indicator.objects.bulk_create(
        Indicator(
            code=entry["code"],
            name=entry["name"],
            short_name=entry.get("short_name", ""),
            unit_of_measure=entry["unit"],
            category=entry["category"],
            direction=entry["direction"],
            # Weights refer to other entries: set them once every indicator exists.
            aggregation="none" if entry.get("weight") else entry["aggregation"],
            nature=entry["nature"],
            decimals=entry["decimals"],
            minimum=_bound(entry.get("minimum")),
            maximum=_bound(entry.get("maximum")),
            whole_numbers=entry.get("whole", False),
            ranked_units=entry.get("ranked_units", ""),
            ranked_among=entry.get("ranked_among", {}),
            description=entry.get("description", ""),
        )
        for entry in missing
    )
    by_code = {indicator.code: indicator for indicator in Indicator.objects.all()}
    for entry in missing:
        if entry.get("weight"):
            indicator = by_code[entry["code"]]
            indicator.aggregation = entry["aggregation"]
            indicator.weight_indicator = by_code[entry["weight"]]
            indicator.save(update_fields=["aggregation", "weight_indicator"])
    created = [by_code[indicator.code] for indicator in created]
    content_type = ContentType.objects.get_for_model(Indicator)
    record_bulk(
        [
            ObjectChange(
                action=ChangeAction.CREATE,
                verb="import",
                content_type=content_type,
                object_id=str(indicator.pk),
                object_repr=str(indicator),
                after=snapshot(indicator),
                reason="Danh mục chỉ tiêu mặc định",
            )
            for indicator in created
        ]
    )
    return len(created)
