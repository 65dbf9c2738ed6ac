"""Data versions, for caches and stored results that stay live.

Every audited write (`core.audit.record_change`) sets new random stamps, in the same transaction
as the write, on the version rows of the unit path it is scoped to (its `scope_path`):

- the *subtree* stamp of the unit and of each unit above it (`scope` the path: "/12/",
  "/12/345/"), since what a unit shows depends on its sub-units' figures (roll-ups, counts of
  sub-units, named sub-units);
- the *own* stamp of the unit (`scope` "=" and the path), since what is set on a unit (a
  "gần đạt" tolerance, its place in the tree) bears on the units below it;
- the national stamp (`scope` "") for a write with no scope, and for any change of the units'
  tree, which can move a unit between provinces.

So the results of a unit are current as long as its subtree stamp, the own stamps of the units
above it and the national stamp are unchanged (`unit_scopes`); a province's page as long as the
province's subtree stamp and the national one are (`current`). A reader reads the stamps
*before* the data, so a stamp it sees is never newer than the data it then reads (under READ
COMMITTED a write's stamps and rows become visible together): what is cached or stored under
the stamps is recomputed at the first request after a save, with no batch run and no expiry.

The rows are locked from the write's audit row to its commit: writes under one province queue
on its subtree row at their end, writes of different provinces do not; the rows are set in the
order of their keys, so that two writes never wait on each other's rows in turn. Random stamps
rather than a counter, so that a restored backup cannot bring back a number already used for
other data.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable

from django.db import DEFAULT_DB_ALIAS, connections

from chitieu.core.models import DataVersion

NATIONAL = ""
OWN = "="  # the prefix of a unit's own stamp


def scope_of(path: str) -> str:
    """The province scope of a unit path ("/12/" for "/12/345/"), or national."""
    first = path.strip("/").split("/", 1)[0]
    return f"/{first}/" if first else NATIONAL


def _prefixes(path: str) -> list[str]:
    """The paths of a unit and of the units above it, the highest first."""
    parts = [part for part in path.strip("/").split("/") if part]
    return [f"/{'/'.join(parts[: depth + 1])}/" for depth in range(len(parts))]


def scopes_set_by(path: str, *, structural: bool = False) -> set[str]:
    """The version rows a write scoped to `path` sets anew."""
    prefixes = _prefixes(path)
    if not prefixes:
        return {NATIONAL}
    scopes = {*prefixes, OWN + prefixes[-1]}
    if structural:
        scopes.add(NATIONAL)
    return scopes


def bump(scope_path: str, *, structural: bool = False) -> None:
    """New stamps for a write scoped to `scope_path` (national for ""); `structural` for a
    change of the units' tree. Call inside the write's transaction; `record_change` does."""
    bump_scopes(scopes_set_by(scope_path, structural=structural))


def bump_scopes(scopes: Iterable[str], *, using: str = DEFAULT_DB_ALIAS) -> None:
    connection = connections[using]
    table = connection.ops.quote_name(DataVersion._meta.db_table)
    ordered = sorted(set(scopes))
    values = ", ".join(["(%s, %s)"] * len(ordered))
    params = [item for scope in ordered for item in (scope, uuid.uuid4().hex)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (scope, stamp) VALUES {values} "
            "ON CONFLICT (scope) DO UPDATE SET stamp = excluded.stamp",
            params,
        )


def unit_scopes(path: str) -> list[str]:
    """The rows a unit's results depend on: its subtree stamp, the own stamps of the units
    above it, the national stamp."""
    prefixes = _prefixes(path)
    return [NATIONAL, *(OWN + above for above in prefixes[:-1]), *prefixes[-1:]]


def stamps(scopes: Iterable[str]) -> dict[str, str]:
    """The stamps of `scopes`, "0" for a row never set; one query."""
    wanted = set(scopes)
    found = dict(DataVersion.objects.filter(scope__in=wanted).values_list("scope", "stamp"))
    return {scope: found.get(scope, "0") for scope in wanted}


def combined(scopes: Iterable[str], known: dict[str, str]) -> str:
    """One short string for a key, from the stamps of `scopes`."""
    joined = "-".join(known[scope] for scope in scopes)
    return hashlib.blake2b(joined.encode(), digest_size=12).hexdigest()


def current(path: str) -> str:
    """The stamps data under the unit at `path` depends on (its province's subtree stamp and
    the national one), as one string for a cache key; one query."""
    scopes = sorted({NATIONAL, scope_of(path)})
    known = stamps(scopes)
    return "-".join(known[scope] for scope in scopes)
