"""The one gate every Excel import goes through before it reads a row.

A file that is too large is refused before it is opened; a formula (`=1+1`) or merged cells are
refused with their sheet, row and column, because their cells do not hold what the sheet shows:
openpyxl reads a formula without a cached result as an empty cell, which would erase a stored
figure, and a merged block holds its value in its first cell only. The whole file is refused, so
nothing is saved from it.
"""

from __future__ import annotations

import zipfile
from decimal import Decimal
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from chitieu.core import files
from chitieu.core.numbers import format_decimal

UNREADABLE = "Không đọc được tệp Excel (.xlsx)."
# A sheet of an import holds at most this many rows (a province's award history fits easily).
MAX_ROWS = 50_000
# Each refusal names at most this many cells; the rest are counted.
MAX_CELL_PROBLEMS = 50


class WorkbookRefused(ValidationError):
    """The file cannot be imported; `messages` say why, in Vietnamese."""


def _megabytes(size: int) -> str:
    return f"{format_decimal(Decimal(size) / (1024 * 1024), 1)} MB"


def size_problem(size: int | None) -> str | None:
    """The message for an upload larger than an import accepts, or None."""
    limit = files.WORKBOOK.max_bytes  # the one limit of a workbook upload
    if size is None or size <= limit:
        return None
    return f"Tệp quá lớn ({_megabytes(size)}): một tệp nhập số liệu tối đa {_megabytes(limit)}."


def _stream_size(stream: IO[bytes]) -> int:
    size = getattr(stream, "size", None)
    if isinstance(size, int):
        return size
    position = stream.tell()
    stream.seek(0, 2)
    end = stream.tell()
    stream.seek(position)
    return end


def import_sheet(
    stream: IO[bytes],
    sheet: str | None = None,
    *,
    unreadable: str = UNREADABLE,
    missing: str = "",
) -> Worksheet:
    """The sheet named `sheet` (the first one without a name) of an uploaded workbook, with
    formulas' text as their value (never a cached result) and only the cells that hold a value.
    Raises WorkbookRefused naming every formula and merged block found."""
    if problem := size_problem(_stream_size(stream)):
        raise WorkbookRefused(problem)
    try:
        with zipfile.ZipFile(stream) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise WorkbookRefused(unreadable) from error
    if unzipped > settings.IMPORT_WORKBOOK_MAX_UNZIPPED_BYTES:
        raise WorkbookRefused(
            f"Tệp quá lớn khi giải nén ({_megabytes(unzipped)}): tối đa "
            f"{_megabytes(settings.IMPORT_WORKBOOK_MAX_UNZIPPED_BYTES)}."
        )
    stream.seek(0)
    try:
        workbook = load_workbook(stream, data_only=False)
    except Exception as error:  # openpyxl raises many kinds on a damaged or foreign file
        raise WorkbookRefused(unreadable) from error
    if sheet is None:
        page = workbook.worksheets[0] if workbook.worksheets else None
    else:
        page = workbook[sheet] if sheet in workbook.sheetnames else None
    if not isinstance(page, Worksheet):
        raise WorkbookRefused(missing or unreadable)
    _refuse_unsafe_cells(page)
    return page


def _refuse_unsafe_cells(page: Worksheet) -> None:
    title = page.title
    problems: list[str] = []
    formulas = 0
    # Only the cells the file stores are looked at (never the whole grid up to XFD1048576);
    # cells that hold nothing but a style are dropped, so that max_row is the last value's row.
    cells = page._cells  # openpyxl keeps no public map of the stored cells
    for key, cell in list(cells.items()):
        if cell.value is None:
            del cells[key]
        elif cell.data_type == "f":
            formulas += 1
            if formulas <= MAX_CELL_PROBLEMS:
                text = str(getattr(cell.value, "text", cell.value))
                shown = text if len(text) <= 40 else text[:40] + "…"
                problems.append(
                    f"Trang “{title}”, dòng {cell.row}, cột {cell.column_letter}: ô có công thức "
                    f"“{shown}”; hãy nhập giá trị (số hoặc chữ), không dùng công thức."
                )
    if formulas > MAX_CELL_PROBLEMS:
        problems.append(
            f"Trang “{title}”: còn {format_decimal(formulas - MAX_CELL_PROBLEMS)} ô có công thức "
            "khác."
        )
    merged = sorted(page.merged_cells.ranges, key=lambda block: (block.min_row, block.min_col))
    for block in merged[:MAX_CELL_PROBLEMS]:
        problems.append(
            f"Trang “{title}”, dòng {block.min_row}, cột {get_column_letter(block.min_col)}: "
            f"các ô {block.coord} được gộp (merge); hãy bỏ gộp, mỗi ô một giá trị."
        )
    if len(merged) > MAX_CELL_PROBLEMS:
        problems.append(
            f"Trang “{title}”: còn {format_decimal(len(merged) - MAX_CELL_PROBLEMS)} vùng ô "
            "được gộp khác."
        )
    if not problems and page.max_row > MAX_ROWS:
        problems.append(
            f"Trang “{title}” có dữ liệu đến dòng {format_decimal(page.max_row)}: một tệp nhập "
            f"tối đa {format_decimal(MAX_ROWS)} dòng."
        )
    if problems:
        raise WorkbookRefused(problems)
