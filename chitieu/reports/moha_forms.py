"""The Ministry's statistical forms (Biểu 06xx.N/BNV-TĐKT) as printed, in Excel and in Word: the
form number and circular top left, the reporting and receiving units top right, the title and
year, the header with its merged cells, the row of column letters, the rows with their codes and
the counts as numbers, the signatures. The counts come from chitieu.awards.statistics.moha."""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docx.table import _Cell
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from chitieu.awards.statistics.moha import CIRCULAR, RECEIPT, Head, StatForm
from chitieu.core.numbers import format_decimal

COUNT_FORMAT = "#,##0"  # shown 1.234 where the separators are Vietnamese
FONT = "Times New Roman"
FOOTER_PLACE = "…………, ngày …… tháng …… năm ……"
SIGNERS = (("NGƯỜI LẬP BIỂU", "(Ký, họ tên)"), ("THỦ TRƯỞNG ĐƠN VỊ", "(Ký, họ tên, đóng dấu)"))


# A header cell: its text and the rectangle it covers, rows and columns counted from 0 at the top
# left of the table's header.
Cell = tuple[str, int, int, int, int]


def header_layout(form: StatForm) -> tuple[int, int, list[Cell]]:
    """(header rows, table width, the header cells): the lead columns and "Tổng số" span every
    header row; a heading spans its children's columns, a leaf down to the last header row."""
    heads = form.header()
    depth = max(head.depth for head in heads)
    lead = form.lead_cells()
    cells: list[Cell] = [(text, 0, index, depth - 1, index) for index, text in enumerate(lead)]

    def place(head: Head, row: int, column: int) -> None:
        if not head.children:
            cells.append((head.text, row, column, depth - 1, column))
            return
        cells.append((head.text, row, column, row, column + head.width - 1))
        for child in head.children:
            place(child, row + 1, column)
            column += child.width

    column = len(lead)
    for head in heads:
        place(head, 0, column)
        column += head.width
    return depth, column, cells


def letter_cells(form: StatForm) -> list[tuple[str, int, int]]:
    """The row of column letters and numbers: (text, first column, last column)."""
    spans = form.letter_spans or [1] * len(form.letters)
    cells, column = [], 0
    for text, span in zip(form.letters, spans, strict=True):
        cells.append((text, column, column + span - 1))
        column += span
    return cells


def _top_lines(form: StatForm) -> list[str]:
    return [f"Biểu số: {form.number}", CIRCULAR, *([RECEIPT] if form.receipt else [])]


def form_workbook(form: StatForm) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = form.number.split("/")[0].replace(".", "")
    depth, width, header = header_layout(form)
    last = get_column_letter(width)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(horizontal="center", vertical="center", wrap_text=True)
    right_lines = [
        f"Đơn vị báo cáo: {form.reporting_unit}",
        f"Đơn vị nhận báo cáo: {form.receiving_unit}",
    ]
    split = max(2, len(form.lead))
    for index, text in enumerate(_top_lines(form), start=1):
        sheet.cell(index, 1, text).font = Font(name=FONT, bold=index == 1)
        sheet.merge_cells(start_row=index, start_column=1, end_row=index, end_column=split)
    for index, text in enumerate(right_lines, start=1):
        sheet.cell(index, split + 1, text).font = Font(name=FONT)
        if width > split + 1:
            sheet.merge_cells(
                start_row=index, start_column=split + 1, end_row=index, end_column=width
            )
    for line_no, text, bold in ((5, form.title, True), (6, f"Năm {form.year}", False)):
        sheet.cell(line_no, 1, text).font = Font(name=FONT, bold=bold, size=13 if bold else 12)
        sheet.cell(line_no, 1).alignment = wrap
        sheet.merge_cells(f"A{line_no}:{last}{line_no}")
    if form.count_unit:
        sheet.cell(7, width, form.count_unit).font = Font(name=FONT, italic=True)
        sheet.cell(7, width).alignment = Alignment(horizontal="right")
    # The header from row 8, its cells merged as they are printed, then the column letters.
    for text, top, left, bottom, right in header:
        sheet.cell(8 + top, 1 + left, text or None)
        if (top, left) != (bottom, right):
            sheet.merge_cells(
                start_row=8 + top, start_column=1 + left, end_row=8 + bottom, end_column=1 + right
            )
    letters_row = 8 + depth
    for text, left, right in letter_cells(form):
        sheet.cell(letters_row, 1 + left, text)
        if right > left:
            sheet.merge_cells(
                start_row=letters_row,
                start_column=1 + left,
                end_row=letters_row,
                end_column=1 + right,
            )
    for line in sheet.iter_rows(min_row=8, max_row=letters_row, max_col=width):
        for cell in line:
            cell.font, cell.alignment, cell.border = Font(name=FONT, bold=True), wrap, box
    row_index = letters_row + 1
    for row in form.rows:
        values: list[object] = [row.label, row.code]
        if len(form.lead) == 3:
            values.append(row.unit or None)
        if row.values is not None:
            values += form.printed_values(row)
        values += [None] * (width - len(values))
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row_index, column, value)
            cell.border = box
            cell.font = Font(name=FONT, bold=row.bold, italic=row.italic)
            if isinstance(value, int):
                cell.number_format = COUNT_FORMAT
            elif column > 1:
                cell.alignment = Alignment(horizontal="center")
        row_index += 1
    for note in form.notes:
        row_index += 1
        sheet.cell(row_index, 1, f"Ghi chú: {note}").font = Font(name=FONT, italic=True, size=10)
    row_index += 2
    sheet.cell(row_index, split + 1, FOOTER_PLACE).font = Font(name=FONT, italic=True)
    for offset, (role, hint) in enumerate(SIGNERS):
        column = 1 if offset == 0 else split + 1
        sheet.cell(row_index + 1, column, role).font = Font(name=FONT, bold=True)
        sheet.cell(row_index + 2, column, hint).font = Font(name=FONT, italic=True)
    sheet.column_dimensions["A"].width = 60
    data_width = 22 if width <= 10 else 12
    for column in range(2, width + 1):
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = 10 if column <= len(form.lead) else data_width
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write(cell: _Cell, text: str, *, bold: bool = False, italic: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.name, run.font.size = FONT, Pt(11)


def form_document(form: StatForm) -> bytes:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(15)
    section.top_margin = section.bottom_margin = Mm(15)
    head = document.add_table(rows=1, cols=2)
    left, right = head.rows[0].cells
    top_lines = _top_lines(form)
    left.paragraphs[0].add_run(top_lines[0]).bold = True
    for text in top_lines[1:]:
        left.add_paragraph(text)
    right.paragraphs[0].add_run(f"Đơn vị báo cáo: {form.reporting_unit}")
    right.add_paragraph(f"Đơn vị nhận báo cáo: {form.receiving_unit}")
    for text, bold in ((form.title, True), (f"Năm {form.year}", False)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = bold
    if form.count_unit:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.add_run(form.count_unit).italic = True
    depth, width, header = header_layout(form)
    table = document.add_table(rows=depth + 1, cols=width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for text, top, left_col, bottom, right_col in header:
        cell = table.cell(top, left_col)
        if (top, left_col) != (bottom, right_col):
            cell = cell.merge(table.cell(bottom, right_col))
        _write(cell, text, bold=True)
    for text, left_col, right_col in letter_cells(form):
        cell = table.cell(depth, left_col)
        if right_col > left_col:
            cell = cell.merge(table.cell(depth, right_col))
        _write(cell, text, bold=True)
    for row in form.rows:
        cells = table.add_row().cells
        texts = [row.label, row.code]
        if len(form.lead) == 3:
            texts.append(row.unit)
        if row.values is not None:
            texts += [format_decimal(value) for value in form.printed_values(row)]
        for cell, text in zip(cells, texts, strict=False):
            _write(cell, text, bold=row.bold, italic=row.italic)
        cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
    for note in form.notes:
        document.add_paragraph().add_run(f"Ghi chú: {note}").italic = True
    signatures = document.add_table(rows=3, cols=2)
    _write(signatures.cell(0, 1), FOOTER_PLACE, italic=True)
    for column, (role, hint) in enumerate(SIGNERS):
        _write(signatures.cell(1, column), role, bold=True)
        _write(signatures.cell(2, column), hint, italic=True)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
