"""Reading what units send: plain text in any encoding, Word (.docx), PDF with a text layer and
Excel (.xlsx) reports, as a list of blocks in document order: paragraphs and tables.

Each reader is bounded (bytes, pages, rows, characters) and turns whatever it cannot read into
`UnreadableText` with a message for the user, never a traceback."""

from __future__ import annotations

import base64
import binascii
import io
import json
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from chitieu.extraction.encodings import UnreadableText, clean, decode

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell as SheetCell
    from openpyxl.cell.cell import MergedCell

MAX_BYTES = 20 * 1024 * 1024  # a file
MAX_UNPACKED = 200 * 1024 * 1024  # the parts of a .docx or .xlsx together
MAX_CHARS = 2_000_000  # about 800 pages of text
MAX_PAGES = 300  # of a PDF
MAX_ROWS = 5000  # of a sheet
MAX_COLUMNS = 60
LIST_ITEM = re.compile(r"^\s*(?:[-+•*–]|\d{1,2}[.)]|[a-zđ]\)|\(\d{1,2}\))\s")


@dataclass
class Paragraph:
    text: str
    listed: bool = False  # a numbered or bulleted item


@dataclass
class Cell:
    text: str
    key: int  # equal for the repeats of one merged cell


@dataclass
class Table:
    rows: list[list[Cell]] = field(default_factory=list)
    name: str = ""  # "Bảng 1", a sheet's name


Block = Paragraph | Table


def too_long(length: int) -> UnreadableText:
    return UnreadableText(
        f"Văn bản quá dài ({length:,} ký tự); chỉ đọc được tới {MAX_CHARS:,} ký tự "
        "(khoảng 800 trang). Hãy tách văn bản thành nhiều phần.".replace(",", ".")
    )


def _checked(blocks: list[Block]) -> list[Block]:
    length = sum(
        len(b.text) if isinstance(b, Paragraph) else sum(len(c.text) for r in b.rows for c in r)
        for b in blocks
    )
    if length > MAX_CHARS:
        raise too_long(length)
    return blocks


def _cells_of_line(line: str) -> list[str] | None:
    """A line of a table pasted as text: cells between tabs (copied from Word or Excel) or
    between " | " (as the review page shows a document's tables)."""
    if line.count("\t") >= 2:
        return line.split("\t")
    if line.count(" | ") >= 2:
        return line.split(" | ")
    return None


def paragraphs_of_text(text: str) -> list[Block]:
    """Lines as paragraphs; runs of two or more lines of cells as a table."""
    if len(text) > MAX_CHARS:
        raise too_long(len(text))
    blocks: list[Block] = []
    run: list[list[str]] = []
    tables = 0

    def close() -> None:
        nonlocal tables
        if len(run) >= 2:
            tables += 1
            key = iter(range(1, 10**9))
            blocks.append(
                Table(
                    [[Cell(t.strip(), next(key)) for t in cells] for cells in run], f"Bảng {tables}"
                )
            )
        else:
            blocks.extend(Paragraph(" | ".join(cells)) for cells in run)
        run.clear()

    for line in text.split("\n"):
        cells = _cells_of_line(line)
        if cells is not None:
            run.append(cells)
            continue
        close()
        blocks.append(Paragraph(line, bool(LIST_ITEM.match(line))))
    close()
    return blocks


def blocks_to_json(blocks: list[Block]) -> list:
    return [
        {"p": b.text, "l": b.listed}
        if isinstance(b, Paragraph)
        else {"t": b.name, "rows": [[[c.text, c.key] for c in row] for row in b.rows]}
        for b in blocks
    ]


def pack(blocks: list[Block]) -> str:
    """Blocks as a short ASCII string, for a form to carry them to the next step."""
    data = json.dumps(blocks_to_json(blocks), ensure_ascii=False).encode()
    return base64.b64encode(zlib.compress(data, 6)).decode()


def unpack(packed: str) -> list[Block]:
    """The blocks `pack` wrote; ValueError for anything else (bounded: no bomb inflates)."""
    try:
        inflater = zlib.decompressobj()
        data = inflater.decompress(base64.b64decode(packed, validate=True), 4 * MAX_CHARS)
        if inflater.unconsumed_tail:
            raise ValueError("too large")
        return blocks_from_json(json.loads(data))
    except (zlib.error, binascii.Error, TypeError, KeyError, AttributeError) as error:
        raise ValueError(str(error)) from error


def blocks_from_json(data: list) -> list[Block]:
    """Blocks as `blocks_to_json` wrote them; ValueError for anything else."""
    blocks: list[Block] = []
    for item in data:
        if "p" in item:
            blocks.append(Paragraph(str(item["p"]), bool(item.get("l"))))
        else:
            rows = [[Cell(str(text), int(key)) for text, key in row] for row in item["rows"]]
            blocks.append(Table(rows, str(item.get("t", ""))))
    return _checked(blocks)


def _unpacked_size(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(info.file_size for info in archive.infolist())


def _zip_names(data: bytes) -> set[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return set(archive.namelist())


def blocks_of_docx(data: bytes) -> list[Block]:
    from docx import Document
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    document = Document(io.BytesIO(data))
    blocks: list[Block] = []
    kept = []  # the cells' elements stay alive, so their ids name them
    number = 0
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = DocxParagraph(element, document)
            properties = element.pPr
            listed = (properties is not None and properties.numPr is not None) or (
                "list" in (paragraph.style.name or "").lower() if paragraph.style else False
            )
            blocks.append(Paragraph(clean(paragraph.text), listed))
        elif tag == "tbl":
            number += 1
            table = Table(name=f"Bảng {number}")
            for row in DocxTable(element, document).rows[:MAX_ROWS]:
                cells = []
                for cell in row.cells[:MAX_COLUMNS]:
                    kept.append(cell._tc)
                    cells.append(Cell(clean(cell.text), id(cell._tc)))
                table.rows.append(cells)
            blocks.append(table)
    return blocks


def _pdf_paragraphs(text: str) -> list[Block]:
    """Lines of a PDF page joined into paragraphs: a line goes on its predecessor unless that
    one ends a sentence or it opens a list item."""
    blocks: list[Block] = []
    current = ""
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if current and not re.search(r"[.:;!?]$", current) and not LIST_ITEM.match(line):
            current += " " + line
            continue
        if current:
            blocks.append(Paragraph(current, bool(LIST_ITEM.match(current))))
        current = line
    if current:
        blocks.append(Paragraph(current, bool(LIST_ITEM.match(current))))
    return blocks


def blocks_of_pdf(data: bytes) -> list[Block]:
    import pdfplumber

    blocks: list[Block] = []
    key = 0
    number = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        if len(pdf.pages) > MAX_PAGES:
            raise UnreadableText(
                f"Tệp PDF có {len(pdf.pages)} trang; chỉ đọc được tới {MAX_PAGES} trang."
            )
        characters = 0
        for page in pdf.pages:
            x0, top, x1, bottom = page.bbox
            y = top
            for found in sorted(page.find_tables(), key=lambda t: t.bbox[1]):
                if found.bbox[1] > y:
                    above = page.crop((x0, y, x1, found.bbox[1])).extract_text() or ""
                    blocks += _pdf_paragraphs(clean(above))
                number += 1
                table = Table(name=f"Bảng {number}")
                for raw in found.extract()[:MAX_ROWS]:
                    cells: list[Cell] = []
                    for text in raw[:MAX_COLUMNS]:
                        key += 1
                        if text is None and cells:  # the rest of a merged cell
                            cells.append(Cell(cells[-1].text, cells[-1].key))
                        else:
                            cells.append(Cell(clean((text or "").replace("\n", " ")), key))
                    table.rows.append(cells)
                blocks.append(table)
                y = max(y, found.bbox[3])
            if y < bottom:
                rest = page.crop((x0, y, x1, bottom)).extract_text() or ""
                blocks += _pdf_paragraphs(clean(rest))
            characters += len(page.chars)
            if characters > MAX_CHARS:
                raise too_long(characters)
    if not any(isinstance(b, Table) or b.text.strip() for b in blocks):
        raise UnreadableText(
            "Tệp PDF không có lớp chữ (có lẽ là ảnh quét); hãy gửi bản Word hoặc PDF xuất từ Word."
        )
    return blocks


def _sheet_text(cell: SheetCell | MergedCell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return str(value)
        percent = "%" in (cell.number_format or "")
        if percent:
            number *= 100
        number = round(number, 6).normalize()
        text = format(number, "f").replace(".", ",")
        return text + ("%" if percent else "")
    if hasattr(value, "year"):
        return ""  # dates are not figures
    return clean(str(value))


def blocks_of_xlsx(data: bytes) -> list[Block]:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), data_only=True)
    blocks: list[Block] = []
    for sheet in workbook.worksheets:
        if sheet.max_row > MAX_ROWS:
            raise UnreadableText(
                f"Trang tính “{sheet.title}” có {sheet.max_row} dòng; chỉ đọc được tới {MAX_ROWS} dòng."
            )
        merged = {}
        for area in sheet.merged_cells.ranges:
            for row in range(area.min_row, area.max_row + 1):
                for column in range(area.min_col, area.max_col + 1):
                    merged[(row, column)] = (area.min_row, area.min_col)
        width = min(sheet.max_column, MAX_COLUMNS)
        table = Table(name=sheet.title)
        for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row, max_col=width):
            cells: list[Cell] = []
            for cell in row:
                home = merged.get((cell.row, cell.column), (cell.row, cell.column))
                source = sheet.cell(*home) if home != (cell.row, cell.column) else cell
                cells.append(Cell(_sheet_text(source), home[0] * 10_000 + home[1]))
            if any(c.text for c in cells):
                table.rows.append(cells)
        blocks.append(table)
    return blocks


def read_blocks(data: bytes, name: str = "") -> list[Block]:
    """The blocks of a file's bytes; UnreadableText with a message if it cannot be read."""
    if len(data) > MAX_BYTES:
        raise UnreadableText(
            f"Tệp quá lớn ({len(data) // 1024 // 1024} MB); chỉ đọc được tệp tới "
            f"{MAX_BYTES // 1024 // 1024} MB."
        )
    suffix = Path(name).suffix.lower()
    if data.startswith(b"%PDF") or suffix == ".pdf":
        reader, label = blocks_of_pdf, "PDF"
    elif data.startswith(b"PK\x03\x04") or suffix in (".docx", ".xlsx"):
        try:
            if _unpacked_size(data) > MAX_UNPACKED:
                raise UnreadableText("Tệp nén quá lớn khi giải nén; không đọc.")
            names = _zip_names(data)
        except zipfile.BadZipFile as error:
            raise UnreadableText(
                f"Tệp {name or ''} bị hỏng, không mở được (không phải tệp Word/Excel hợp lệ)."
            ) from error
        if "word/document.xml" in names:
            reader, label = blocks_of_docx, "Word"
        elif "xl/workbook.xml" in names:
            reader, label = blocks_of_xlsx, "Excel"
        else:
            raise UnreadableText("Tệp nén này không phải văn bản Word (.docx) hay Excel (.xlsx).")
    elif suffix in (".doc", ".xls"):
        raise UnreadableText(
            "Tệp Word/Excel đời cũ (.doc/.xls) chưa đọc được; hãy lưu lại thành .docx/.xlsx."
        )
    else:
        return _checked(paragraphs_of_text(decode(data)))
    try:
        return _checked(reader(data))
    except UnreadableText:
        raise
    except Exception as error:  # a damaged file of any kind: the user is told, nothing crashes
        raise UnreadableText(
            f"Tệp {label} bị hỏng hoặc không đúng định dạng, không đọc được ({type(error).__name__})."
        ) from error


def read_path(path: Path) -> list[Block]:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise UnreadableText(f"Không mở được tệp {path}: {error.strerror}.") from error
    if size > MAX_BYTES:
        raise UnreadableText(
            f"Tệp quá lớn ({size // 1024 // 1024} MB); chỉ đọc được tệp tới "
            f"{MAX_BYTES // 1024 // 1024} MB."
        )
    return read_blocks(path.read_bytes(), path.name)


def paragraph_line(block: Paragraph) -> str:
    """A paragraph as a line of the document's text: Word's numbering is not in the text, so a
    numbered item gets the "- " it shows."""
    line = block.text.replace("\n", " ")
    if block.listed and not LIST_ITEM.match(line):
        line = "- " + line
    return line


def text_of_blocks(blocks: list[Block]) -> str:
    """The document's text as the review page shows it (see documents.extract_blocks)."""
    parts = []
    for block in blocks:
        if isinstance(block, Paragraph):
            parts.append(paragraph_line(block))
        else:
            parts += [" | ".join(cell.text for cell in row) for row in block.rows]
    return "\n".join(parts)


def read_text(path: Path) -> str:
    """The whole text of a file, tables as lines of cells."""
    return text_of_blocks(read_path(path))
