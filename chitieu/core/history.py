"""Which objects have a history page, and who may see it: each app registers an accessor that
returns the object for a user or raises Http404."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.db.models import Model

if TYPE_CHECKING:
    from chitieu.core.users import AnyUser

# (user, pk from the URL) -> the object, or Http404
HistoryAccessor = Callable[["AnyUser", str], Model]

_accessors: dict[str, HistoryAccessor] = {}


def register_history(model_label: str, accessor: HistoryAccessor) -> None:
    _accessors[model_label] = accessor


def history_accessor(model_label: str) -> HistoryAccessor | None:
    return _accessors.get(model_label)
