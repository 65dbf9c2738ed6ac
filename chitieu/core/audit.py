"""Recording changes: services call `record_change` inside their transaction, so the audit row
and the change commit or roll back together."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models.fields.files import FieldFile

from chitieu.core import versions
from chitieu.core.models import ChangeAction, ObjectChange

if TYPE_CHECKING:
    from chitieu.core.users import Actor

# Writes that change what no cached page shows: accounts and sign-ins (what a user may see is
# worked out at every request, never cached). Every other audited write sets a new data version.
UNVERSIONED_APPS = frozenset({"accounts", "auth", "axes", "sessions"})
# A change of the units' tree can move a unit between provinces: it sets the national version.
STRUCTURAL_APPS = frozenset({"units"})

P = ParamSpec("P")
R = TypeVar("R")


@dataclass
class AuditContext:
    """The audited write under way: a service opened it; `changes` counts the audit rows it
    wrote, `saved` the domain rows it wrote and `written` the domain tables it wrote by SQL
    (both filled only by the test-time tripwire)."""

    label: str
    exempt: str = ""
    changes: int = 0
    saved: list[str] = dataclasses.field(default_factory=list)
    # Tables written by SQL that sends no model signal (bulk inserts and updates), likewise.
    written: list[str] = dataclasses.field(default_factory=list)


_current: ContextVar[AuditContext | None] = ContextVar("chitieu_audit_context", default=None)
# The version rows the audit rows written inside `versions_set_last` set, gathered to be set once
# at its end (None: each audit row sets its own at once).
_versions_pending: ContextVar[set[str] | None] = ContextVar(
    "chitieu_versions_pending", default=None
)
# Called with the outermost context when it closes; the test-time tripwire listens here.
closing_hooks: list[Callable[[AuditContext], None]] = []


def current_audit_context() -> AuditContext | None:
    return _current.get()


@contextmanager
def audit_context(label: str, exempt: str = "") -> Iterator[AuditContext]:
    """Open an audited write (services do it through `@audited`). Nested services share the
    outermost context. `exempt` names why writes inside need no audit row (reference data loaded
    from the package, a test's own fixtures)."""
    outer = _current.get()
    if outer is not None and not exempt:
        yield outer
        return
    context = AuditContext(label=label, exempt=exempt)
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)
    for hook in closing_hooks:
        hook(context)


@contextmanager
def versions_set_last() -> Iterator[None]:
    """Inside: the audit rows' version rows are set once, at the end (still in the transaction).
    For a write that takes its locks as it goes (the bulk, chunk by chunk): the version rows,
    which every write of the province sets, are then the last lock it takes, as for a one-value
    save, so that no other write waits on them while holding a report the bulk needs next."""
    if _versions_pending.get() is not None:
        yield
        return
    pending: set[str] = set()
    token = _versions_pending.set(pending)
    try:
        yield
    finally:
        _versions_pending.reset(token)
    if pending:
        versions.bump_scopes(pending)


def _set_versions(scopes: set[str]) -> None:
    pending = _versions_pending.get()
    if pending is not None:
        pending |= scopes
    elif scopes:
        versions.bump_scopes(scopes)


def audited(func: Callable[P, R]) -> Callable[P, R]:
    """Mark a service: the writes it makes are audited writes (the tripwire checks it)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with audit_context(f"{func.__module__}.{func.__qualname__}"):
            return func(*args, **kwargs)

    return wrapper


def unaudited(reason: str) -> Any:
    """Writes that need no audit row, each with its reason: reference data loaded from the
    package, test fixtures built directly. A context manager."""
    return audit_context("unaudited", exempt=reason)


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
    actor: Actor | None,  # None: nobody signed in (a failed login)
    action: ChangeAction,
    instance: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
    verb: str = "",
    scope_path: str = "",
) -> ObjectChange | None:
    """Write one audit row. Must run inside the transaction that makes the change. An update
    that changed nothing writes none."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_change must be called inside transaction.atomic()")
    if action == ChangeAction.UPDATE and before is not None and before == after:
        return None  # nothing changed: nothing to record
    user = actor if actor is not None and actor.is_authenticated else None
    if (context := _current.get()) is not None:
        context.changes += 1
    if instance._meta.app_label not in UNVERSIONED_APPS:
        structural = instance._meta.app_label in STRUCTURAL_APPS
        _set_versions(versions.scopes_set_by(scope_path, structural=structural))
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


def record_bulk(changes: list[ObjectChange]) -> None:
    """Write many audit rows at once (an import of thousands of objects), in its transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_bulk must be called inside transaction.atomic()")
    if (context := _current.get()) is not None:
        context.changes += len(changes)
    scopes: set[str] = set()
    for change in changes:
        content_type = ContentType.objects.get_for_id(change.content_type_id)  # cached
        structural = content_type.app_label in STRUCTURAL_APPS
        scopes |= versions.scopes_set_by(change.scope_path, structural=structural)
    _set_versions(scopes)
    ObjectChange.objects.bulk_create(changes, batch_size=2000)


def record_creation(
    *, actor: Actor, instance: models.Model, scope_path: str = "", reason: str = "", verb: str = ""
) -> ObjectChange | None:
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


@audited  # it writes its own audit row
def save_audited_update(
    *,
    actor: Actor,
    instance: models.Model,
    before: dict[str, Any],
    reason: str = "",
    scope_path: str = "",
) -> None:
    """Save an instance changed since `before`; if nothing changed, neither save nor record."""
    if snapshot(instance) == before:
        return
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
