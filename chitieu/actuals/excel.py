"""The data-entry workbook of a unit and period, the same sheet as the form: indicator rows
prefilled, the figure of the same period last year typed where the form lets it be typed, and a
section of the sub-units' figures for the targets that read them; every column locked but those.
Reading it back fills the form's SheetInput, all rows or none, with each problem's sheet, row and
column, and the import saves it with the form's `sheet_save`.

The workbook carries, in hidden and locked columns, the version of each value it was made from:
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
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from chitieu.accounts.permissions import Capability, has_capability
from chitieu.actuals.models import ActualKind
from chitieu.actuals.selectors import Sheet, SheetRow, entry_sheet
from chitieu.actuals.services import ValueInput, actual_value_check, actual_warnings
from chitieu.actuals.sheet_input import SheetInput
from chitieu.core.numbers import NumberFormatError, parse_decimal
from chitieu.core.periods import Period, PeriodError
from chitieu.core.users import AnyUser
from chitieu.core.workbooks import WorkbookRefused, import_sheet
from chitieu.indicators.models import Indicator
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
    "Phiên bản cùng kỳ (không sửa)",
    "Mã đơn vị cấp dưới (không sửa)",
)
BASELINE_COLUMN = 4  # D: typed where the form lets the baseline be typed
VALUE_COLUMN = 6
VERSION_COLUMN = 7  # G: hidden, locked; 0 where the value did not exist yet
BASELINE_VERSION_COLUMN = 8  # H: hidden, locked
SUBUNIT_COLUMN = 9  # I: hidden, locked; the sub-unit whose figure the row holds
SUBUNITS_HEADING = "Số liệu của đơn vị cấp dưới"
EDITABLE = PatternFill("solid", fgColor="FFF5D6")
KIND_WORDS = {
    "estimate": ActualKind.ESTIMATE,
    "ước thực hiện": ActualKind.ESTIMATE,
    "official": ActualKind.OFFICIAL,
    "chính thức": ActualKind.OFFICIAL,
}


def _write_head(page: Worksheet, sheet: Sheet) -> None:
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
        page.cell(FIRST_ROW - 1, column, heading).font = Font(bold=True)


def _open(page: Worksheet, line: int, column: int) -> None:
    cell = page.cell(line, column)
    cell.protection = Protection(locked=False)
    cell.fill = EDITABLE


def _write_rows(page: Worksheet, sheet: Sheet) -> int:
    """The unit's own rows; the next free line."""
    line = FIRST_ROW
    for row in sheet.rows:
        plans = "; ".join(f"{issuer}: {text}" for issuer, text in row.targets)
        baseline = row.baseline
        values = (
            row.indicator.code,
            row.indicator.name,
            row.indicator.unit_of_measure,
            baseline.shown if baseline is not None else row.last_year,
            plans,
            row.value,
            row.version,
            baseline.version if baseline is not None else None,
        )
        for column, value in enumerate(values, start=1):
            page.cell(line, column, value)
        _open(page, line, VALUE_COLUMN)
        if baseline is not None and baseline.editable:
            _open(page, line, BASELINE_COLUMN)
        line += 1
    return line


def _write_subunits(page: Worksheet, sheet: Sheet, line: int) -> None:
    if not sheet.subunit_sections:
        return
    page.cell(line + 1, 2, SUBUNITS_HEADING).font = Font(bold=True)
    line += 2
    for section in sheet.subunit_sections:
        indicator = section.target.indicator
        page.cell(line, 2, section.described).font = Font(italic=True)
        line += 1
        for entry in section.entries:
            values = (
                indicator.code,
                entry.unit.name,
                indicator.unit_of_measure,
                None,
                section.described,
                entry.value,
                entry.version,
                None,
                entry.unit.pk,
            )
            for column, value in enumerate(values, start=1):
                page.cell(line, column, value)
            _open(page, line, VALUE_COLUMN)
            line += 1


def entry_workbook(sheet: Sheet) -> bytes:
    workbook = Workbook()
    page = workbook.active
    assert page is not None
    page.title = SHEET
    _write_head(page, sheet)
    _write_subunits(page, sheet, _write_rows(page, sheet))
    for letter, width in zip("ABCDEF", (12, 50, 16, 18, 40, 16), strict=True):
        page.column_dimensions[letter].width = width
    for letter in "GHI":
        page.column_dimensions[letter].hidden = True
    page.protection.sheet = True  # only the values can be typed; the rest stays as issued
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass
class Upload:
    unit: Unit | None = None
    period: Period | None = None
    kind: str = ""
    sheet: SheetInput = field(default_factory=SheetInput)
    lines: dict[int, int] = field(default_factory=dict)  # indicator id -> its row in the file
    subunit_lines: dict[tuple[int, int], int] = field(default_factory=dict)  # (unit, indicator)
    # What looks wrong without being impossible (actual_warnings): listed, not refused.
    warnings: list[str] = field(default_factory=list)

    @property
    def values(self) -> list[ValueInput]:
        return self.sheet.values

    @property
    def problems(self) -> list[str]:
        return self.sheet.problems

    def where_value(self, indicator_id: int) -> str:
        line = self.lines.get(indicator_id)
        return _where(line, "F", "Giá trị") if line else f"Trang “{SHEET}”"


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


def _checked(
    upload: Upload, indicator: Indicator, raw: object, where: str
) -> tuple[bool, Decimal | None]:
    """A cell's value read and checked by the rules of every entry: (False, None) with the
    problem named when it is not a valid figure of the indicator."""
    try:
        value = _number(raw)
        actual_value_check(indicator, value, field=where)
    except NumberFormatError as error:
        upload.problems.append(f"{where}: {error}")
        return False, None
    except ValidationError as error:
        upload.problems.extend(error.messages)
        return False, None
    return True, value


def _read_version(upload: Upload, page: Worksheet, line: int, column: int) -> int | None:
    version = _version(page.cell(line, column).value)
    if version is None:
        upload.problems.append(
            f"{_where(line, get_column_letter(column), HEADINGS[column - 1])}: phiên bản của số "
            "liệu bị sửa hoặc bị xoá: hãy tải tệp mẫu mới từ hệ thống."
        )
    return version


def _read_head(user: AnyUser, page: Worksheet, upload: Upload) -> Sheet | None:
    """The unit, period and kind the file is for, as the sheet of today; None with the problem."""
    if page.cell(FIRST_ROW - 1, VERSION_COLUMN).value != HEADINGS[VERSION_COLUMN - 1]:
        upload.problems.append(
            "Tệp được làm từ mẫu cũ, không ghi phiên bản của từng số liệu nên có thể ghi đè số "
            "liệu mới hơn: hãy tải tệp mẫu mới từ hệ thống và nhập lại."
        )
        return None
    unit_id = page.cell(2, 2).value
    unit = Unit.objects.filter(pk=unit_id).first() if isinstance(unit_id, int) else None
    if unit is None or not has_capability(user, Capability.ENTER_ACTUALS, unit):
        upload.problems.append(
            f"{_where(2, 'B', 'Mã đơn vị')}: bạn không nhập được số liệu cho đơn vị này."
        )
        return None
    try:
        period = Period.parse(str(page.cell(3, 2).value or ""))
    except PeriodError as error:
        upload.problems.append(f"{_where(3, 'B', 'Kỳ')}: {error}")
        return None
    kind = KIND_WORDS.get(str(page.cell(4, 2).value or "").strip().lower())
    if kind is None:
        upload.problems.append(
            f"{_where(4, 'B', 'Loại số liệu')}: ghi “Ước thực hiện” hoặc “Chính thức”."
        )
        return None
    upload.unit, upload.period, upload.kind = unit, period, kind
    return entry_sheet(unit, period, kind)


def _read_baseline(upload: Upload, page: Worksheet, line: int, row: SheetRow) -> None:
    """The figure of the same period last year typed in column D, where the form lets it be
    typed (a file of the template before baselines has no column H: nothing read)."""
    baseline = row.baseline
    if baseline is None or not baseline.editable:
        return
    if page.cell(FIRST_ROW - 1, BASELINE_VERSION_COLUMN).value != HEADINGS[7]:
        return
    version = _read_version(upload, page, line, BASELINE_VERSION_COLUMN)
    where = _where(line, "D", f"Cùng kỳ {baseline.period.label}, {row.indicator.name}")
    valid, value = _checked(upload, row.indicator, page.cell(line, BASELINE_COLUMN).value, where)
    if valid and version is not None:
        upload.sheet.add_baseline(row, value, version)


def _read_unit_row(
    upload: Upload, page: Worksheet, line: int, rows: dict[str, SheetRow], code: object
) -> None:
    row = rows.get(str(code).strip())
    if row is None:
        upload.problems.append(
            f"{_where(line, 'A', 'Mã chỉ tiêu')}: “{code}” không có trong biểu của đơn vị."
        )
        return
    if row.indicator.pk in upload.lines:
        upload.problems.append(
            f"{_where(line, 'A', 'Mã chỉ tiêu')}: “{code}” đã có ở dòng "
            f"{upload.lines[row.indicator.pk]}."
        )
        return
    upload.lines[row.indicator.pk] = line
    _read_baseline(upload, page, line, row)
    version = _read_version(upload, page, line, VERSION_COLUMN)
    where = _where(line, "F", row.indicator.name)
    valid, value = _checked(upload, row.indicator, page.cell(line, VALUE_COLUMN).value, where)
    if not valid or version is None or (value is None and version == 0):
        return  # empty in the template and in the file: nothing to say about it
    upload.warnings += actual_warnings(row.indicator, value, last_year=row.last_year, field=where)
    upload.values.append(ValueInput(row.indicator, value, version))


def _read_subunit_row(
    upload: Upload,
    page: Worksheet,
    line: int,
    entries: dict[tuple[int, str], tuple[Unit, Indicator]],
    unit_id: object,
    code: object,
) -> None:
    key = (_version(unit_id) or 0, str(code).strip())
    if key not in entries:
        upload.problems.append(
            f"{_where(line, 'A', 'Mã chỉ tiêu')}: “{code}” của đơn vị cấp dưới này không có "
            "trong biểu của đơn vị."
        )
        return
    unit, indicator = entries[key]
    version = _read_version(upload, page, line, VERSION_COLUMN)
    where = _where(line, "F", f"{unit.name}, {indicator.name}")
    valid, value = _checked(upload, indicator, page.cell(line, VALUE_COLUMN).value, where)
    if not valid or version is None or (value is None and version == 0):
        return
    if not upload.sheet.add_subunit(unit, indicator, value, version):
        upload.problems.append(
            f"{_where(line, 'A', 'Mã chỉ tiêu')}: “{code}” của {unit.name} đã có ở dòng "
            f"{upload.subunit_lines[(unit.pk, indicator.pk)]}."
        )
        return
    upload.subunit_lines[(unit.pk, indicator.pk)] = line


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
    sheet = _read_head(user, page, upload)
    if sheet is None:
        return upload
    rows = {row.indicator.code: row for row in sheet.rows}
    entries = {
        (entry.unit.pk, section.target.indicator.code): (entry.unit, section.target.indicator)
        for section in sheet.subunit_sections
        for entry in section.entries
    }
    for line in range(FIRST_ROW, page.max_row + 1):
        code = page.cell(line, 1).value
        if code is None and page.cell(line, VALUE_COLUMN).value is None:
            continue  # a blank line, the sub-units' heading or a section's title
        subunit = page.cell(line, SUBUNIT_COLUMN).value
        if subunit is None:
            _read_unit_row(upload, page, line, rows, code)
        else:
            _read_subunit_row(upload, page, line, entries, subunit, code)
    if not sheet.editable:
        status = sheet.submission.get_status_display() if sheet.submission else ""
        assert upload.period is not None and upload.unit is not None
        upload.problems.append(
            f"Báo cáo {upload.period.label} của {upload.unit.name} đang ở trạng thái “{status}”, "
            "không sửa được."
        )
    return upload
