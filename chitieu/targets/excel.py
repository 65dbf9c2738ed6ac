"""Targets of a resolution from Excel: one row per target; every row checked, all saved or none,
each problem named by its row and column."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from openpyxl import Workbook
from openpyxl.styles import Font

from chitieu.core.audit import audited
from chitieu.core.numbers import NumberFormatError, check_decimal, parse_decimal
from chitieu.core.users import Actor
from chitieu.core.workbooks import WorkbookRefused, import_sheet
from chitieu.indicators.models import Indicator
from chitieu.targets.models import Comparison, Measure, Resolution
from chitieu.targets.plausibility import target_warnings
from chitieu.targets.services import target_create, target_number_bounds
from chitieu.units.selectors import unit_in_cell

SHEET = "Chỉ tiêu"
COLUMNS = [
    ("indicator", "Mã chỉ tiêu"), ("issuer", "Cấp giao"), ("main", "Chủ yếu (x)"),
    ("measure", "Nội dung so sánh"), ("comparison", "Cách so sánh"), ("value", "Giá trị"),
    ("upper", "Đầu còn lại của khoảng"), ("unit", "Đơn vị (nếu khác): tên hoặc mã hành chính"), ("period", "Năm (nếu khác)"),
    ("subject", "Đơn vị được nêu tên: tên hoặc mã hành chính"), ("wording", "Nguyên văn"),
]  # fmt: skip
LETTERS = "ABCDEFGHIJK"


@dataclass
class TargetsUpload:
    created: int = 0
    problems: list[str] = field(default_factory=list)
    # What looks wrong in the targets created (targets.plausibility): listed, not refused.
    warnings: list[str] = field(default_factory=list)


def template(resolution: Resolution) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET
    sheet.append([title for _key, title in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append(
        [
            "KT06",
            resolution.issuing_body,
            "x",
            "level",
            "reach",
            "324,124",
            None,
            None,
            None,
            None,
            "Thu ngân sách trên địa bàn: 324,124 tỷ đồng",
        ]
    )
    guide = workbook.create_sheet("Hướng dẫn")
    guide.append(["Nội dung so sánh", ", ".join(Measure.values)])
    guide.append(["Cách so sánh", ", ".join(Comparison.values)])
    guide.append(
        ["Chỉ tiêu", ", ".join(Indicator.objects.order_by("code").values_list("code", flat=True))]
    )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _where(line: int, key: str) -> str:
    index = [k for k, _t in COLUMNS].index(key)
    return f"Trang “{SHEET}”, dòng {line}, cột {LETTERS[index]} ({COLUMNS[index][1]})"


def _decimal(raw: object) -> Decimal | None:
    if raw is None or str(raw).strip() == "":
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise NumberFormatError(f"“{raw}” không phải là số hợp lệ.")
    if isinstance(raw, int | float):
        number = Decimal(str(raw))  # what Excel shows, not the binary float behind it
        if not number.is_finite():
            raise NumberFormatError(f"“{raw}” không phải là số hợp lệ.")
        return number
    # Text cells must be Vietnamese numbers: "1.5" could be a typo for 1,5 or for 15.
    return parse_decimal(str(raw))


@audited
def import_targets(*, actor: Actor, resolution: Resolution, stream: IO[bytes]) -> TargetsUpload:
    result = TargetsUpload()
    unreadable = f"Không đọc được tệp Excel có trang “{SHEET}”: hãy dùng tệp mẫu."
    try:
        sheet = import_sheet(stream, SHEET, unreadable=unreadable)
    except WorkbookRefused as refused:
        result.problems.extend(refused.messages)
        return result
    indicators = {i.code: i for i in Indicator.objects.all()}
    with transaction.atomic():
        for line, values in enumerate(
            sheet.iter_rows(min_row=2, max_col=len(COLUMNS), values_only=True), start=2
        ):
            cells = {
                key: values[i] if i < len(values) else None for i, (key, _t) in enumerate(COLUMNS)
            }
            if all(v in (None, "") for v in cells.values()):
                continue
            problems = _import_row(actor, resolution, indicators, line, cells, result.warnings)
            if problems:
                result.problems.extend(problems)
            else:
                result.created += 1
        if result.problems:
            transaction.set_rollback(True)
            result.created = 0
            result.warnings = []
    return result


def _import_row(
    actor: Actor,
    resolution: Resolution,
    indicators: dict[str, Indicator],
    line: int,
    cells: dict[str, Any],
    warnings: list[str],
) -> list[str]:
    text = {k: "" if v is None else str(v).strip() for k, v in cells.items()}
    problems = []
    indicator = indicators.get(text["indicator"].upper())
    if indicator is None:
        problems.append(
            f"{_where(line, 'indicator')}: mã “{text['indicator']}” không có trong danh mục."
        )
    measure = text["measure"] or Measure.LEVEL
    if measure not in Measure.values:
        problems.append(f"{_where(line, 'measure')}: “{measure}” không hợp lệ.")
    comparison = text["comparison"] or Comparison.REACH
    if comparison not in Comparison.values:
        problems.append(f"{_where(line, 'comparison')}: “{comparison}” không hợp lệ.")
    numbers = {}
    for key in ("value", "upper"):
        try:
            number = numbers[key] = _decimal(cells[key])
            if indicator is not None and number is not None:
                bounds = target_number_bounds(indicator, measure, key)
                check_decimal(number, bounds, field=_where(line, key))
        except NumberFormatError as error:
            message = str(error)
            prefix = _where(line, key)
            problems.append(message if message.startswith(prefix) else f"{prefix}: {message}")
    units = {}
    for key in ("unit", "subject"):
        if text[key]:
            found = unit_in_cell(actor, text[key])
            if isinstance(found, str):
                problems.append(f"{_where(line, key)}: {found}")
            else:
                units[key] = found
    if problems:
        return problems
    assert indicator is not None  # an unknown code is one of the problems above
    try:
        with transaction.atomic():
            target = target_create(
                actor=actor,
                resolution=resolution,
                indicator=indicator,
                issuer=text["issuer"] or resolution.issuing_body,
                value=numbers["value"],
                upper=numbers["upper"],
                measure=measure,
                comparison=comparison,
                unit=units.get("unit"),
                period=text["period"] or None,
                subject_unit=units.get("subject"),
                is_main=text["main"].lower() in ("x", "có", "1", "true"),
                wording=text["wording"],
                order=line,
            )
    except ValidationError as error:
        return [f"Trang “{SHEET}”, dòng {line}: {message}" for message in error.messages]
    warnings += [f"Trang “{SHEET}”, dòng {line}: {w}" for w in target_warnings(target)]
    return []
