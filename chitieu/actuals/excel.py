"""The data-entry workbook of a unit and period: indicator rows prefilled, every column locked
but the values; and reading it back, all rows or none, with each problem's sheet, row and column.

The workbook carries, in a hidden and locked column, the version of each value it was made from:
the import saves a value only if nobody changed it since (the form's stale-value rule), so an old
file never overwrites a newer figure."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO
from typing import IO

from django.core.exceptions import ValidationError
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Protection

from chitieu.accounts.permissions import Capability, has_capability
from chitieu.actuals.models import ActualKind
from chitieu.actuals.selectors import Sheet, entry_sheet
from chitieu.actuals.services import ValueInput, actual_value_check
from chitieu.core.numbers import NumberFormatError, parse_decimal
from chitieu.core.periods import Period, PeriodError
from chitieu.core.users import AnyUser
from chitieu.core.workbooks import WorkbookRefused, import_sheet
from chitieu.units.models import Unit

SHEET = "Nhập số liệu"
FIRST_ROW = 7
HEADINGS = (
    "Mã chỉ tiêu",
    "Tên chỉ tiêu",
    "Đơn vị tính",
    "Cùng kỳ năm trước",
    "Kế hoạch",
    "Giá trị",
    "Phiên bản (không sửa)",
)
VERSION_COLUMN = 7  # G: hidden, locked; 0 where the value did not exist yet
KIND_WORDS = {
    "estimate": ActualKind.ESTIMATE,
    "ước thực hiện": ActualKind.ESTIMATE,
    "official": ActualKind.OFFICIAL,
    "chính thức": ActualKind.OFFICIAL,
}


def entry_workbook(sheet: Sheet) -> bytes:
    workbook = Workbook()
    page = workbook.active
    assert page is not None
    page.title = SHEET
    kind_label = dict(ActualKind.choices)[sheet.kind]
    for line, (label, value) in enumerate(
        (
            ("Đơn vị", sheet.unit.name),
            ("Mã đơn vị", sheet.unit.pk),
            ("Kỳ", sheet.period.code),
            ("Loại số liệu", str(kind_label)),
            ("", sheet.period.label),
        ),
        start=1,
    ):
        page.cell(line, 1, label).font = Font(bold=True)
        page.cell(line, 2, value)
    for column, heading in enumerate(HEADINGS, start=1):
        cell = page.cell(FIRST_ROW - 1, column, heading)
        cell.font = Font(bold=True)
    editable = PatternFill("solid", fgColor="FFF5D6")
    for offset, row in enumerate(sheet.rows):
        line = FIRST_ROW + offset
        plans = "; ".join(f"{issuer}: {text}" for issuer, text in row.targets)
        values = (
            row.indicator.code,
            row.indicator.name,
            row.indicator.unit_of_measure,
            row.last_year,
            plans,
            row.value,
            row.version,
        )
        for column, value in enumerate(values, start=1):
            page.cell(line, column, value)
        value_cell = page.cell(line, 6)
        value_cell.protection = Protection(locked=False)
        value_cell.fill = editable
    for letter, width in zip("ABCDEF", (12, 50, 16, 18, 40, 16), strict=True):
        page.column_dimensions[letter].width = width
    page.column_dimensions["G"].hidden = True
    page.protection.sheet = True  # only the values can be typed; the rest stays as issued
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass
class Upload:
    unit: Unit | None = None
    period: Period | None = None
    kind: str = ""
    values: list[ValueInput] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    lines: dict[int, int] = field(default_factory=dict)  # indicator id -> its row in the file

    def where_value(self, indicator_id: int) -> str:
        return _where(self.lines[indicator_id], "F", "Giá trị")


def _where(row: int, column: str, title: str) -> str:
    return f"Trang “{SHEET}”, dòng {row}, cột {column} ({title})"


def _version(raw: object) -> int | None:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 0:
        return raw
    return None


def _number(raw: object) -> Decimal | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        raise NumberFormatError(f"“{raw}” không phải là số hợp lệ.")
    if isinstance(raw, int | float):
        number = Decimal(str(raw))  # what Excel shows, not the binary float behind it
        if not number.is_finite():
            raise NumberFormatError(f"“{raw}” không phải là số hợp lệ.")
        return number
    # Text cells must be Vietnamese numbers: "1.5" could be a typo for 1,5 or for 15.
    return parse_decimal(str(raw))


def read_entry_workbook(user: AnyUser, stream: IO[bytes]) -> Upload:
    upload = Upload()
    try:
        page = import_sheet(
            stream,
            SHEET,
            missing=f"Tệp không có trang “{SHEET}”: hãy dùng tệp mẫu tải từ hệ thống.",
        )
    except WorkbookRefused as refused:
        upload.problems.extend(refused.messages)
        return upload
    if page.cell(FIRST_ROW - 1, VERSION_COLUMN).value != HEADINGS[VERSION_COLUMN - 1]:
        upload.problems.append(
            "Tệp được làm từ mẫu cũ, không ghi phiên bản của từng số liệu nên có thể ghi đè số "
            "liệu mới hơn: hãy tải tệp mẫu mới từ hệ thống và nhập lại."
        )
        return upload
    unit_id = page.cell(2, 2).value
    unit = Unit.objects.filter(pk=unit_id).first() if isinstance(unit_id, int) else None
    if unit is None or not has_capability(user, Capability.ENTER_ACTUALS, unit):
        upload.problems.append(
            f"{_where(2, 'B', 'Mã đơn vị')}: bạn không nhập được số liệu cho đơn vị này."
        )
        return upload
    try:
        period = Period.parse(str(page.cell(3, 2).value or ""))
    except PeriodError as error:
        upload.problems.append(f"{_where(3, 'B', 'Kỳ')}: {error}")
        return upload
    kind = KIND_WORDS.get(str(page.cell(4, 2).value or "").strip().lower())
    if kind is None:
        upload.problems.append(
            f"{_where(4, 'B', 'Loại số liệu')}: ghi “Ước thực hiện” hoặc “Chính thức”."
        )
        return upload
    sheet = entry_sheet(unit, period, kind)
    rows = {row.indicator.code: row for row in sheet.rows}
    upload.unit, upload.period, upload.kind = unit, period, kind
    for line in range(FIRST_ROW, page.max_row + 1):
        code = page.cell(line, 1).value
        raw = page.cell(line, 6).value
        if code is None and raw is None:
            continue
        row = rows.get(str(code).strip())
        if row is None:
            upload.problems.append(
                f"{_where(line, 'A', 'Mã chỉ tiêu')}: “{code}” không có trong biểu của đơn vị."
            )
            continue
        if row.indicator.pk in upload.lines:
            upload.problems.append(
                f"{_where(line, 'A', 'Mã chỉ tiêu')}: “{code}” đã có ở dòng "
                f"{upload.lines[row.indicator.pk]}."
            )
            continue
        upload.lines[row.indicator.pk] = line
        version = _version(page.cell(line, VERSION_COLUMN).value)
        if version is None:
            upload.problems.append(
                f"{_where(line, 'G', HEADINGS[VERSION_COLUMN - 1])}: phiên bản của số liệu bị "
                "sửa hoặc bị xoá: hãy tải tệp mẫu mới từ hệ thống."
            )
            continue
        where = _where(line, "F", row.indicator.name)
        try:
            value = _number(raw)
            actual_value_check(row.indicator, value, field=where)
        except NumberFormatError as error:
            upload.problems.append(f"{where}: {error}")
            continue
        except ValidationError as error:
            upload.problems.extend(error.messages)
            continue
        if value is None and version == 0:
            continue  # empty in the template and in the file: nothing to say about it
        upload.values.append(ValueInput(row.indicator, value, version))
    if not sheet.editable:
        status = sheet.submission.get_status_display() if sheet.submission else ""
        upload.problems.append(
            f"Báo cáo {period.label} của {unit.name} đang ở trạng thái “{status}”, không sửa được."
        )
    return upload
