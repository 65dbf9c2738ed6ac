"""The audit trail as people read it: each changed field by its Vietnamese name, each value as the
pages show it (the label of a status, not its code; the name of a unit, not its id; dates as
22/12/2021), read for a whole page of changes in one query per related model."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from chitieu.core.dates import format_date
from chitieu.core.models import ObjectChange
from chitieu.core.numbers import format_decimal

EMPTY = "∅"
ID_CHUNK = 500  # ids per query: SQLite's limit on bound variables


@dataclass(frozen=True)
class ShownChange:
    field: str
    old: str
    new: str


def shown_changes(changes: Iterable[ObjectChange]) -> dict[int, list[ShownChange]]:
    """Every change's fields as people read them, by the change's id."""
    changes = list(changes)
    names = _related_names(changes)
    shown: dict[int, list[ShownChange]] = {}
    for change in changes:
        model = change.content_type.model_class()
        shown[change.pk] = [
            ShownChange(
                _field_label(model, name),
                _value(model, name, old, names),
                _value(model, name, new, names),
            )
            for name, old, new in change.changed_fields()
        ]
    return shown


def attach_shown_changes(changes: Sequence[ObjectChange]) -> Sequence[ObjectChange]:
    """The same changes, each with `.shown` set (for templates)."""
    shown = shown_changes(changes)
    for change in changes:
        change.shown = shown[change.pk]  # type: ignore[attr-defined]
    return changes


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def _field_label(model: type[models.Model] | None, name: str) -> str:
    field = _field(model, name)
    return str(capfirst(field.verbose_name)) if field is not None else name


RelatedNames = dict[type[models.Model], dict[str, str]]


def _related_names(changes: list[ObjectChange]) -> RelatedNames:
    """The names of the objects that foreign keys of these changes point to: one query per model."""
    wanted: dict[type[models.Model], set[object]] = defaultdict(set)
    for change in changes:
        model = change.content_type.model_class()
        for name, old, new in change.changed_fields():
            field = _field(model, name)
            if field is None or not field.many_to_one or field.related_model is None:
                continue
            related = field.related_model
            assert isinstance(related, type)
            wanted[related].update(value for value in (old, new) if value not in (None, ""))
    names: RelatedNames = {}
    for related, ids in wanted.items():
        found = names[related] = {}
        ordered = sorted(ids, key=str)
        for start in range(0, len(ordered), ID_CHUNK):
            chunk = ordered[start : start + ID_CHUNK]
            found.update(
                (str(obj.pk), str(obj)) for obj in related._base_manager.filter(pk__in=chunk)
            )
    return names


def _value(model: type[models.Model] | None, name: str, value: object, names: RelatedNames) -> str:
    if value is None or value == "":
        return EMPTY
    field = _field(model, name)
    if field is None:
        return _plain(value)
    if field.many_to_one and field.related_model is not None:
        related = field.related_model
        assert isinstance(related, type)
        return names.get(related, {}).get(str(value), _("(deleted)"))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return _("Yes") if value else _("No")
    if isinstance(field, models.DateTimeField):
        return _datetime(value)
    if isinstance(field, models.DateField):
        return _date(value)
    if isinstance(field, models.DecimalField | models.IntegerField | models.FloatField):
        return _number(value)
    return _plain(value)


def _datetime(value: object) -> str:
    try:
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return f"{format_date(moment.date())} {moment:%H:%M}"


def _date(value: object) -> str:
    try:
        return format_date(dt.date.fromisoformat(str(value)[:10]))
    except ValueError:
        return str(value)


def _number(value: object) -> str:
    try:
        return format_decimal(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return str(value)


def _plain(value: object) -> str:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
