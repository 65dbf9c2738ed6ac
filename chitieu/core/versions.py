"""Data versions, for caches that stay live.

Every audited write (`core.audit.record_change`) sets a new random stamp on the version row of
its province (the first part of its `scope_path`), or on the national row when it has no scope,
in the same transaction as the write. A reader reads the stamps *before* the data, so a stamp it
sees is never newer than the data it then reads (under READ COMMITTED a write's stamp and rows
become visible together); a page cached under the stamps is therefore recomputed at the first
request after a save: no batch run, no expiry to wait for.

The row is locked from the write's audit row to its commit: writes of one province queue on it
at their end, writes of different provinces do not. Random stamps rather than a counter, so
that a restored backup cannot bring back a number already used for other data.
"""

from __future__ import annotations

import uuid

from django.db import connection

from chitieu.core.models import DataVersion

NATIONAL = ""


def scope_of(path: str) -> str:
    """The version scope of a unit path: its province ("/12/" for "/12/345/"), or national."""
    first = path.strip("/").split("/", 1)[0]
    return f"/{first}/" if first else NATIONAL


def bump(scope_path: str) -> None:
    """A new stamp for the province of `scope_path` (national for ""). Call inside the write's
    transaction; `record_change` does."""
    table = connection.ops.quote_name(DataVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (scope, stamp) VALUES (%s, %s) "
            "ON CONFLICT (scope) DO UPDATE SET stamp = excluded.stamp",
            [scope_of(scope_path), uuid.uuid4().hex],
        )


def current(path: str) -> str:
    """The stamps data under the unit at `path` depends on (its province's and the national
    one), as one string for a cache key; one query."""
    scopes = {NATIONAL, scope_of(path)}
    stamps = dict(DataVersion.objects.filter(scope__in=scopes).values_list("scope", "stamp"))
    return "-".join(stamps.get(scope, "0") for scope in sorted(scopes))
