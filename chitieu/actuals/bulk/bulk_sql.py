"""The set-based writes of the bulk: one statement per chunk for the figures inserted, one
for those updated, one for their revisions. On PostgreSQL the rows go as arrays through
unnest(); elsewhere (SQLite) through executemany.

Only the bulk service calls these, inside its transaction and with the reports locked."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import connection

from chitieu.actuals.models import Actual

# (unit id, indicator id, period, kind) → (id, value, version, author's username, updated_at)
Current = dict[tuple[int, int, str, str], tuple[int, Decimal | None, int, str | None, dt.datetime]]


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def current_values(rows, *, lock: bool) -> Current:
    """The stored figures of the chunk's rows, in one query (locked for the update)."""
    if not rows:
        return {}
    units = {row[1] for row in rows}
    indicators = {row[2] for row in rows}
    periods = {row[3] for row in rows}
    query = Actual.objects.filter(
        unit_id__in=sorted(units), indicator_id__in=sorted(indicators), period__in=sorted(periods)
    )
    if lock:
        query = query.select_for_update(of=("self",))
    wanted = {(row[1], row[2], row[3], row[4]) for row in rows}
    found: Current = {}
    for pk, unit, indicator, period, kind, value, version, who, when in query.values_list(
        "id",
        "unit_id",
        "indicator_id",
        "period",
        "kind",
        "value",
        "version",
        "updated_by__username",
        "updated_at",
    ):
        key = (unit, indicator, period, kind)
        if key in wanted:
            found[key] = (pk, value, version, who, when)
    return found


def insert_actuals(
    rows: list[tuple[int, int, str, str, Decimal]], author_id: int | None, now: dt.datetime
) -> dict[tuple[int, int, str, str], int]:
    """Insert new figures (version 1); their ids by (unit, indicator, period, kind)."""
    if not rows:
        return {}
    units, indicators, periods, kinds, values = (list(column) for column in zip(*rows, strict=True))
    with connection.cursor() as cursor:
        if _postgres():
            cursor.execute(
                "INSERT INTO actuals_actual "
                "(unit_id, indicator_id, period, kind, value, version, updated_by_id, "
                "updated_at, is_sample) "
                "SELECT u, i, p, k, v, 1, %s, %s, false FROM unnest("
                "%s::bigint[], %s::bigint[], %s::varchar[], %s::varchar[], %s::numeric[]"
                ") AS t(u, i, p, k, v) RETURNING id, unit_id, indicator_id, period, kind",
                [author_id, now, units, indicators, periods, kinds, values],
            )
            return {(u, i, p, k): pk for pk, u, i, p, k in cursor.fetchall()}
        ops = connection.ops
        stamp = ops.adapt_datetimefield_value(now)
        cursor.executemany(
            "INSERT INTO actuals_actual "
            "(unit_id, indicator_id, period, kind, value, version, updated_by_id, updated_at, "
            "is_sample) VALUES (%s, %s, %s, %s, %s, 1, %s, %s, %s)",
            [
                (u, i, p, k, ops.adapt_decimalfield_value(v, 20, 6), author_id, stamp, False)
                for u, i, p, k, v in rows
            ],
        )
    wanted = set(rows_keys := [(u, i, p, k) for u, i, p, k, _v in rows])
    query = Actual.objects.filter(
        unit_id__in=sorted(set(units)),
        indicator_id__in=sorted(set(indicators)),
        period__in=sorted(set(periods)),
        version=1,
    ).values_list("id", "unit_id", "indicator_id", "period", "kind")
    ids = {(u, i, p, k): pk for pk, u, i, p, k in query if (u, i, p, k) in wanted}
    assert len(ids) == len(rows_keys)
    return ids


def update_actuals(
    rows: list[tuple[int, Decimal | None]], author_id: int | None, now: dt.datetime
) -> None:
    """New values of stored figures, by id; each version goes up by one."""
    if not rows:
        return
    with connection.cursor() as cursor:
        if _postgres():
            ids, values = (list(column) for column in zip(*rows, strict=True))
            cursor.execute(
                "UPDATE actuals_actual AS a SET value = t.v, version = a.version + 1, "
                "updated_by_id = %s, updated_at = %s "
                "FROM unnest(%s::bigint[], %s::numeric[]) AS t(id, v) WHERE a.id = t.id",
                [author_id, now, ids, values],
            )
            return
        ops = connection.ops
        stamp = ops.adapt_datetimefield_value(now)
        cursor.executemany(
            "UPDATE actuals_actual SET value = %s, version = version + 1, updated_by_id = %s, "
            "updated_at = %s WHERE id = %s",
            [(ops.adapt_decimalfield_value(v, 20, 6), author_id, stamp, pk) for pk, v in rows],
        )


def insert_revisions(
    rows: list[tuple[int, int, Decimal | None, str]],
    author_id: int | None,
    now: dt.datetime,
    source: str,
) -> None:
    """One revision row per figure written: (actual id, version, value, comment)."""
    if not rows:
        return
    with connection.cursor() as cursor:
        if _postgres():
            actuals, versions, values, comments = (
                list(column) for column in zip(*rows, strict=True)
            )
            cursor.execute(
                "INSERT INTO actuals_actualrevision "
                "(actual_id, version, value, author_id, created_at, source, quote, comment) "
                "SELECT a, n, v, %s, %s, %s, '', c FROM unnest("
                "%s::bigint[], %s::integer[], %s::numeric[], %s::varchar[]) AS t(a, n, v, c)",
                [author_id, now, source, actuals, versions, values, comments],
            )
            return
        ops = connection.ops
        stamp = ops.adapt_datetimefield_value(now)
        cursor.executemany(
            "INSERT INTO actuals_actualrevision "
            "(actual_id, version, value, author_id, created_at, source, quote, comment) "
            "VALUES (%s, %s, %s, %s, %s, %s, '', %s)",
            [
                (a, n, ops.adapt_decimalfield_value(v, 20, 6), author_id, stamp, source, c)
                for a, n, v, c in rows
            ],
        )
