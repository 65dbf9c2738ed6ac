"""Award history from an Excel file: every row is checked first; one bad row rejects the whole
file, with the row and the column named in Vietnamese; otherwise every row is saved at once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from io import BytesIO
from typing import IO

from django.db import transaction
from openpyxl import Workbook

from chitieu.accounts.permissions import Capability
from chitieu.awards.models import AwardKind, CommendationType, Person, Sex
from chitieu.awards.people.services import award_record_create, person_create
from chitieu.core.audit import audited
from chitieu.core.dates import DateFormatError, parse_date
from chitieu.core.users import Actor
from chitieu.core.workbooks import WorkbookRefused, import_sheet
from chitieu.units.models import Unit
from chitieu.units.selectors import unit_in_cell

COLUMNS = [
    ("name", "Họ và tên (để trống nếu là tập thể)"),
    ("sex", "Giới tính (Nam/Nữ)"),
    ("unit", "Đơn vị (tên hoặc mã hành chính)"),
    ("award", "Mã danh hiệu, hình thức"),
    ("year", "Năm thành tích"),
    ("type", "Loại khen thưởng (để trống: công trạng)"),
    ("number", "Số quyết định"),
    ("date", "Ngày quyết định (dd/mm/yyyy)"),
    ("issuer", "Cấp quyết định"),
    ("note", "Ghi chú"),
]
LETTERS = "ABCDEFGHIJ"
SEXES = {"nam": Sex.MALE, "nữ": Sex.FEMALE, "nu": Sex.FEMALE}
TYPES = {label.lower(): value for value, label in CommendationType.choices} | {
    value: value for value in CommendationType.values
}


@dataclass
class ParsedRow:
    line: int
    name: str
    sex: str
    unit: Unit
    award: AwardKind
    year: int
    commendation_type: str
    number: str
    date: dt.date
    issuer: str
    note: str


@dataclass
class ImportResult:
    records: int = 0
    people_created: int = 0
    problems: list[str] = field(default_factory=list)


def template_workbook() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Khen thưởng"
    sheet.append([title for _key, title in COLUMNS])
    sheet.append(
        [
            "Nguyễn Thị Lan",
            "Nữ",
            "Thị xã Kỳ Anh",
            "CSTDCS",
            2023,
            "",
            "12/QĐ-UBND",
            "15/01/2024",
            "UBND thị xã",
            "",
        ]
    )
    for index in range(len(COLUMNS)):
        sheet.column_dimensions[LETTERS[index]].width = 24
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _problem(line: int, column: str, message: str) -> str:
    index = [key for key, _title in COLUMNS].index(column)
    return f"Dòng {line}, cột {LETTERS[index]} ({COLUMNS[index][1]}): {message}"


def _whole(raw: object) -> int | None:
    """A whole number from a cell: an integer (or 2023.0) or ASCII digits; never a boolean,
    "²" or a number longer than an id; None when the cell holds anything else."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, float) and raw.is_integer() and abs(raw) < 10**15:
        raw = int(raw)
    text = str(raw if raw is not None else "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 15:
        return None
    return int(text)


def _read(actor: Actor, stream: IO[bytes]) -> tuple[list[ParsedRow], list[str]]:
    try:
        sheet = import_sheet(stream)
    except WorkbookRefused as refused:
        return [], list(refused.messages)
    units: dict[str, Unit | str] = {}
    awards = {award.code: award for award in AwardKind.objects.all()}
    rows: list[ParsedRow] = []
    problems: list[str] = []
    grid = sheet.iter_rows(min_row=2, max_col=len(COLUMNS), values_only=True)
    for line, values in enumerate(grid, start=2):
        cells = {key: values[i] if i < len(values) else None for i, (key, _t) in enumerate(COLUMNS)}
        if all(value in (None, "") for value in cells.values()):
            continue
        text = {key: "" if value is None else str(value).strip() for key, value in cells.items()}
        before = len(problems)
        unit = None
        if not text["unit"] or isinstance(cells["unit"], bool):
            problems.append(_problem(line, "unit", "cần tên (hoặc mã hành chính) của đơn vị."))
        else:
            if text["unit"] not in units:
                units[text["unit"]] = unit_in_cell(actor, text["unit"], Capability.MANAGE_EMULATION)
            found = units[text["unit"]]
            if isinstance(found, str):
                problems.append(_problem(line, "unit", found))
            else:
                unit = found
        award = awards.get(text["award"].upper())
        if award is None:
            problems.append(
                _problem(line, "award", f"mã “{text['award']}” không có trong danh mục.")
            )
        year = _whole(cells["year"])
        if year is None or not 1945 <= year <= 2100:
            problems.append(_problem(line, "year", f"“{text['year']}” không phải là năm hợp lệ."))
        sex = SEXES.get(text["sex"].lower(), "")
        if text["name"] and not sex:
            problems.append(_problem(line, "sex", "ghi Nam hoặc Nữ."))
        kind = TYPES.get(text["type"].lower(), None) if text["type"] else CommendationType.MERIT
        if kind is None:
            problems.append(_problem(line, "type", f"loại “{text['type']}” không hợp lệ."))
        if not text["number"]:
            problems.append(_problem(line, "number", "thiếu số quyết định."))
        date = cells["date"] if isinstance(cells["date"], dt.datetime | dt.date) else None
        if isinstance(date, dt.datetime):
            date = date.date()
        if date is None:
            try:
                date = parse_date(text["date"])
            except DateFormatError as error:
                problems.append(_problem(line, "date", str(error)))
        if len(problems) == before:
            assert unit and award and year and date and kind
            rows.append(
                ParsedRow(
                    line,
                    text["name"],
                    sex,
                    unit,
                    award,
                    year,
                    kind,
                    text["number"],
                    date,
                    text["issuer"],
                    text["note"],
                )
            )
    return rows, problems


@audited
def import_award_history(*, actor: Actor, stream: IO[bytes]) -> ImportResult:
    rows, problems = _read(actor, stream)
    if problems:
        return ImportResult(problems=problems)
    result = ImportResult()
    with transaction.atomic():
        for row in rows:
            person = None
            if row.name:
                person = Person.objects.filter(full_name=row.name, unit=row.unit).first()
                if person is None:
                    person = person_create(
                        actor=actor, unit=row.unit, full_name=row.name, sex=row.sex
                    )
                    result.people_created += 1
            award_record_create(
                actor=actor,
                award=row.award,
                year=row.year,
                decision_number=row.number,
                decision_date=row.date,
                person=person,
                unit=None if person else row.unit,
                issuer=row.issuer,
                commendation_type=row.commendation_type,
                note=row.note,
                reason=f"Nhập từ Excel, dòng {row.line}",
            )
            result.records += 1
    return result
