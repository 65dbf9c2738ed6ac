"""The set-based writes of the bulk: one statement per chunk for the figures inserted, one
for those updated, one for their revisions. On PostgreSQL the rows go as arrays through
unnest(); elsewhere (SQLite) through executemany.

Only the bulk service calls these, inside its transaction and with the reports locked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import connection

from chitieu.actuals.models import Actual, Submission, SubmissionStatus

if TYPE_CHECKING:
    from chitieu.actuals.bulk.service import Checked

# (unit id, indicator id, period, kind) → (id, value, version, author's username, updated_at)
Current = dict[tuple[int, int, str, str], tuple[int, Decimal | None, int, str | None, dt.datetime]]


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _array(items: Iterable[object], *, quoted: bool = False) -> str:
    """A PostgreSQL array literal, cast by the statement (`%s::bigint[]`): one text parameter
    instead of a list that the driver would adapt element by element (measured: that took a
    third of the writing). Numbers and NULLs as they are, texts quoted and escaped."""
    if not quoted:
        return "{" + ",".join("NULL" if item is None else str(item) for item in items) + "}"
    return (
        "{"
        + ",".join(
            "NULL"
            if item is None
            else '"' + str(item).replace("\\", "\\\\").replace('"', '\\"') + '"'
            for item in items
        )
        + "}"
    )


def _codes(items: Iterable[str]) -> str:
    """An array literal of codes checked already (periods, kinds: no quote, no backslash)."""
    return '{"' + '","'.join(items) + '"}'


def reports_among(reports: set[tuple[int, str, str]]) -> list[Submission]:
    """The stored reports among `reports` (unit id, period, kind: each kind of figures has its
    own), in the order of unit, period and kind; not locked."""
    if not reports:
        return []
    rows = Submission.objects.filter(
        unit_id__in={unit for unit, _, _ in reports},
        period__in={period for _, period, _ in reports},
    ).order_by("unit_id", "period", "kind")
    return [s for s in rows if (s.unit_id, s.period, s.kind) in reports]


def open_reports(reports: set[tuple[int, str, str]]) -> set[tuple[int, str, str]]:
    """Create, as drafts, those of the reports (unit id, period, kind) that do not exist yet;
    those created. (The caller locks them all next.)"""
    if not reports:
        return set()
    if _postgres():
        units, periods, kinds = (list(column) for column in zip(*sorted(reports), strict=True))
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO actuals_submission (unit_id, period, kind, status, comment) "
                "SELECT u, p, k, %s, '' FROM unnest(%s::bigint[], %s::varchar[], %s::varchar[]) "
                "AS t(u, p, k) ON CONFLICT (unit_id, period, kind) DO NOTHING "
                "RETURNING unit_id, period, kind",
                [SubmissionStatus.DRAFT, _array(units), _codes(periods), _codes(kinds)],
            )
            return set(cursor.fetchall())
    existing = {(s.unit_id, s.period, s.kind) for s in reports_among(reports)}
    missing = sorted(reports - existing)
    Submission.objects.bulk_create(
        [Submission(unit_id=unit, period=period, kind=kind) for unit, period, kind in missing],
        ignore_conflicts=True,
    )
    return set(missing)


def lock_reports(
    reports: set[tuple[int, str, str]], *, skip_locked: bool = False
) -> list[Submission]:
    """The reports (unit id, period, kind) locked, in the order of unit, period and kind (the
    order every write locks them in); with `skip_locked`, those another write holds are left
    out instead of waited for. Only their keys, id and status are read."""
    if not reports:
        return []
    if not _postgres():  # no row locks: the database is locked for the writer as a whole
        return reports_among(reports)
    units, periods, kinds = (list(column) for column in zip(*sorted(reports), strict=True))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.id, s.unit_id, s.period, s.kind, s.status FROM actuals_submission s "
            "JOIN unnest(%s::bigint[], %s::varchar[], %s::varchar[]) AS t(u, p, k) "
            "ON s.unit_id = t.u AND s.period = t.p AND s.kind = t.k "
            "ORDER BY s.unit_id, s.period, s.kind FOR UPDATE OF s"
            + (" SKIP LOCKED" if skip_locked else ""),
            [_array(units), _codes(periods), _codes(kinds)],
        )
        return [
            Submission(id=pk, unit_id=unit, period=period, kind=kind, status=status)
            for pk, unit, period, kind, status in cursor.fetchall()
        ]


def current_values(rows: Sequence[Checked], *, lock: bool) -> Current:
    """The stored figures of the chunk's rows, in one query (locked for the update)."""
    if not rows:
        return {}
    if _postgres():
        return _current_values_postgres(rows, lock=lock)
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


def _current_values_postgres(rows: Sequence[Checked], *, lock: bool) -> Current:
    """The same through the unique index on (unit, indicator, period, kind), joined with the
    chunk's keys (a filter by unit, indicator and period lists scans the table)."""
    users = get_user_model()._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT a.id, a.unit_id, a.indicator_id, a.period, a.kind, a.value, a.version, "
            "u.username, a.updated_at FROM unnest("
            "%s::bigint[], %s::bigint[], %s::varchar[], %s::varchar[]) AS t(u, i, p, k) "
            "JOIN actuals_actual a ON a.unit_id = t.u AND a.indicator_id = t.i "
            "AND a.period = t.p AND a.kind = t.k "
            f"LEFT JOIN {connection.ops.quote_name(users)} u ON u.id = a.updated_by_id"
            + (" FOR UPDATE OF a" if lock else ""),
            [
                _array(row[1] for row in rows),
                _array(row[2] for row in rows),
                _codes(row[3] for row in rows),
                _codes(row[4] for row in rows),
            ],
        )
        return {
            (unit, indicator, period, kind): (pk, value, version, who, when)
            for pk, unit, indicator, period, kind, value, version, who, when in cursor.fetchall()
        }


def _sqlite_decimal(text: str | None) -> Any:
    """A value as Django gives SQLite a DecimalField's (a Decimal, stored as a number)."""
    return None if text is None else connection.ops.adapt_decimalfield_value(Decimal(text), 20, 6)


def inserts_missing() -> bool:
    """Whether `insert_missing` is available (INSERT … ON CONFLICT DO NOTHING RETURNING)."""
    return _postgres()


def insert_missing(
    rows: list[tuple[int, int, str, str, str]], author_id: int | None, now: dt.datetime
) -> dict[tuple[int, int, str, str], int]:
    """Insert the figures among `rows` not stored yet (version 1); the ids of those inserted
    by (unit, indicator, period, kind). A stored one is left as it is (PostgreSQL)."""
    if not rows:
        return {}
    units, indicators, periods, kinds, values = (list(column) for column in zip(*rows, strict=True))
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO actuals_actual "
            "(unit_id, indicator_id, period, kind, value, version, updated_by_id, "
            "updated_at, is_sample) "
            "SELECT u, i, p, k, v, 1, %s, %s, false FROM unnest("
            "%s::bigint[], %s::bigint[], %s::varchar[], %s::varchar[], %s::numeric[]"
            ") AS t(u, i, p, k, v) "
            "ON CONFLICT (unit_id, indicator_id, period, kind) DO NOTHING "
            "RETURNING id, unit_id, indicator_id, period, kind",
            [
                author_id,
                now,
                _array(units),
                _array(indicators),
                _codes(periods),
                _codes(kinds),
                _array(values),
            ],
        )
        return {(u, i, p, k): pk for pk, u, i, p, k in cursor.fetchall()}


# The arrays of `insert_new` as literals, built ahead (in the check's thread): units,
# indicators, periods, kinds, values, and comments (None when every one is empty).
NewFigures = tuple[str, str, str, str, str, str | None]
Key = tuple[int, int, str, str]  # unit id, indicator id, period, kind


def new_figures(rows: Sequence[tuple[int, int, str, str, str, str]]) -> NewFigures:
    """`rows` (unit id, indicator id, period, kind, value text, comment) as `insert_new`'s
    arrays."""
    units, indicators, periods, kinds, values, comments = (
        list(column) for column in zip(*rows, strict=True)
    )
    return (
        _array(units),
        _array(indicators),
        _codes(periods),
        _codes(kinds),
        _array(values),
        _array(comments, quoted=True) if any(comments) else None,
    )


_INSERT_NEW = (
    "INSERT INTO actuals_actual (unit_id, indicator_id, period, kind, value, version, "
    "updated_by_id, updated_at, is_sample) SELECT u, i, p, k, v, 1, %s::integer, "
    "%s::timestamptz, false FROM {rows} "
    "ON CONFLICT (unit_id, indicator_id, period, kind) DO NOTHING "
    "RETURNING id, unit_id, indicator_id, period, kind, value"
)
_REVISIONS = (
    "INSERT INTO actuals_actualrevision "
    "(actual_id, version, value, author_id, created_at, source, quote, comment) "
)
_ARRAYS = "unnest(%s::bigint[], %s::bigint[], %s::varchar[], %s::varchar[], %s::numeric[])"
_INSERTED = (
    "SELECT count(*), CASE WHEN count(*) < %s THEN "
    "json_agg(json_build_array(unit_id, indicator_id, period, kind)) END FROM ins"
)
# Without comments the revisions come from the inserted rows alone; with them, joined to
# their input row for its comment (measured: the join costs a tenth of the statement).
_NEW_WITHOUT_COMMENTS = (
    f"WITH ins AS ({_INSERT_NEW.format(rows=_ARRAYS + ' AS t(u, i, p, k, v)')}), "
    f"rev AS ({_REVISIONS}SELECT id, 1, value, %s, %s, %s, '', '' FROM ins) {_INSERTED}"
)
_NEW_WITH_COMMENTS = (
    f"WITH t AS (SELECT * FROM {_ARRAYS[:-1]}, %s::varchar[]) AS t(u, i, p, k, v, c)), "
    f"ins AS ({_INSERT_NEW.format(rows='t')}), "
    f"rev AS ({_REVISIONS}SELECT ins.id, 1, ins.value, %s, %s, %s, '', t.c FROM ins JOIN t "
    "ON t.u = ins.unit_id AND t.i = ins.indicator_id AND t.p = ins.period AND t.k = ins.kind"
    f") {_INSERTED}"
)


def insert_new(
    figures: NewFigures, count: int, author_id: int | None, now: dt.datetime, source: str
) -> set[Key] | None:
    """Insert those of the `count` figures not stored yet (version 1) with their first revision,
    in one statement; a stored one is left as it is. None when all were inserted, otherwise
    the keys of those inserted (PostgreSQL)."""
    *arrays, comments = figures
    if comments is None:
        sql, parameters = _NEW_WITHOUT_COMMENTS, [author_id, now, *arrays]
    else:
        sql, parameters = _NEW_WITH_COMMENTS, [*arrays, comments, author_id, now]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*parameters, author_id, now, source, count])
        inserted, keys = cursor.fetchone()
    if inserted == count:
        return None
    return {(unit, indicator, period, kind) for unit, indicator, period, kind in keys or []}


def insert_actuals(
    rows: list[tuple[int, int, str, str, str]], author_id: int | None, now: dt.datetime
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
                [
                    author_id,
                    now,
                    _array(units),
                    _array(indicators),
                    _codes(periods),
                    _codes(kinds),
                    _array(values),
                ],
            )
            return {(u, i, p, k): pk for pk, u, i, p, k in cursor.fetchall()}
        ops = connection.ops
        stamp = ops.adapt_datetimefield_value(now)
        cursor.executemany(
            "INSERT INTO actuals_actual "
            "(unit_id, indicator_id, period, kind, value, version, updated_by_id, updated_at, "
            "is_sample) VALUES (%s, %s, %s, %s, %s, 1, %s, %s, %s)",
            [(u, i, p, k, _sqlite_decimal(v), author_id, stamp, False) for u, i, p, k, v in rows],
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
    rows: list[tuple[int, str | None]], author_id: int | None, now: dt.datetime
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
                [author_id, now, _array(ids), _array(values)],
            )
            return
        ops = connection.ops
        stamp = ops.adapt_datetimefield_value(now)
        cursor.executemany(
            "UPDATE actuals_actual SET value = %s, version = version + 1, updated_by_id = %s, "
            "updated_at = %s WHERE id = %s",
            [(_sqlite_decimal(v), author_id, stamp, pk) for pk, v in rows],
        )


def insert_revisions(
    rows: list[tuple[int, int, str | None, str]],
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
                [
                    author_id,
                    now,
                    source,
                    _array(actuals),
                    _array(versions),
                    _array(values),
                    _array(comments, quoted=True),
                ],
            )
            return
        ops = connection.ops
        stamp = ops.adapt_datetimefield_value(now)
        cursor.executemany(
            "INSERT INTO actuals_actualrevision "
            "(actual_id, version, value, author_id, created_at, source, quote, comment) "
            "VALUES (%s, %s, %s, %s, %s, %s, '', %s)",
            [(a, n, _sqlite_decimal(v), author_id, stamp, source, c) for a, n, v, c in rows],
        )
