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

from chitieu.awards.statistics.moha import CIRCULAR, RECEIPT, StatForm
from chitieu.core.numbers import format_decimal

COUNT_FORMAT = "#,##0"  # shown 1.234 where the separators are Vietnamese
FONT = "Times New Roman"
FOOTER_PLACE = "…………, ngày …… tháng …… năm ……"
SIGNERS = (("NGƯỜI LẬP BIỂU", "(Ký, họ tên)"), ("THỦ TRƯỞNG ĐƠN VỊ", "(Ký, họ tên, đóng dấu)"))


def _header_cells(form: StatForm) -> list[str]:
    return [*form.lead, "Tổng số"]


def form_workbook(form: StatForm) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = form.number.split("/")[0].replace(".", "")
    lead = _header_cells(form)
    width = len(lead) + len(form.columns)
    last = get_column_letter(width)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(horizontal="center", vertical="center", wrap_text=True)
    top_lines = [f"Biểu số: {form.number}", CIRCULAR, RECEIPT]
    right_lines = [
        f"Đơn vị báo cáo: {form.reporting_unit}",
        f"Đơn vị nhận báo cáo: {form.receiving_unit}",
    ]
    split = max(2, len(form.lead))
    for index, text in enumerate(top_lines, start=1):
        sheet.cell(index, 1, text).font = Font(name=FONT, bold=index == 1)
        sheet.merge_cells(start_row=index, start_column=1, end_row=index, end_column=split)
    for index, text in enumerate(right_lines, start=1):
        sheet.cell(index, split + 1, text).font = Font(name=FONT)
        sheet.merge_cells(start_row=index, start_column=split + 1, end_row=index, end_column=width)
    for line_no, text, bold in ((5, form.title, True), (6, f"Năm {form.year}", False)):
        sheet.cell(line_no, 1, text).font = Font(name=FONT, bold=bold, size=13 if bold else 12)
        sheet.cell(line_no, 1).alignment = wrap
        sheet.merge_cells(f"A{line_no}:{last}{line_no}")
    if form.count_unit:
        sheet.cell(7, width, form.count_unit).font = Font(name=FONT, italic=True)
        sheet.cell(7, width).alignment = Alignment(horizontal="right")
    # The header: the lead columns and "Tổng số" over two rows, the group over the data columns.
    for column, text in enumerate(lead, start=1):
        sheet.cell(8, column, text or None)
        sheet.merge_cells(start_row=8, start_column=column, end_row=9, end_column=column)
    sheet.cell(8, len(lead) + 1, form.group)
    sheet.merge_cells(start_row=8, start_column=len(lead) + 1, end_row=8, end_column=width)
    for offset, text in enumerate(form.columns):
        sheet.cell(9, len(lead) + 1 + offset, text)
    for column, text in enumerate(form.letters, start=1):
        sheet.cell(10, column, text)
    for line in sheet.iter_rows(min_row=8, max_row=10, max_col=width):
        for cell in line:
            cell.font, cell.alignment, cell.border = Font(name=FONT, bold=True), wrap, box
    row_index = 11
    for row in form.rows:
        values: list[object] = [row.label, row.code]
        if len(form.lead) == 3:
            values.append(row.unit or None)
        if row.values is not None:
            values += [row.total, *row.values]
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
    for column in range(2, width + 1):
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = 10 if column <= len(form.lead) else 22
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
    left.paragraphs[0].add_run(f"Biểu số: {form.number}").bold = True
    for text in (CIRCULAR, RECEIPT):
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
    lead = _header_cells(form)
    width = len(lead) + len(form.columns)
    table = document.add_table(rows=3, cols=width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, text in enumerate(lead):
        merged = table.cell(0, column).merge(table.cell(1, column))
        _write(merged, text, bold=True)
    group = table.cell(0, len(lead)).merge(table.cell(0, width - 1))
    _write(group, form.group, bold=True)
    for offset, text in enumerate(form.columns):
        _write(table.cell(1, len(lead) + offset), text, bold=True)
    for column, text in enumerate(form.letters):
        _write(table.cell(2, column), text, bold=True)
    for row in form.rows:
        cells = table.add_row().cells
        texts = [row.label, row.code]
        if len(form.lead) == 3:
            texts.append(row.unit)
        if row.values is not None:
            texts += [format_decimal(value) for value in (row.total, *row.values)]
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
