"""A province's list of TĐKT civil servants for a year from an Excel file: every row is checked
first; one bad row rejects the whole file, with the row and the column named in Vietnamese;
otherwise every row is added at once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from io import BytesIO
from typing import IO

from django.db import transaction
from openpyxl import Workbook

from chitieu.awards.models import Sex, TdktOfficer, TrainingLevel
from chitieu.awards.staffing.services import (
    OfficerData,
    check_province,
    officer_problems,
    tdkt_officer_create,
)
from chitieu.core.audit import audited
from chitieu.core.dates import DateFormatError, parse_date
from chitieu.core.text import fold
from chitieu.core.users import Actor
from chitieu.core.workbooks import WorkbookRefused, import_sheet
from chitieu.units.models import Unit

COLUMNS = [
    ("full_name", "Họ và tên"),
    ("sex", "Giới tính (Nam/Nữ)"),
    ("birth_date", "Ngày sinh (dd/mm/yyyy)"),
    ("training", "Trình độ đào tạo (Sơ cấp, Trung cấp, Cao đẳng, Đại học, Trên đại học)"),
    ("began_year", "Năm bắt đầu làm công tác thi đua, khen thưởng"),
]
LETTERS = "ABCDE"
SEXES = {"nam": Sex.MALE, "nu": Sex.FEMALE}
TRAININGS = {
    "so cap": TrainingLevel.ELEMENTARY,
    "trung cap": TrainingLevel.INTERMEDIATE,
    "cao dang": TrainingLevel.COLLEGE,
    "dai hoc": TrainingLevel.UNIVERSITY,
    "tren dai hoc": TrainingLevel.POSTGRADUATE,
}


@dataclass
class ImportResult:
    created: int = 0
    problems: list[str] = field(default_factory=list)


def template_workbook() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Công chức TĐKT"
    sheet.append([title for _key, title in COLUMNS])
    sheet.append(["Nguyễn Thị Lan", "Nữ", "15/03/1988", "Đại học", 2015])
    for index in range(len(COLUMNS)):
        sheet.column_dimensions[LETTERS[index]].width = 28
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _problem(line: int, column: str, message: str) -> str:
    index = [key for key, _title in COLUMNS].index(column)
    return f"Dòng {line}, cột {LETTERS[index]} ({COLUMNS[index][1]}): {message}"


def _year(raw: object) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw if raw is not None else "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) == 4 else None


def _date(raw: object) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    return parse_date("" if raw is None else str(raw))


def _read(
    unit: Unit, year: int, stream: IO[bytes]
) -> tuple[list[tuple[int, OfficerData]], list[str]]:
    try:
        sheet = import_sheet(stream)
    except WorkbookRefused as refused:
        return [], list(refused.messages)
    seen = {
        (fold(name), born): "trong danh sách"
        for name, born in TdktOfficer.objects.filter(unit=unit, year=year).values_list(
            "full_name", "birth_date"
        )
    }
    rows: list[tuple[int, OfficerData]] = []
    problems: list[str] = []
    grid = sheet.iter_rows(min_row=2, max_col=len(COLUMNS), values_only=True)
    for line, values in enumerate(grid, start=2):
        cells = {key: values[i] if i < len(values) else None for i, (key, _t) in enumerate(COLUMNS)}
        if all(value in (None, "") for value in cells.values()):
            continue
        text = {key: "" if value is None else str(value).strip() for key, value in cells.items()}
        before = len(problems)
        sex = SEXES.get(fold(text["sex"]), "")
        if not sex:
            problems.append(_problem(line, "sex", "ghi Nam hoặc Nữ."))
        training = TRAININGS.get(fold(text["training"]), "")
        if not training:
            problems.append(
                _problem(line, "training", f"trình độ “{text['training']}” không có trong biểu.")
            )
        began = _year(cells["began_year"])
        if began is None:
            problems.append(
                _problem(line, "began_year", f"“{text['began_year']}” không phải là năm.")
            )
        try:
            born = _date(cells["birth_date"])
        except DateFormatError as error:
            problems.append(_problem(line, "birth_date", str(error)))
            continue
        if len(problems) > before or began is None:
            continue
        data = OfficerData(text["full_name"], sex, born, training, began)
        for name, message in officer_problems(data, year).items():
            problems.append(_problem(line, name, message))
        key = (fold(data.full_name), born)
        if key in seen and len(problems) == before:
            where = seen[key]
            problems.append(
                _problem(line, "full_name", f"“{data.full_name}” cùng ngày sinh đã có {where}.")
            )
        seen.setdefault(key, f"ở dòng {line}")
        if len(problems) == before:
            rows.append((line, data))
    return rows, problems


@audited
def import_tdkt_officers(*, actor: Actor, unit: Unit, year: int, stream: IO[bytes]) -> ImportResult:
    check_province(actor, unit, year)
    rows, problems = _read(unit, year, stream)
    if problems:
        return ImportResult(problems=problems)
    if not rows:
        return ImportResult(problems=["Tệp không có dòng nào."])
    with transaction.atomic():
        for line, data in rows:
            tdkt_officer_create(
                actor=actor, unit=unit, year=year, data=data, reason=f"Nhập từ Excel, dòng {line}"
            )
    return ImportResult(created=len(rows))
