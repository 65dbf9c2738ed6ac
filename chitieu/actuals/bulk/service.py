"""Many figures in one call: checked all together by the rules of every other entry, then
written set by set (or not at all).

The body is read row by row and never held whole, in chunks of CHUNK rows:

- **Check** (in a thread of its own, `ahead.CheckedAhead`, running ahead of the writing): every
  row through the same rules as a figure typed in a form (`actual_value_check`: the column and
  the indicator's bounds; the reporter's units only; the unit existing in the period; the period
  and kind valid), each problem listed with its row and field. The checked rows go to a
  temporary file (compact tuples), and what their writing needs is worked out there too (their
  audit keys, the insert's arrays).
- **Write**, in one transaction, each chunk as soon as it is checked: its reports created where
  missing and locked, then its figures: where the database can, those not stored yet inserted
  with their first revision in one statement; the others read (locked), the versions the caller
  sent compared (a value changed since is refused with the newer value and its author), new
  ones inserted, changed ones updated (version + 1), a revision row for each; and ONE audit
  entry for the chunk listing every value's old → new. The rules run on one core while the
  database writes on the other.

All or none: a problem in any row, a report sent or approved, or a version refused anywhere
rolls back every chunk written (the check still goes to the end, to list every problem). The
version rows are set once, at the end (`versions_set_last`).

Locks: a chunk's reports are locked as they come, so not in one order over the call; to stay
clear of deadlocks the writing never waits for one. A report another write holds ends that
attempt (all undone) and the call goes the ordered way: everything checked first, then every
report locked in the order of unit, period and kind (waiting), as the one-by-one saves lock
them, then the chunks written. A dry run goes that way too, reading only.

The writes are set-based (`bulk_sql`): unnest() arrays on PostgreSQL, executemany elsewhere."""

from __future__ import annotations

import datetime as dt
import marshal
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from typing import IO, Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from chitieu.accounts.permissions import Capability, has_capability, scope_paths
from chitieu.actuals.bulk import bulk_sql
from chitieu.actuals.bulk.ahead import CheckedAhead
from chitieu.actuals.bulk.readers import RawRow, read_rows
from chitieu.actuals.models import EDITABLE_STATUSES, Actual, ActualKind, Submission
from chitieu.actuals.services import actual_value_check
from chitieu.core.audit import audited, json_value, record_bulk, versions_set_last
from chitieu.core.dates import format_date
from chitieu.core.models import ChangeAction, ObjectChange
from chitieu.core.numbers import NumberFormatError, format_decimal, parse_plain_decimal
from chitieu.core.periods import Period, PeriodError
from chitieu.core.users import Actor
from chitieu.indicators.models import Indicator
from chitieu.units.models import Unit

KINDS = frozenset(str(kind) for kind in ActualKind.values)
CHUNK = 5000  # rows checked, read and written together; one audit entry each
NO_VERSION = -1  # the caller sent no version: the value is saved over whatever is stored
FRESH = (NO_VERSION, 0)  # versions of a value that may be new (inserted unless stored)
COMMENT_LENGTH = 300  # ActualRevision.comment
SPOOL_IN_MEMORY = 16 * 1024 * 1024  # bytes of checked rows kept in memory between the passes

# A checked row: (number, unit id, indicator id, period code, kind, value text or None,
# version or NO_VERSION, comment). Plain values, so that marshal keeps them cheaply.
Checked = tuple[int, int, int, str, str, str | None, int, str]


@dataclass(frozen=True)
class _Chunk:
    """Checked rows with what their writing needs (`_Checker.prepare`); rows are named by
    their place in `rows`."""

    rows: list[Checked]
    keys: list[str]  # each row's key in the chunk's audit entry
    shown: list[str | None]  # each row's value as the audit keeps it
    fresh: list[int]  # the rows that may be new (a value, no version or 0)
    new_figures: bulk_sql.NewFigures | None  # those rows as the insert's arrays


@dataclass(frozen=True)
class RowError:
    row: int  # 0: the call as a whole (a report that is locked)
    field: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "field": self.field, "message": self.message}


class BulkRefused(ValidationError):
    """Nothing was saved: every problem found (up to BULK_MAX_ERRORS), and how many in all."""

    def __init__(self, errors: list[RowError], count: int):
        shown = [error.message for error in errors]
        if count > len(errors):
            shown.append(f"… và {format_decimal(count - len(errors))} lỗi khác.")
        super().__init__(shown)
        self.errors = errors
        self.count = count

    @property
    def summary(self) -> str:
        return f"{format_decimal(self.count)} lỗi; không có giá trị nào được lưu."


class TooLargeForOneCall(Exception):
    """More values than one request answers at once: the call goes on as a background job."""


@dataclass
class BulkResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    values: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


def _is_id(value: object) -> bool:
    """An id written with ASCII digits ("²" and "١" are digits to str.isdigit, not ids)."""
    if isinstance(value, bool):
        return False
    text = str(value if value is not None else "")
    return text.isascii() and text.isdigit() and len(text) <= 18


def _text(value: object) -> str:
    if value is None or isinstance(value, dict | list):
        return ""
    return str(value).strip()


def _chunks(rows: Iterable[Any], size: int | None = None) -> Iterator[list[Any]]:
    iterator, size = iter(rows), size or CHUNK
    try:
        while chunk := list(islice(iterator, size)):
            yield chunk
    finally:  # a reader left early lets go of the body now, not when it is collected
        close = getattr(iterator, "close", None)
        if close is not None:
            close()


@dataclass
class _Errors:
    limit: int
    kept: list[RowError] = field(default_factory=list)
    count: int = 0

    def add(self, row: int, field_name: str, message: str) -> None:
        self.count += 1
        if len(self.kept) < self.limit:
            self.kept.append(RowError(row, field_name, message))

    def refuse(self) -> None:
        if self.count:
            raise BulkRefused(self.kept, self.count)


class _Checker:
    """The first pass: each row through the rules, the units and reports it names noted."""

    def __init__(self, actor: Actor, errors: _Errors):
        self.actor = actor
        self.errors = errors
        self.indicators = {i.code: i for i in Indicator.objects.all()}
        self.indicator_by_id = {i.pk: i for i in self.indicators.values()}
        self.units: dict[int, Unit | None] = {}
        self.by_code: dict[str, list[Unit]] = {}
        self.allowed: dict[int, bool] = {}
        self.existed: dict[tuple[int, str], bool] = {}
        self.periods: dict[str, Period | PeriodError] = {}
        self.reports: set[tuple[int, str, str]] = set()  # (unit, period, kind)
        self.seen: dict[tuple[int, int, str, str], int] = {}
        self.labels: dict[tuple[int, int], str] = {}
        scope_paths(actor, Capability.ENTER_ACTUALS)  # read now: the rows are checked in a thread

    # -- units, read once per chunk ------------------------------------------------------
    def load_units(self, rows: list[RawRow], database: threading.Lock) -> None:
        """The units the rows name that were not read yet, read holding `database` (the
        connection is shared with the writing: taken only when there is something to read)."""
        ids = {int(r.unit) for r in rows if _is_id(r.unit)} - self.units.keys()
        codes = {_text(r.org_unit) for r in rows if r.org_unit is not None} - self.by_code.keys()
        codes = {code for code in codes if code and "\x00" not in code}  # no such unit
        if ids or codes:
            with database:
                self._read_units(ids, codes)

    def _read_units(self, ids: set[int], codes: set[str]) -> None:
        fields = ("id", "name", "path", "code", "source_key", "valid_from", "valid_to")
        if ids:
            found = {u.pk: u for u in Unit.objects.filter(pk__in=ids).only(*fields)}
            self.units.update({pk: found.get(pk) for pk in ids})
        if codes:
            for code in codes:
                self.by_code[code] = []
            for unit in Unit.objects.filter(Q(code__in=codes) | Q(source_key__in=codes)).only(
                *fields
            ):
                for key in {unit.code, unit.source_key or ""} & codes:
                    self.by_code[key].append(unit)
                self.units.setdefault(unit.pk, unit)

    def _period(self, text: str) -> Period | PeriodError:
        known = self.periods.get(text)
        if known is None:
            try:
                known = Period.parse(text)
            except PeriodError as error:
                known = error
            self.periods[text] = known
        return known

    def _in_scope(self, unit: Unit) -> bool:
        allowed = self.allowed.get(unit.id)
        if allowed is None:
            allowed = self.allowed[unit.id] = has_capability(
                self.actor, Capability.ENTER_ACTUALS, unit
            )
        return allowed

    def _existed(self, unit: Unit, period: Period) -> bool:
        key = (unit.id, period.code)
        known = self.existed.get(key)
        if known is None:
            known = self.existed[key] = unit.existed_during(period.start, period.end)
        return known

    def _unit_of_code(self, row: RawRow, period: Period) -> Unit | str:
        code = _text(row.org_unit)
        alive = [
            unit for unit in self.by_code.get(code, []) if self._existed(unit, period)
        ] or self.by_code.get(code, [])
        if not alive:
            return f"Dòng {row.number}: không có đơn vị mã “{code[:40]}” (orgUnit)."
        if len({unit.pk for unit in alive}) > 1:
            return (
                f"Dòng {row.number}: mã đơn vị “{code[:40]}” ứng với nhiều đơn vị trong kỳ "
                f"{period.label}; không biết ghi cho đơn vị nào."
            )
        return alive[0]

    # -- one row -------------------------------------------------------------------------
    def _unit_of_id(self, ref: object) -> Unit | None:
        """The unit an id names, if it is in the actor's scope (cached per id)."""
        if type(ref) is not int:
            if not _is_id(ref):
                return None
            ref = int(str(ref))
        unit = self.units.get(ref)
        return unit if unit is not None and self._in_scope(unit) else None

    def check(self, row: RawRow) -> Checked | None:
        """The row through every rule, or None with its problem noted. (The hot path of the
        bulk: each rule is asked once per row, the units, periods and scopes from caches.)"""
        add = self.errors.add
        number = row.number
        if row.problem is not None:
            add(number, *row.problem)
            return None
        unit: Unit | None = None
        if row.org_unit is None:
            unit = self._unit_of_id(row.unit)
            if unit is None:
                add(
                    number,
                    "unit",
                    f"Dòng {number}: không có đơn vị “{row.unit}” trong phạm vi của bạn.",
                )
                return None
        code = row.indicator if type(row.indicator) is str else _text(row.indicator)
        indicator = self.indicators.get(code) or self.indicators.get(_text(code))
        if indicator is None:
            add(
                number,
                "indicator",
                f"Dòng {number}: chỉ tiêu “{_text(row.indicator)[:40]}” không có trong danh mục.",
            )
            return None
        period = self._period(row.period if type(row.period) is str else _text(row.period))
        if isinstance(period, PeriodError):
            add(number, "period", f"Dòng {number}: {period}")
            return None
        if unit is None:
            found = self._unit_of_code(row, period)
            if isinstance(found, str):
                add(number, "orgUnit", found)
                return None
            if not self._in_scope(found):
                add(
                    number,
                    "orgUnit",
                    f"Dòng {number}: đơn vị “{found.name}” (mã {_text(row.org_unit)[:40]}) không "
                    "thuộc phạm vi của bạn.",
                )
                return None
            unit = found
        kind = row.kind if type(row.kind) is str else _text(row.kind)
        kind = kind or "estimate"
        if kind not in KINDS:
            kind = kind.strip() or "estimate"
            if kind not in KINDS:
                add(
                    number,
                    "kind",
                    f"Dòng {number}: loại số liệu “{kind[:40]}” không hợp lệ (estimate hoặc "
                    "official).",
                )
                return None
        unit_id = unit.id
        if not self._existed(unit, period):
            add(
                number,
                "period",
                f"Dòng {number}: {unit.name} không tồn tại trong kỳ {period.label} (đơn vị tồn "
                f"tại {unit.lifetime_text()}): không nhập được số liệu cho kỳ này.",
            )
            return None
        raw = row.value
        if type(raw) is str:
            text = raw.strip()
        elif raw is None:
            text = ""
        else:  # a JSON number is read exactly (Decimal); true, {} and [] are not numbers
            text = str(raw).strip() if not isinstance(raw, bool) else str(raw).lower()
        value: Decimal | None = None
        if text:
            try:
                value = parse_plain_decimal(text)
                actual_value_check(indicator, value, field="-")
            except (NumberFormatError, ValidationError):
                # Asked again naming the row, for the message (only when it is refused).
                label = f"Dòng {number}, {indicator.code} · {indicator.name}"
                try:
                    actual_value_check(
                        indicator, parse_plain_decimal(text, field=label), field=label
                    )
                except NumberFormatError as error:
                    add(number, "value", str(error))
                except ValidationError as error:
                    for message in error.messages:
                        add(number, "value", message)
                return None
        version = NO_VERSION
        if row.version is not None and row.version != "":
            if not _is_id(row.version) or int(row.version) > 2**31 - 1:
                add(
                    number,
                    "version",
                    f"Dòng {number}: phiên bản “{_text(row.version)[:20]}” phải là số nguyên "
                    "không âm.",
                )
                return None
            version = int(row.version)
        period_code = period.code
        key = (unit_id, indicator.id, period_code, kind)
        first = self.seen.get(key)
        if first is not None:
            add(
                number,
                "indicator",
                f"Dòng {number}: trùng với dòng {first} (cùng đơn vị, chỉ tiêu, kỳ và loại số "
                "liệu).",
            )
            return None
        self.seen[key] = number
        self.reports.add((unit_id, period_code, kind))
        comment = row.comment
        if comment is not None:
            comment = _text(comment).replace("\x00", "")[:COMMENT_LENGTH]  # PostgreSQL refuses NUL
        return (
            number,
            unit_id,
            indicator.id,
            period_code,
            kind,
            None if value is None else format(value, "f"),
            version,
            comment or "",
        )

    def check_rows(self, rows: list[RawRow]) -> list[Checked]:
        """The rows through the rules (after `load_units`: no query)."""
        return [checked for row in rows if (checked := self.check(row)) is not None]

    def prepare(self, rows: list[Checked], *, writing: bool) -> _Chunk:
        """What writing the rows needs besides them, worked out ahead (in the check's thread
        while earlier chunks are written): each row's key and value in the audit entry and,
        where the database inserts what is missing, the arrays of the rows that may be new."""
        if not writing:  # a dry run writes no audit entry and inserts nothing
            return _Chunk(rows, [], [], [], None)
        label = self._label
        keys = [f"{label(row[1], row[2])} · {row[3]} · {row[4]}" for row in rows]
        shown = [_shown(row[5]) for row in rows]
        fresh: list[int] = []
        figures = None
        if bulk_sql.inserts_missing():
            fresh = [at for at, row in enumerate(rows) if row[5] is not None and row[6] in FRESH]
            if fresh:
                figures = bulk_sql.new_figures(
                    [
                        (r[1], r[2], r[3], r[4], r[5] or "", r[7])
                        for r in map(rows.__getitem__, fresh)
                    ]
                )
        return _Chunk(rows, keys, shown, fresh, figures)

    def _label(self, unit_id: int, indicator_id: int) -> str:
        """ "KT06 · Xã Kỳ Hà (#12)", cached: the start of an audit key."""
        key = (unit_id, indicator_id)
        label = self.labels.get(key)
        if label is None:
            unit = self.units.get(unit_id)
            code = self.indicator_by_id[indicator_id].code
            label = f"{code} · {unit.name if unit else ''} (#{unit_id})"
            self.labels[key] = label
        return label

    def locked_reports(self) -> None:
        """Rows of reports that are sent or approved are refused (checked again under lock)."""
        for submission in bulk_sql.reports_among(self.reports):
            if submission.status not in EDITABLE_STATUSES:
                self.errors.add(0, "period", _locked_message(submission, self.units))


def _shown(text: str | None) -> str | None:
    """How the audit keeps a value (as core.audit.json_value does): "12.5", not "12.500"."""
    if text is None or "." not in text:
        return text
    return text.rstrip("0").rstrip(".")


def _locked_message(submission: Submission, units: dict[int, Unit | None]) -> str:
    unit = units.get(submission.unit_id)
    name = unit.name if unit else f"#{submission.unit_id}"
    return (
        f"Báo cáo {submission.get_kind_display().lower()} {Period.parse(submission.period).label}"
        f" của {name} đang ở trạng thái "
        f"“{submission.get_status_display()}”, không sửa được số liệu."
    )


def _describe_other(username: str | None, value: Decimal | None, moment: dt.datetime) -> str:
    who = username or "người khác"
    shown = "(trống)" if value is None else format_decimal(value)
    local = timezone.localtime(moment)
    return f"{shown}, do {who} lưu lúc {local:%H:%M} {format_date(local.date())}"


def _common_path(paths: Iterable[str]) -> str:
    """The deepest unit path above all of `paths` ("/12/" for "/12/34/" and "/12/56/")."""
    parts: list[str] | None = None
    for path in paths:
        pieces = path.strip("/").split("/")
        if parts is None:
            parts = pieces
        else:
            same = 0
            while same < min(len(parts), len(pieces)) and parts[same] == pieces[same]:
                same += 1
            parts = parts[:same]
    return f"/{'/'.join(parts)}/" if parts else ""


class _Spool:
    """The checked rows, kept in a temporary file between the two passes (bounded memory)."""

    def __init__(self) -> None:
        # In memory up to SPOOL_IN_MEMORY (about 200,000 checked rows), then on disk.
        self.file = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115
        self.count = 0

    def add(self, rows: list[Checked]) -> None:
        if rows:
            data = marshal.dumps(rows)
            self.file.write(len(data).to_bytes(8, "little"))
            self.file.write(data)
            self.count += len(rows)

    def chunks(self) -> Iterator[list[Checked]]:
        """Each chunk read whole (marshal reading a file object byte by byte took a second
        for 100,000 rows)."""
        self.file.seek(0)
        while size := self.file.read(8):
            yield marshal.loads(self.file.read(int.from_bytes(size, "little")))

    def close(self) -> None:
        self.file.close()


@audited
def actuals_bulk_save(
    *,
    actor: Actor,
    body: IO[bytes],
    layout: str,
    dry_run: bool = False,
    source: str = "API",
    max_values: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> BulkResult:
    """Save the figures of `body` (in `layout`, see readers.Layout), all or none. With
    `dry_run`, tell what would change and write nothing. More than `max_values` rows raise
    TooLargeForOneCall (nothing is saved). BodyError for a body that cannot be read,
    BulkRefused listing every problem otherwise."""
    report = progress or (lambda _percent: None)
    size = max(1, body.seek(0, 2))
    checker = _Checker(actor, _Errors(settings.BULK_MAX_ERRORS))
    spool = _Spool()
    database = threading.Lock()
    rows = 0

    def check(chunk: list[RawRow]) -> _Chunk:
        nonlocal rows
        rows += len(chunk)
        if max_values is not None and rows > max_values:
            raise TooLargeForOneCall(rows)
        checker.load_units(chunk, database)
        checked = checker.check_rows(chunk)
        spool.add(checked)
        # Reported when the connection is free (a dry run's check); while chunks are being
        # written, the progress would be invisible to others until the transaction commits.
        if database.acquire(blocking=False):
            try:
                report(1 + min(body.tell(), size) * 79 // size)
            finally:
                database.release()
        return checker.prepare(checked, writing=not dry_run)

    writing = _Writing(actor, checker, spool, source, dry_run, database)
    try:
        with CheckedAhead(_chunks(read_rows(layout, body)), check, database) as checked_chunks:
            if not dry_run:
                written = writing.as_checked(checked_chunks)
                if written is not None:
                    return written
            checked_chunks.drain()
        # A dry run, or a report another write was holding: everything is checked first, then
        # the reports are locked in order (waiting for it) and the chunks written.
        checker.locked_reports()
        checker.errors.refuse()
        return writing.all_checked()
    finally:
        spool.close()


class _ReportBusy(Exception):
    """A report of the chunk is locked by another write at this moment."""


@dataclass
class _Writing:
    """The writing of a call, in one transaction, one of two ways (see the module's text)."""

    actor: Actor
    checker: _Checker
    spool: _Spool
    source: str
    dry_run: bool
    database: threading.Lock

    def _writer(self) -> _Writer:
        errors = _Errors(settings.BULK_MAX_ERRORS)
        return _Writer(self.actor, self.checker, errors, self.source, self.dry_run)

    def as_checked(self, checked_chunks: Iterable[_Chunk]) -> BulkResult | None:
        """Each chunk written as soon as it is checked, its reports locked as they come (without
        waiting: a report locked by another write ends this way, None, all undone). The check
        goes on to the end after a problem, to list every one."""
        result = BulkResult()
        try:
            with transaction.atomic(), versions_set_last():
                writer = self._writer()
                editable = True
                for chunk in checked_chunks:
                    if not editable or self.checker.errors.count:
                        continue  # refused already: nothing more is written
                    with self.database:
                        editable = writer.lock_reports_of(chunk.rows)
                        if editable:
                            writer.write(chunk, result)
                writer.record_opened()
                self.checker.locked_reports()
                self.checker.errors.refuse()
                writer.errors.refuse()  # a version refused anywhere: everything rolls back
        except _ReportBusy:
            return None
        result.values = self.spool.count
        return result

    def all_checked(self) -> BulkResult:
        result = BulkResult(dry_run=self.dry_run, values=self.spool.count)
        # The writes take a few seconds for 100,000 values; their progress would be invisible
        # to others until the transaction commits, so none is reported inside it.
        with transaction.atomic(), versions_set_last():
            writer = self._writer()
            if not self.dry_run:
                for submission in writer.lock_reports(self.checker.reports):
                    writer.errors.add(0, "period", _locked_message(submission, self.checker.units))
                writer.record_opened()
                writer.errors.refuse()
            for rows in self.spool.chunks():
                writer.write(self.checker.prepare(rows, writing=not self.dry_run), result)
            writer.errors.refuse()  # a version refused anywhere: everything rolls back
        return result


class _Writer:
    """The second pass, inside the transaction."""

    def __init__(
        self, actor: Actor, checker: _Checker, errors: _Errors, source: str, dry_run: bool
    ):
        self.actor = actor
        self.checker = checker
        self.errors = errors
        self.source = source[:300]
        self.dry_run = dry_run
        self.now = timezone.now()
        self.author_id = actor.pk if actor is not None and actor.is_authenticated else None
        self.content_type = ContentType.objects.get_for_model(Actual)
        self.locked: set[tuple[int, str, str]] = set()
        self.opened: list[Submission] = []  # the reports created, to be audited at the end

    def lock_reports_of(self, rows: list[Checked]) -> bool:
        """The reports of a chunk not locked yet, locked without waiting; whether all of them
        may be written in (neither sent nor approved)."""
        reports = {(row[1], row[3], row[4]) for row in rows} - self.locked
        return not self.lock_reports(reports, wait=False)

    def lock_reports(
        self, reports: set[tuple[int, str, str]], *, wait: bool = True
    ) -> list[Submission]:
        """Each of `reports` (unit, period, kind), created where missing (audited), then locked
        in their order; those that are sent or approved. Without `wait`, a report locked by
        another write raises _ReportBusy (the whole writing is then undone)."""
        if not reports:
            return []
        opened = bulk_sql.open_reports(reports)
        # Without waiting: the reports another write holds are skipped, and then missed.
        locked = bulk_sql.lock_reports(reports, skip_locked=not wait)
        if not wait and len(locked) < len(reports):
            raise _ReportBusy
        self.locked |= reports
        self.opened += [s for s in locked if (s.unit_id, s.period, s.kind) in opened]
        return [s for s in locked if s.status not in EDITABLE_STATUSES]

    def record_opened(self) -> None:
        """One audit entry for the reports the call opened, as for its figures (called once,
        at the end of the writing)."""
        created = self.opened
        if not created:
            return
        record_bulk(
            [
                ObjectChange(
                    actor_id=self.author_id,
                    action=ChangeAction.CREATE,
                    verb="nhập hàng loạt",
                    content_type=ContentType.objects.get_for_model(Submission),
                    object_id=str(created[0].pk) if len(created) == 1 else "",
                    object_repr=f"{format_decimal(len(created))} báo cáo mới (nháp)",
                    after={self._submission_repr(s): s.status for s in created},
                    reason=self.source,
                    scope_path=_common_path(self._path(s.unit_id) for s in created),
                )
            ]
        )
        self.opened = []

    def _submission_repr(self, submission: Submission) -> str:
        """ "Xã Kỳ Hà (#12) · 2021", without reading the unit again."""
        unit = self.checker.units.get(submission.unit_id)
        name = unit.name if unit else ""
        kind = submission.get_kind_display().lower()
        return f"{name} (#{submission.unit_id}) · {submission.period} · {kind}"

    def _path(self, unit_id: int) -> str:
        unit = self.checker.units.get(unit_id)
        return unit.path if unit else ""

    def write(self, chunk: _Chunk, result: BulkResult) -> None:
        # Where the database can, the figures not stored yet are inserted first with their
        # revisions (a conflict on the unique key leaves a stored one alone), and only the
        # others are read: a refused version anywhere rolls the whole call back, so writing
        # before checking the rest loses nothing. A dry run, and a call already refused, read
        # everything first. Rows are named by their place in the chunk.
        rows = chunk.rows
        created: list[int] = []
        if chunk.new_figures is not None and not self.dry_run and not self.errors.count:
            inserted = bulk_sql.insert_new(
                chunk.new_figures, len(chunk.fresh), self.author_id, self.now, self.source
            )
            created = (
                chunk.fresh
                if inserted is None
                else [at for at in chunk.fresh if (*rows[at][1:5],) in inserted]
            )
        if len(created) == len(rows):  # all new: the first entry of these figures
            result.created += len(rows)
            self._audit(chunk, created, [])
            return
        done = set(created)
        rest = [at for at in range(len(rows)) if at not in done]
        current = bulk_sql.current_values([rows[at] for at in rest], lock=not self.dry_run)
        new: list[int] = []
        changed: list[tuple[int, Decimal | None, int, int]] = []  # place, old, id, version
        for at in rest:
            number, unit_id, indicator_id, period, kind, text, version, _comment = rows[at]
            stored = current.get((unit_id, indicator_id, period, kind))
            stored_version = stored[2] if stored else 0
            if version != NO_VERSION and version != stored_version:
                indicator = self.checker.indicator_by_id[indicator_id]
                other = (
                    _describe_other(stored[3], stored[1], stored[4])
                    if stored
                    else "(chưa có giá trị)"
                )
                self.errors.add(
                    number,
                    "version",
                    f"Dòng {number}, {indicator.code} · {indicator.name}: giá trị vừa được thay "
                    f"đổi thành {other} (phiên bản {stored_version}, bạn gửi {version}). Số liệu "
                    "của bạn chưa được lưu; hãy xem lại và gửi lại.",
                )
                continue
            if stored is None:
                if text is None:
                    result.unchanged += 1
                else:
                    new.append(at)
            elif stored[1] == (None if text is None else Decimal(text)):
                result.unchanged += 1
            else:
                changed.append((at, stored[1], stored[0], stored[2]))
        result.created += len(created) + len(new)
        result.updated += len(changed)
        if self.dry_run or self.errors.count:
            return
        fresh = [rows[at] for at in new]
        try:
            ids = bulk_sql.insert_actuals(
                [(r[1], r[2], r[3], r[4], r[5] or "") for r in fresh], self.author_id, self.now
            )
        except IntegrityError as error:  # created by a path that does not lock the report
            raise BulkRefused(
                [RowError(0, "", "Người khác vừa nhập một số giá trị này. Hãy gửi lại.")], 1
            ) from error
        bulk_sql.update_actuals(
            [(actual_id, rows[at][5]) for at, _old, actual_id, _v in changed],
            self.author_id,
            self.now,
        )
        revisions = [(ids[(r[1], r[2], r[3], r[4])], 1, r[5], r[7]) for r in fresh] + [
            (actual_id, version + 1, rows[at][5], rows[at][7])
            for at, _old, actual_id, version in changed
        ]
        bulk_sql.insert_revisions(revisions, self.author_id, self.now, self.source)
        self._audit(chunk, created + new, changed)

    def _audit(
        self, chunk: _Chunk, new: list[int], changed: list[tuple[int, Decimal | None, int, int]]
    ) -> None:
        """One audit entry for the chunk: every value's old → new, keyed by what it is."""
        if not new and not changed:
            return
        keys, shown = chunk.keys, chunk.shown
        if len(new) == len(keys):
            before: dict[str, Any] = dict.fromkeys(keys)
            after: dict[str, Any] = dict(zip(keys, shown, strict=True))
        else:
            before = {keys[at]: None for at in new}
            after = {keys[at]: shown[at] for at in new}
        for at, old, _actual_id, _version in changed:
            before[keys[at]] = json_value(old)
            after[keys[at]] = shown[at]
        rows = chunk.rows
        unit_ids = {rows[at][1] for at in new} | {rows[at][1] for at, *_ in changed}
        count = len(new) + len(changed)
        record_bulk(
            [
                ObjectChange(
                    actor_id=self.author_id,
                    action=ChangeAction.ACTION,
                    verb="nhập hàng loạt",
                    content_type=self.content_type,
                    object_id="",
                    object_repr=(
                        f"{format_decimal(count)} số liệu của {format_decimal(len(unit_ids))} "
                        f"đơn vị ({len(new)} mới, {len(changed)} sửa)"
                    )[:300],
                    before=before,
                    after=after,
                    reason=self.source,
                    scope_path=_common_path(self._path(unit) for unit in unit_ids),
                )
            ]
        )
