"""The layouts a bulk call may come in, read row by row from a file-like body (never all of it
in memory): this system's JSON and CSV, and DHIS2's dataValueSets JSON and CSV.

Every reader yields `RawRow`s: what the row says, not yet checked (the service checks every
row by the same rules, whatever its layout). A row the layout itself cannot give (a DHIS2
period with no equivalent here, a CSV line with too few columns) carries its `problem`."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Generator, Iterator
from contextlib import closing
from typing import IO, Any, NamedTuple

import ijson

from chitieu.core.periods import Period, PeriodError


class BodyError(ValueError):
    """The body as a whole cannot be read (not JSON, not UTF-8, a CSV without its columns);
    the message is for the user."""


class Layout:
    JSON = "json"
    CSV = "csv"
    DHIS2_JSON = "dhis2-json"
    DHIS2_CSV = "dhis2-csv"

    ALL = (JSON, CSV, DHIS2_JSON, DHIS2_CSV)


class RawRow(NamedTuple):
    number: int  # the row's place: 1 for the first value (a CSV's header is not counted)
    unit: Any = None  # a unit id (this system's layouts)
    org_unit: Any = None  # a unit code (DHIS2's orgUnit)
    indicator: Any = None
    period: Any = None
    kind: Any = None
    value: Any = None
    version: Any = None
    comment: Any = None
    problem: tuple[str, str] | None = None  # (field, message) found by the layout itself


FIELDS = ("unit", "indicator", "period", "kind", "value")
OPTIONAL_FIELDS = ("version", "comment")
DHIS2_CSV_COLUMNS = (
    "dataelement",
    "period",
    "orgunit",
    "categoryoptioncombo",
    "attributeoptioncombo",
    "value",
    "storedby",
    "lastupdated",
    "comment",
    "followup",
)


def _text_stream(body: IO[bytes]) -> io.TextIOWrapper:
    """The body as UTF-8 text (a byte-order mark is dropped), decoded as it is read."""
    return io.TextIOWrapper(body, encoding="utf-8-sig", newline="")


def _csv_rows(body: IO[bytes]) -> Generator[tuple[int, list[str]], None, None]:
    """(line number, cells) of each line of a CSV body; unreadable bytes end the call."""
    text = _text_stream(body)
    reader = csv.reader(text)
    try:
        for cells in reader:
            yield reader.line_num, cells
    except UnicodeDecodeError as error:
        raise BodyError("Tệp CSV phải mã hóa UTF-8.") from error
    except csv.Error as error:
        raise BodyError(f"Tệp CSV không đọc được (dòng {reader.line_num}).") from error
    finally:
        text.detach()


def _json_items(body: IO[bytes], prefix: str) -> Iterator[Any]:
    """The items under `prefix` of a JSON body, one at a time."""
    try:
        yield from ijson.items(body, prefix, use_float=False)
    except (ijson.JSONError, UnicodeDecodeError, ValueError) as error:
        raise BodyError(
            "Dữ liệu gửi lên không phải JSON hợp lệ (mã hóa UTF-8); không có gì được lưu."
        ) from error


def json_scalar(body: IO[bytes], key: str) -> Any:
    """A top-level value of a JSON body (`dry_run`, DHIS2's `period`…), found by a pass of
    the parser that builds nothing else; None when absent or not a scalar."""
    body.seek(0)
    try:
        for value in ijson.items(body, key, use_float=False):
            return value if isinstance(value, str | int | bool) or value is None else None
    except (ijson.JSONError, UnicodeDecodeError, ValueError):
        return None  # the pass that reads the rows says what is wrong
    finally:
        body.seek(0)
    return None


def read_json(body: IO[bytes]) -> Iterator[RawRow]:
    """{"dry_run": false, "values": [{"unit": 12, "indicator": "KT06", "period": "2021",
    "kind": "estimate", "value": "12.5", "version": 3, "comment": "…"}, …]}"""
    for number, item in enumerate(_json_items(body, "values.item"), start=1):
        if not isinstance(item, dict):
            yield RawRow(number, problem=("", f"Dòng {number}: mỗi giá trị phải là một đối tượng."))
            continue
        yield RawRow(
            number,
            unit=item.get("unit"),
            indicator=item.get("indicator"),
            period=item.get("period"),
            kind=item.get("kind"),
            value=item.get("value"),
            version=item.get("version"),
            comment=item.get("comment"),
        )


def read_csv(body: IO[bytes]) -> Iterator[RawRow]:
    """A header `unit,indicator,period,kind,value` (and optionally `version,comment`), then a
    value a line, with a decimal point."""
    with closing(_csv_rows(body)) as rows:  # let go of the body even when refused
        header = next(rows, None)
        names = [name.strip() for name in header[1]] if header else []
        missing = [name for name in FIELDS if name not in names]
        if missing:
            raise BodyError(f"Thiếu cột: {', '.join(missing)} (cần: {', '.join(FIELDS)}).")
        where = {name: names.index(name) for name in (*FIELDS, *OPTIONAL_FIELDS) if name in names}
        for number, (_line, cells) in enumerate(rows, start=1):
            if not any(cell.strip() for cell in cells):
                continue
            values: dict[str, Any] = {
                name: cells[index] if index < len(cells) else None for name, index in where.items()
            }
            yield RawRow(number, **values)


# -- DHIS2 -----------------------------------------------------------------------------------

_DHIS2_PERIODS = [
    (re.compile(r"^(\d{4})$", re.ASCII), "{0}"),
    (re.compile(r"^(\d{4})(0[1-9]|1[0-2])$", re.ASCII), "{0}-M{1}"),
    (re.compile(r"^(\d{4})Q([1-4])$", re.ASCII), "{0}-Q{1}"),
    (re.compile(r"^(\d{4})S1$", re.ASCII), "{0}-H1"),
]


def dhis2_period(text: str) -> str:
    """DHIS2's period as this system's code: 2026 → 2026, 202607 → 2026-M07, 2026Q3 →
    2026-Q3, 2026S1 → 2026-H1. Others (weeks, days, 2026S2, financial years) have no
    equivalent here: PeriodError. (Nine months, 2026-9M, has none in DHIS2.)"""
    cleaned = text.strip()
    for pattern, code in _DHIS2_PERIODS:
        match = pattern.match(cleaned)
        if match:
            return Period.parse(code.format(*match.groups())).code
    raise PeriodError(
        f"kỳ DHIS2 “{cleaned[:40]}” không có kỳ tương ứng (dùng được: 2026, 202607, 2026Q3, "
        "2026S1)."
    )


def _dhis2_row(
    number: int, element: Any, period: Any, org_unit: Any, value: Any, comment: Any
) -> RawRow:
    try:
        code = dhis2_period(str(period if period is not None else ""))
    except PeriodError as error:
        return RawRow(number, problem=("period", f"Dòng {number}: {error}"))
    return RawRow(
        number,
        org_unit=org_unit,
        indicator=element,
        period=code,
        value=value,
        comment=comment,
    )


def read_dhis2_json(body: IO[bytes]) -> Iterator[RawRow]:
    """{"period": …, "orgUnit": …, "dataValues": [{"dataElement": "KT06", "period": "202607",
    "orgUnit": "42", "value": "12.5", "comment": …}]}: dataElement is an indicator's code,
    orgUnit a unit's code; a data value without period or orgUnit takes the set's."""
    period = json_scalar(body, "period")
    org_unit = json_scalar(body, "orgUnit")
    for number, item in enumerate(_json_items(body, "dataValues.item"), start=1):
        if not isinstance(item, dict):
            yield RawRow(number, problem=("", f"Dòng {number}: mỗi giá trị phải là một đối tượng."))
            continue
        yield _dhis2_row(
            number,
            item.get("dataElement"),
            item.get("period", period),
            item.get("orgUnit", org_unit),
            item.get("value"),
            item.get("comment"),
        )


def read_dhis2_csv(body: IO[bytes]) -> Iterator[RawRow]:
    """DHIS2's columns by position: dataelement, period, orgunit, categoryoptioncombo,
    attributeoptioncombo, value, storedby, lastupdated, comment, followup; a first line
    naming them is a header."""
    number = 0
    for line, cells in _csv_rows(body):
        if line == 1 and cells and cells[0].strip().lower() == DHIS2_CSV_COLUMNS[0]:
            continue
        if not any(cell.strip() for cell in cells):
            continue
        number += 1
        if len(cells) < 6:
            yield RawRow(
                number,
                problem=(
                    "",
                    f"Dòng {number}: cần ít nhất 6 cột (dataelement, period, orgunit, "
                    "categoryoptioncombo, attributeoptioncombo, value).",
                ),
            )
            continue
        comment = cells[8] if len(cells) > 8 else None
        yield _dhis2_row(number, cells[0], cells[1], cells[2], cells[5], comment)


READERS = {
    Layout.JSON: read_json,
    Layout.CSV: read_csv,
    Layout.DHIS2_JSON: read_dhis2_json,
    Layout.DHIS2_CSV: read_dhis2_csv,
}


def read_rows(layout: str, body: IO[bytes]) -> Iterator[RawRow]:
    body.seek(0)
    return READERS[layout](body)
