"""The checker's data from Excel, one kind per file (annual ratings, initiatives, research
projects, disciplines/inspections/complaints): each row goes through the service that a page
uses; one bad row rejects the whole file, with the row and the column named in Vietnamese."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from io import BytesIO
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from openpyxl import Workbook

from chitieu.accounts.permissions import PermissionDenied
from chitieu.awards.models import DisciplineLevel, PendingKind, Rating, Scope
from chitieu.awards.people import records
from chitieu.core.audit import audited
from chitieu.core.dates import DateFormatError, parse_date
from chitieu.core.text import fold
from chitieu.core.users import Actor
from chitieu.core.workbooks import WorkbookRefused, import_sheet
from chitieu.units.models import Unit

LETTERS = "ABCDEFGHIJ"
PERSON = ("name", "Họ và tên")
BIRTH = ("birth_year", "Năm sinh (khi trùng tên)")
COLLECTIVE = ("collective", "Tên tập thể (khi không phải cá nhân)")


class RowProblem(Exception):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column, self.message = column, message


def _choices(choices: Sequence[tuple[str, object]], *extra: tuple[str, str]) -> dict[str, str]:
    found = {fold(key): key for key, _label in choices}
    found |= {fold(str(label)): key for key, label in choices}
    return found | {fold(word): key for word, key in extra}


RATINGS = _choices(
    Rating.choices,
    ("hoàn thành xuất sắc nhiệm vụ", "HTXS"),
    ("hoàn thành tốt nhiệm vụ", "HTT"),
    ("hoàn thành nhiệm vụ", "HT"),
    ("không hoàn thành nhiệm vụ", "KHT"),
)
SCOPES = _choices(Scope.choices, ("cơ sở", "co_so"), ("tỉnh", "tinh"), ("toàn quốc", "toan_quoc"))
KINDS = _choices(
    PendingKind.choices,
    ("kỷ luật", "ky_luat"),
    ("thanh tra", "thanh_tra"),
    ("khiếu nại", "khieu_nai"),
)
LEVELS = _choices(
    DisciplineLevel.choices,
    ("khiển trách", "khien_trach"),
    ("cảnh cáo", "canh_cao"),
    ("giáng chức", "giang_chuc"),
    ("cách chức", "cach_chuc"),
    ("buộc thôi việc", "buoc_thoi_viec"),
)


@dataclass(frozen=True)
class Kind:
    label: str  # what the file holds, for messages and the file name
    columns: tuple[tuple[str, str], ...]
    example: tuple[object, ...]
    save: Callable[[Actor, Unit, dict[str, Any]], object]


def _text(cells: dict[str, Any], key: str) -> str:
    value = cells.get(key)
    return "" if value is None else str(value).strip()


def _year(cells: dict[str, Any], key: str, required: bool = True) -> int | None:
    raw = cells.get(key)
    if raw in (None, "") and not required:
        return None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = "" if raw is None or isinstance(raw, bool) else str(raw).strip()
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise RowProblem(key, f"“{text}” không phải là năm hợp lệ.")
    return int(text)


def _date(cells: dict[str, Any], key: str) -> dt.date | None:
    raw = cells.get(key)
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = _text(cells, key)
    if not text:
        return None
    try:
        return parse_date(text)
    except DateFormatError as error:
        raise RowProblem(key, str(error)) from error


def _choice(cells: dict[str, Any], key: str, known: dict[str, str], label: str) -> str:
    text = _text(cells, key)
    if fold(text) not in known:
        raise RowProblem(key, f"{label} “{text}” không hợp lệ.")
    return known[fold(text)]


def _person(actor: Actor, within: Unit, cells: dict[str, Any]) -> records.Person:
    name = _text(cells, "name")
    birth = _year(cells, "birth_year", required=False)
    try:
        return records.pick_person(actor, f"{name} ({birth})" if birth else name, within)
    except ValidationError as error:
        raise RowProblem("name", " ".join(error.messages)) from error


def _subject(
    actor: Actor, within: Unit, cells: dict[str, Any]
) -> tuple[records.Person | None, Unit | None]:
    if _text(cells, "name"):
        return _person(actor, within, cells), None
    if not _text(cells, "collective"):
        raise RowProblem("name", "ghi họ tên cá nhân hoặc tên tập thể.")
    try:
        unit = records.pick_collective(actor, _text(cells, "collective"))
    except ValidationError as error:
        raise RowProblem("collective", " ".join(error.messages)) from error
    if not unit.path.startswith(within.path):
        raise RowProblem("collective", f"tập thể này không thuộc {within.name}.")
    return None, unit


def _save_rating(actor: Actor, within: Unit, cells: dict[str, Any]) -> object:
    person, unit = _subject(actor, within, cells)
    return records.rating_record(
        actor=actor,
        person=person,
        unit=unit,
        year=_year(cells, "year") or 0,
        rating=_choice(cells, "rating", RATINGS, "Xếp loại"),
    )


def _save_initiative(research: bool) -> Callable[[Actor, Unit, dict[str, Any]], object]:
    def save(actor: Actor, within: Unit, cells: dict[str, Any]) -> object:
        return records.initiative_create(
            actor=actor,
            person=_person(actor, within, cells),
            title=_text(cells, "title"),
            year=_year(cells, "year") or 0,
            scope=_choice(cells, "scope", SCOPES, "Phạm vi ảnh hưởng")
            if _text(cells, "scope")
            else Scope.UNIT,
            decision_number=_text(cells, "decision_number"),
            decision_date=_date(cells, "decision_date"),
            issuer=_text(cells, "issuer"),
            is_research=research,
        )

    return save


def _save_matter(actor: Actor, within: Unit, cells: dict[str, Any]) -> object:
    person, unit = _subject(actor, within, cells)
    return records.matter_create(
        actor=actor,
        person=person,
        unit=unit,
        kind=_choice(cells, "kind", KINDS, "Loại"),
        level=_choice(cells, "level", LEVELS, "Hình thức kỷ luật") if _text(cells, "level") else "",
        year=_year(cells, "year") or 0,
        closed_on=_date(cells, "closed_on"),
        note=_text(cells, "note"),
    )


def _initiative_kind(research: bool) -> Kind:
    word = "đề tài" if research else "sáng kiến"
    return Kind(
        "đề tài nghiên cứu" if research else "sáng kiến",
        (
            PERSON,
            BIRTH,
            ("title", f"Tên {word}"),
            ("year", "Năm công nhận" if not research else "Năm nghiệm thu"),
            ("scope", "Phạm vi ảnh hưởng (cơ sở/tỉnh/toàn quốc)"),
            ("decision_number", "Số quyết định công nhận"),
            ("decision_date", "Ngày quyết định (dd/mm/yyyy)"),
            ("issuer", "Cơ quan công nhận"),
        ),
        ("Nguyễn Thị Lan", 1985, f"Tên {word}", 2026, "cơ sở", "15/QĐ-UBND", "20/12/2026", ""),
        _save_initiative(research),
    )


KINDS_OF_FILE: dict[str, Kind] = {
    "ratings": Kind(
        "xếp loại hằng năm",
        (PERSON, BIRTH, COLLECTIVE, ("year", "Năm"), ("rating", "Xếp loại (HTXS/HTT/HT/KHT)")),
        ("Nguyễn Thị Lan", 1985, "", 2026, "HTT"),
        _save_rating,
    ),
    "initiatives": _initiative_kind(False),
    "research": _initiative_kind(True),
    "matters": Kind(
        "kỷ luật, thanh tra, khiếu nại",
        (
            PERSON,
            BIRTH,
            COLLECTIVE,
            ("kind", "Loại (kỷ luật/thanh tra/khiếu nại)"),
            ("level", "Hình thức kỷ luật"),
            ("year", "Năm"),
            ("closed_on", "Ngày giải quyết xong (dd/mm/yyyy)"),
            ("note", "Ghi chú"),
        ),
        ("Nguyễn Thị Lan", 1985, "", "kỷ luật", "khiển trách", 2026, "", ""),
        _save_matter,
    ),
}


def template_workbook(kind: str) -> bytes:
    spec = KINDS_OF_FILE[kind]
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Dữ liệu"
    sheet.append([title for _key, title in spec.columns])
    sheet.append(list(spec.example))
    for index in range(len(spec.columns)):
        sheet.column_dimensions[LETTERS[index]].width = 24
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass
class RecordsImport:
    saved: int = 0
    problems: list[str] = field(default_factory=list)


class _Rejected(Exception):
    """Rolls the whole file back."""


def _column(spec: Kind, key: str) -> str:
    keys = [k for k, _title in spec.columns]
    index = keys.index(key) if key in keys else 0
    return f"cột {LETTERS[index]} ({spec.columns[index][1]})"


@audited
def import_records(*, actor: Actor, unit: Unit, kind: str, stream: IO[bytes]) -> RecordsImport:
    """Every row of the file saved, or none: the problems name the row and the column."""
    spec = KINDS_OF_FILE[kind]
    try:
        sheet = import_sheet(stream)
    except WorkbookRefused as refused:
        return RecordsImport(problems=list(refused.messages))
    result = RecordsImport()
    keys = [key for key, _title in spec.columns]
    try:
        with transaction.atomic():
            grid = sheet.iter_rows(min_row=2, max_col=len(keys), values_only=True)
            for line, values in enumerate(grid, start=2):
                cells = {key: values[i] if i < len(values) else None for i, key in enumerate(keys)}
                if all(value in (None, "") for value in cells.values()):
                    continue
                try:
                    with transaction.atomic():
                        spec.save(actor, unit, cells)
                except RowProblem as problem:
                    result.problems.append(
                        f"Dòng {line}, {_column(spec, problem.column)}: {problem.message}"
                    )
                except ValidationError as error:
                    fields = getattr(error, "error_dict", {"": error.messages})
                    for key, errors in fields.items():
                        messages = [m for e in errors for m in getattr(e, "messages", [str(e)])]
                        result.problems.append(
                            f"Dòng {line}, {_column(spec, key)}: {' '.join(messages)}"
                        )
                except PermissionDenied as denied:
                    result.problems.append(f"Dòng {line}, {_column(spec, 'name')}: {denied}")
                else:
                    result.saved += 1
            if result.problems:
                raise _Rejected
            if not result.saved:
                result.problems.append(f"Tệp không có dòng {spec.label} nào.")
    except _Rejected:
        result.saved = 0
    return result
