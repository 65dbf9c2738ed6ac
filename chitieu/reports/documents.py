"""Word and PDF documents in the administrative format of Decree 30/2020/NĐ-CP: A4; margins top and
bottom 20 mm, left 30 mm, right 15 mm; Times New Roman 13–14 pt; the issuing body's block on the
left, the national motto on the right, the place and date in italics; title in bold capitals;
justified body; the signature block and "Nơi nhận"."""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from django.template.loader import render_to_string
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from chitieu.core.dates import format_long_date
from chitieu.reports.charts import Chart

FONT = "Times New Roman"


@dataclass(frozen=True)
class Letterhead:
    parent_body: str  # "UBND TỈNH HÀ TĨNH"
    issuing_body: str  # "UBND THỊ XÃ KỲ ANH"
    number: str  # "Số: …/BC-UBND"
    place: str  # "Kỳ Anh"
    date: dt.date
    title: str  # "BÁO CÁO"
    subtitle: str
    signer_role: str = "TM. ỦY BAN NHÂN DÂN"
    signer_title: str = "CHỦ TỊCH"
    recipients: tuple[str, ...] = ("Như trên;", "Lưu: VT.")
    signer_name: str = ""  # printed under the signature, after the space for it
    addressee: str = ""  # "Kính gửi: Chủ tịch UBND tỉnh Hà Tĩnh."

    @property
    def signature(self) -> tuple[str, ...]:
        """The lines of the signature block, the name (if known) after the space to sign."""
        lines = tuple(line for line in (self.signer_role, self.signer_title) if line)
        return (*lines, "", "", "", self.signer_name) if self.signer_name else lines

    @property
    def place_and_date(self) -> str:
        return f"{self.place}, {format_long_date(self.date)}"


class Centered(str):
    """A paragraph printed centred in bold: the authority that decides, "QUYẾT ĐỊNH:"."""

    __slots__ = ()


class Ground(str):
    """A paragraph printed in italics: a ground of the document ("Căn cứ …")."""

    __slots__ = ()


@dataclass(frozen=True)
class Table:
    headings: tuple[str, ...]
    rows: Sequence[tuple[str, ...]] = field(default_factory=list)
    caption: str = ""  # printed above the table, when a document has several


def _run(
    paragraph: Paragraph,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: int = 13,
) -> Run:
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.size = Pt(size)
    run.font.name = FONT
    run._element.rPr.rFonts.set(qn("w:eastAsia"), FONT)  # type: ignore[union-attr]  # set above
    return run


def _centered(cell: _Cell, lines: Sequence[tuple[str, dict[str, Any]]]) -> None:
    first = True
    for text, options in lines:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        _run(paragraph, text, **options)


def _keep_together(row: Any) -> None:
    """A table row that does not break across pages (w:cantSplit)."""
    properties = row._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    cant_split.set(qn("w:val"), "true")
    properties.append(cant_split)


def docx_document(
    head: Letterhead,
    paragraphs: list[str],
    table: Table | None = None,
    charts: Sequence[Chart] = (),
    tables: Sequence[Table] = (),
) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(13)

    header = document.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = header.rows[0].cells
    _centered(
        left,
        [
            (head.parent_body.upper(), {"size": 13}),
            (head.issuing_body.upper(), {"bold": True}),
            (head.number, {}),
        ],
    )
    _centered(
        right,
        [
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {"bold": True, "size": 12}),
            ("Độc lập - Tự do - Hạnh phúc", {"bold": True, "underline": True, "size": 13}),
            (head.place_and_date, {"italic": True}),
        ],
    )

    for text, options in (
        (head.title, {"bold": True, "size": 14}),
        (head.subtitle, {"bold": True}),
    ):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(paragraph, text, **options)
    if head.addressee:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(paragraph, head.addressee, size=14)
    last: list[Paragraph] = []  # what the signature block stays with on its page
    for text in paragraphs:
        paragraph = document.add_paragraph()
        if isinstance(text, Centered):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _run(paragraph, text, bold=True, size=14)
        else:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            paragraph.paragraph_format.first_line_indent = Mm(10)
            _run(paragraph, text, italic=isinstance(text, Ground), size=14)
        last = [paragraph]
    for grid_table in [*([table] if table is not None else []), *tables]:
        if grid_table.caption:
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.keep_with_next = True
            _run(paragraph, grid_table.caption, bold=True, size=13)
        grid = document.add_table(rows=1, cols=len(grid_table.headings))
        grid.style = "Table Grid"
        for cell, heading in zip(grid.rows[0].cells, grid_table.headings, strict=True):
            _run(cell.paragraphs[0], heading, bold=True, size=11)
        for row in grid_table.rows:
            cells = grid.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                _run(cell.paragraphs[0], value, size=11)
            last = [cell.paragraphs[0] for cell in cells]
    for chart in charts:
        picture = document.add_paragraph()
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.add_run().add_picture(BytesIO(chart.png), width=Mm(160))
        picture.paragraph_format.keep_with_next = True
        caption = document.add_paragraph()
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(caption, chart.caption, italic=True, size=11)
        last = [caption]
    for paragraph in last:
        paragraph.paragraph_format.keep_with_next = True

    signature = document.add_table(rows=1, cols=2)
    _keep_together(signature.rows[0])
    left, right = signature.rows[0].cells
    recipients = left.paragraphs[0]
    _run(recipients, "Nơi nhận:", bold=True, italic=True, size=12)
    for line in head.recipients:
        _run(left.add_paragraph(), f"- {line}", size=11)
    _centered(right, [(line, {"bold": True}) for line in head.signature])
    for cell in (left, right):
        for paragraph in cell.paragraphs[:-1]:
            paragraph.paragraph_format.keep_with_next = True
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_document(
    head: Letterhead,
    paragraphs: list[str],
    table: Table | None = None,
    charts: Sequence[Chart] = (),
    tables: Sequence[Table] = (),
) -> bytes:
    from weasyprint import HTML

    images = [
        (f"data:image/png;base64,{base64.b64encode(chart.png).decode()}", chart.caption)
        for chart in charts
    ]
    html = render_to_string(
        "reports/document.html",
        {
            "head": head,
            "paragraphs": [
                (
                    text,
                    "centered"
                    if isinstance(text, Centered)
                    else "ground" * isinstance(text, Ground),
                )
                for text in paragraphs
            ],
            "tables": [*([table] if table is not None else []), *tables],
            "charts": images,
        },
    )
    return HTML(string=html).write_pdf()
