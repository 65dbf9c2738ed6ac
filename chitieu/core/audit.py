"""Recording changes: services call `record_change` inside their transaction, so the audit row
and the change commit or roll back together."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models.fields.files import FieldFile

from chitieu.core.models import ChangeAction, ObjectChange


def json_value(value: Any) -> Any:
    """A JSON-safe form that keeps exactness: decimals and dates become strings."""
    if isinstance(value, Decimal):
        # The same number reads the same before and after a save: "273.5", not "273.500000".
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, list | tuple):
        return [json_value(item) for item in value]
    if isinstance(value, dict):
        return {key: json_value(item) for key, item in value.items()}
    return value


def snapshot(instance: models.Model, exclude: set[str] | None = None) -> dict[str, Any]:
    """The concrete field values of an instance (foreign keys as ids), JSON-safe."""
    skipped = exclude or set()
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in skipped or field.primary_key:
            continue
        data[field.name] = json_value(field.value_from_object(instance))
    return data


def record_change(
    *,
    actor: Any,
    action: ChangeAction,
    instance: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
    verb: str = "",
    scope_path: str = "",
) -> ObjectChange:
    """Write one audit row. Must run inside the transaction that makes the change."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_change must be called inside transaction.atomic()")
    user = actor if actor is not None and actor.is_authenticated else None
    return ObjectChange.objects.create(
        actor=user,
        action=action,
        verb=verb,
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
        # An object that is not stored (a failed login to an unknown username) has no id.
        object_id="" if instance.pk is None else str(instance.pk),
        object_repr=str(instance)[:300],
        before=before,
        after=after,
        reason=reason,
        scope_path=scope_path,
    )


def record_creation(
    *, actor: Any, instance: models.Model, scope_path: str = "", reason: str = "", verb: str = ""
) -> ObjectChange:
    """The audit row of a new object: its fields as created. Inside the creating transaction."""
    return record_change(
        actor=actor,
        action=ChangeAction.CREATE,
        instance=instance,
        after=snapshot(instance),
        reason=reason,
        verb=verb,
        scope_path=scope_path,
    )


def save_audited_update(
    *,
    actor: Any,
    instance: models.Model,
    before: dict[str, Any],
    reason: str = "",
    scope_path: str = "",
) -> None:
    """Save an instance changed since `before`; write the audit row only if something changed."""
    instance.save()
    after = snapshot(instance)
    if after != before:
        record_change(
            actor=actor,
            action=ChangeAction.UPDATE,
            instance=instance,
            before=before,
            after=after,
            reason=reason,
            scope_path=scope_path,
        )
