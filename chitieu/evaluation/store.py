"""Stored results: each unit's evaluated targets for a period and view, kept under the data
versions they were computed from (`chitieu.core.versions`), so that an evaluation reads them
instead of working them out again, and stays live.

A unit's results are stored under its subtree stamp, the own stamps of the units above it and
the national stamp, read *before* the figures they are computed from. Every audited write sets
new stamps for its unit and the units above it in its own transaction, so a figure saved in one
commune makes that commune's, its district's and its province's stored results stale at once
(they are recomputed, by the engine, at the next request) and leaves the other communes' as
they are. Nothing here decides a status: what is stored is the engine's own output.

The results are pickled with the indicators and units they point to left out (by id), and
those read afresh, once for all units: an indicator renamed shows its new name, and one
indicator object is shared by every result, as the loader does. They are kept in the
"evaluation" cache: a process's memory by default, Redis (CACHE_URL) shared by every worker
and server in a deployment.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import logging
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.core.cache import caches

from chitieu.core import versions
from chitieu.core.audit import current_audit_context
from chitieu.indicators.models import Indicator
from chitieu.units.models import Unit

CACHE = "evaluation"
SECONDS = 7 * 24 * 3600  # a safety net only: every audited write changes the keys

logger = logging.getLogger(__name__)
T = TypeVar("T")
IndicatorLoader = Callable[[Iterable[int]], dict[int, Indicator]]


@dataclass
class Stored:
    """One unit's results as stored: its tolerance and its results (the loader's objects)."""

    tolerance: Decimal
    results: list[Any]


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.indicators: set[int] = set()
        self.units: set[int] = set()

    def reducer_override(self, obj: object) -> Any:
        # A named tuple rebuilt by tuple.__new__ (C) rather than its own __new__ (Python):
        # a third of the time of reading the results back.
        if isinstance(obj, tuple) and type(obj) is not tuple:
            return tuple.__new__, (type(obj), tuple(obj))
        return NotImplemented

    def persistent_id(self, obj: object) -> tuple[str, int] | None:
        if isinstance(obj, Indicator):
            self.indicators.add(obj.pk)
            return ("indicator", obj.pk)
        if isinstance(obj, Unit):
            self.units.add(obj.pk)
            return ("unit", obj.pk)
        return None


def layout_of(*classes: type) -> str:
    """A short fingerprint of the classes whose objects are stored (their names and fields),
    part of every key: results stored by another version of the code are never read."""
    described = []
    for cls in classes:
        fields = getattr(cls, "_fields", None) or [f.name for f in dataclasses.fields(cls)]
        described.append(f"{cls.__module__}.{cls.__qualname__}({','.join(fields)})")
    return hashlib.blake2b(";".join(described).encode(), digest_size=4).hexdigest()


def _unpickle(data: bytes, objects: dict[object, object]) -> Any:
    unpickler = pickle.Unpickler(io.BytesIO(data))
    # A dictionary's own lookup (C), not a method: called once per result.
    unpickler.persistent_load = objects.__getitem__  # type: ignore[method-assign]
    return unpickler.load()


def _shared(call: Callable[[], T], otherwise: T) -> T:
    """A call to the shared store; if it cannot be reached (Redis down), the results are worked
    out by the engine as if nothing were stored: slower pages, never an error page."""
    try:
        return call()
    except Exception:  # the backend's own errors (redis.ConnectionError, timeouts, …)
        logger.warning("the evaluation store cannot be reached", exc_info=True)
        return otherwise


class _Recent:
    """The results read or worked out last in this process, as objects, under the same keys:
    a unit's results read again are neither fetched nor unpickled. The objects are shared by
    the requests that read them, which only read them. At most `limit` units (about 70 KB each
    for 60 targets)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.entries: OrderedDict[str, Stored] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> Stored | None:
        with self.lock:
            stored = self.entries.get(key)
            if stored is not None:
                self.entries.move_to_end(key)
            return stored

    def put(self, key: str, stored: Stored) -> None:
        with self.lock:
            self.entries[key] = stored
            self.entries.move_to_end(key)
            while len(self.entries) > self.limit:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


RECENT = _Recent(limit=1000)


def forget_recent() -> None:
    """For tests, whose rolled-back transactions bring back the same data versions."""
    RECENT.clear()


class Lookup:
    """The stored results of some units for one period and view: `found` by unit id; `save`
    keeps the ones computed for the others under the stamps read before they were computed."""

    def __init__(self, units: list[Unit], period_code: str, view: str, layout: str) -> None:
        scopes = {unit.pk: versions.unit_scopes(unit.path) for unit in units}
        known = versions.stamps({scope for wanted in scopes.values() for scope in wanted})
        self.keys = {
            pk: f"r{layout}:{pk}:{period_code}:{view}:{versions.combined(wanted, known)}"
            for pk, wanted in scopes.items()
        }
        self.found: dict[int, Stored] = {}

    def read(self, load_indicators: IndicatorLoader) -> None:
        for pk, key in self.keys.items():
            if (stored := RECENT.get(key)) is not None:
                self.found[pk] = stored
        wanted = [key for pk, key in self.keys.items() if pk not in self.found]
        entries: dict[str, Any] = (
            _shared(lambda: caches[CACHE].get_many(wanted), {}) if wanted else {}
        )
        if not entries:
            return
        indicator_ids = {pk for entry in entries.values() for pk in entry[0]}
        unit_ids = {pk for entry in entries.values() for pk in entry[1]}
        indicators = load_indicators(indicator_ids)
        units = {unit.pk: unit for unit in Unit.objects.filter(pk__in=unit_ids)} if unit_ids else {}
        objects: dict[object, object] = {("indicator", pk): obj for pk, obj in indicators.items()}
        objects.update((("unit", pk), obj) for pk, obj in units.items())
        by_key = {key: pk for pk, key in self.keys.items()}
        for key, (wanted_indicators, wanted_units, tolerance, data) in entries.items():
            if not (wanted_indicators <= indicators.keys() and wanted_units <= units.keys()):
                continue  # an indicator or unit deleted since: worked out again
            try:
                stored = Stored(tolerance, _unpickle(data, objects))
            except Exception:  # whatever went wrong, the engine works them out again
                logger.warning("stored results that cannot be read back", exc_info=True)
                continue
            RECENT.put(key, stored)
            self.found[by_key[key]] = stored

    def save(self, computed: dict[int, Stored]) -> None:
        if current_audit_context() is not None:
            # Inside a write service: what it evaluates may include its own writes, whose
            # versions are set only at its audit rows; stored under the versions read now,
            # they would outlive a rollback.
            return
        entries = {}
        for pk, stored in computed.items():
            file = io.BytesIO()
            pickler = _Pickler(file)
            pickler.dump(stored.results)
            entries[self.keys[pk]] = (
                frozenset(pickler.indicators),
                frozenset(pickler.units),
                stored.tolerance,
                file.getvalue(),
            )
            RECENT.put(self.keys[pk], stored)
        if entries:
            _shared(lambda: caches[CACHE].set_many(entries, SECONDS), [])
