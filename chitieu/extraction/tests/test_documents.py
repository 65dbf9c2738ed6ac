"""Reading what units send: Word reports with tables and lists, PDF, Excel, old encodings, and
whatever cannot be read; the command line in a plain shell."""

import io
import os
import subprocess
import sys
import time
import unicodedata
from decimal import Decimal as D
from pathlib import Path

import pytest
from docx import Document

from chitieu.extraction import reading
from chitieu.extraction.documents import extract_blocks
from chitieu.extraction.encodings import TCVN3, UnreadableText, clean, decode
from chitieu.extraction.extractor import extract
from chitieu.extraction.reading import read_blocks
from chitieu.extraction.tables import column_kind

ROOT = Path(__file__).resolve().parents[3]


def rows_of(data: bytes, name: str = "report.docx") -> list[tuple]:
    return [
        (f.kind, f.value, f.total, f.upper, f.unit, f.role, f.bound, f.quote, f.metric)
        for f in extract_blocks(read_blocks(data, name)).figures
    ]


def docx_bytes(build) -> bytes:
    document = Document()
    build(document)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def add_table(document, rows):
    table = document.add_table(rows=0, cols=len(rows[0]))
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    return table


STANDARD = [
    [
        "STT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Kế hoạch 2024",
        "Thực hiện 2024",
        "% so KH",
        "% so cùng kỳ",
    ],
    ["1", "Tổng giá trị sản xuất", "Tỷ đồng", "21.500", "22.140", "103", "108,4"],
    ["2", "Thu ngân sách trên địa bàn", "Tỷ đồng", "1.020", "1.104,5", "108,3", "111,2"],
    ["3", "Số doanh nghiệp thành lập mới", "Doanh nghiệp", "180", "196", "108,9", "104,3"],
    ["4", "Tỷ lệ lao động qua đào tạo", "%", "72", "73,5", "102,1", ""],
]


def test_a_standard_results_table_gives_each_cell_with_its_row_unit_and_column():
    data = docx_bytes(lambda d: add_table(d, STANDARD))
    found = rows_of(data)
    assert len(found) == 15  # 4 rows × 4 figure columns, one cell empty
    assert found[:5] == [
        ("amount", D(21500), None, None, "tỷ đồng", "target", None, "21.500", "tổng giá trị sản xuất"),
        ("amount", D(22140), None, None, "tỷ đồng", "actual", None, "22.140", "tổng giá trị sản xuất"),
        ("pct_of_plan", D(103), None, None, "%", "actual", None, "103", "tổng giá trị sản xuất"),
        ("amount", D("108.4"), None, None, "%", "actual", None, "108,4", "tổng giá trị sản xuất"),
        ("amount", D(1020), None, None, "tỷ đồng", "target", None, "1.020", "thu ngân sách trên địa bàn"),
    ]  # fmt: skip
    assert found[-3:] == [
        ("amount", D(72), None, None, "%", "target", None, "72", "tỷ lệ lao động qua đào tạo"),
        ("amount", D("73.5"), None, None, "%", "actual", None, "73,5", "tỷ lệ lao động qua đào tạo"),
        ("pct_of_plan", D("102.1"), None, None, "%", "actual", None, "102,1", "tỷ lệ lao động qua đào tạo"),
    ]  # fmt: skip


def test_merged_two_level_headers_group_rows_column_numbers_and_sub_rows():
    def build(document):
        table = add_table(
            document,
            [
                ["TT", "Nội dung", "ĐVT", "Năm 2025", "Năm 2025", "So sánh (%)", "So sánh (%)"],
                ["", "", "", "KH năm", "Ước TH", "Ước TH/KH", "So với cùng kỳ"],
                ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
                ["I", "Kinh tế", "", "", "", "", ""],
                ["1", "Thu ngân sách nhà nước (tỷ đồng)", "", "Trên 950", "980", "103,2", "106"],
                ["", "- Trong đó: thu nội địa", "Triệu đồng", "12 450", "12 800", "", ""],
                ["II", "Xã hội", "", "", "", "", ""],
                ["2", "Tỷ lệ hộ nghèo", "%", "Giảm 0,3 - 0,5", "-0,45", "", ""],
                ["3", "Xã đạt chuẩn nông thôn mới", "Xã", "18/20", "19/20", "–", "x"],
            ],
        )
        table.cell(0, 3).merge(table.cell(0, 4)).text = "Năm 2025"
        table.cell(0, 5).merge(table.cell(0, 6)).text = "So sánh (%)"

    found = rows_of(docx_bytes(build))
    assert [(k, v, t, u, unit, role, b) for k, v, t, u, unit, role, b, _, _ in found] == [
        ("amount", D(950), None, None, "tỷ đồng", "target", "min"),
        ("amount", D(980), None, None, "tỷ đồng", "actual", None),
        ("pct_of_plan", D("103.2"), None, None, "%", "actual", None),
        ("amount", D(106), None, None, "%", "actual", None),
        ("amount", D(12450), None, None, "triệu đồng", "target", None),
        ("amount", D(12800), None, None, "triệu đồng", "actual", None),
        ("change", D("-0.3"), None, D("-0.5"), "%", "target", None),
        ("amount", D("-0.45"), None, None, "%", "actual", None),
        ("ratio", D(18), D(20), None, "xã", "target", None),
        ("ratio", D(19), D(20), None, "xã", "actual", None),
    ]
    assert found[4][8] == "thu nội địa"


def test_units_typed_in_the_cells_keep_the_plan_column_a_target():
    rows = [
        ["Chỉ tiêu", "Kế hoạch năm 2024", "Ước thực hiện năm 2024"],
        ["Thu ngân sách", "320 tỷ đồng", "336,5 tỷ đồng"],
        ["Tỷ lệ che phủ rừng", "52%", "52,3%"],
    ]
    found = rows_of(docx_bytes(lambda d: add_table(d, rows)))
    assert [(f[0], f[1], f[4], f[5], f[8]) for f in found] == [
        ("amount", D(320), "tỷ đồng", "target", "thu ngân sách"),
        ("amount", D("336.5"), "tỷ đồng", "actual", "thu ngân sách"),
        ("amount", D(52), "%", "target", "tỷ lệ che phủ rừng"),
        ("amount", D("52.3"), "%", "actual", "tỷ lệ che phủ rừng"),
    ]


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ("STT", "stt"),
        ("Chỉ tiêu", "name"),
        ("Tên chỉ tiêu", "name"),
        ("ĐVT", "unit"),
        ("Đơn vị tính", "unit"),
        ("Kế hoạch năm 2025", "plan"),
        ("KH 2025", "plan"),
        ("Chỉ tiêu Nghị quyết Đại hội", "plan"),
        ("Mục tiêu năm 2025", "plan"),
        ("Thực hiện năm 2024", "actual"),
        ("Ước thực hiện cả năm", "actual"),
        ("Ước TH 2025", "actual"),
        ("So với KH (%)", "pct_plan"),
        ("Tỷ lệ TH/KH", "pct_plan"),
        ("% so với Nghị quyết", "pct_plan"),
        ("So với cùng kỳ (%)", "pct_prev"),
        ("So với năm trước (%)", "pct_prev"),
        ("KH năm 2026 so với ƯTH năm 2025 (%)", "pct_next"),
        ("Tăng (+)/giảm (-) so với cùng kỳ", "change"),
        ("Ghi chú", "note"),
    ],
)
def test_usual_headers(header, kind):
    assert column_kind(header) == kind


def test_tables_stand_where_they_are_and_lists_inherit_their_heading():
    def build(document):
        document.add_paragraph("Năm 2024, thu ngân sách ước đạt 1.104,5 tỷ đồng.")
        add_table(document, STANDARD[:2])
        document.add_paragraph("CÁC CHỈ TIÊU CHỦ YẾU NĂM 2025:")
        document.add_paragraph("Tốc độ tăng trưởng giá trị sản xuất đạt 8,5%", style="List Number")
        document.add_paragraph("Thu ngân sách trên địa bàn 1.150 tỷ đồng", style="List Number")
        document.add_paragraph("II. KẾT QUẢ CÔNG TÁC XÂY DỰNG ĐẢNG")
        document.add_paragraph("Kết nạp 215 đảng viên mới.")

    found = rows_of(docx_bytes(build))
    assert [(f[1], f[5]) for f in found] == [
        (D("1104.5"), "actual"),
        (D(21500), "target"),
        (D(22140), "actual"),
        (D(103), "actual"),
        (D("108.4"), "actual"),
        (D("8.5"), "target"),
        (D(1150), "target"),
        (D(215), "actual"),
    ]


@pytest.mark.parametrize(
    "heading",
    [
        "Phấn đấu năm 2026:",
        "Các chỉ tiêu chủ yếu năm 2026:",
        "Năm 2026, huyện đề ra 12 chỉ tiêu chủ yếu là:",
    ],
)
def test_a_list_in_text_under_a_target_heading_is_targets_to_its_end(heading):
    text = f"{heading}\n- Tổng vốn đầu tư đạt 3.200 tỷ đồng;\n+ Tỷ lệ hộ nghèo giảm còn dưới 1,2%.\nNăm 2025 thu ngân sách đạt 410 tỷ đồng."
    assert [(f.value, f.role, f.bound) for f in extract(text)] == [
        (D(3200), "target", None),
        (D("1.2"), "target", "max"),
        (D(410), "actual", None),
    ]


def pdf_bytes(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(
        string=f'<html><body style="font-family: DejaVu Sans">{html}</body></html>'
    ).write_pdf()


def test_a_pdf_report_with_a_text_layer_gives_its_prose_and_its_table_in_order():
    cell = 'style="border:1px solid black"'
    data = pdf_bytes(
        "<p>Năm 2024, tổng thu ngân sách ước đạt 512 tỷ đồng, bằng 108,2% dự toán tỉnh giao.</p>"
        f'<table style="border-collapse:collapse"><tr><th {cell}>STT</th><th {cell}>Chỉ tiêu</th>'
        f"<th {cell}>ĐVT</th><th {cell}>Kế hoạch</th><th {cell}>Thực hiện</th><th {cell}>So với KH (%)</th></tr>"
        f"<tr><td {cell}>1</td><td {cell}>Thu ngân sách nhà nước</td><td {cell}>Tỷ đồng</td>"
        f"<td {cell}>480</td><td {cell}>512</td><td {cell}>106,7</td></tr></table>"
        "<p>Phấn đấu năm 2025:</p><p>- Thu ngân sách 540 tỷ đồng.</p>"
    )
    found = rows_of(data, "report.pdf")
    assert [(f[0], f[1], f[4], f[5]) for f in found] == [
        ("amount", D(512), "tỷ đồng", "actual"),
        ("pct_of_plan", D("108.2"), "%", "actual"),
        ("amount", D(480), "tỷ đồng", "target"),
        ("amount", D(512), "tỷ đồng", "actual"),
        ("pct_of_plan", D("106.7"), "%", "actual"),
        ("amount", D(540), "tỷ đồng", "target"),
    ]


def test_an_excel_report_sheet_with_merged_headers_and_percent_cells():
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2024"])
    sheet.merge_cells("A1:F1")
    sheet.append(["STT", "Chỉ tiêu", "ĐVT", "Năm 2024", None, "So với cùng kỳ (%)"])
    sheet.merge_cells("D2:E2")
    sheet.append([None, None, None, "KH", "Ước TH", None])
    sheet.append(["1", "Thu ngân sách nhà nước", "Tỷ đồng", 480, 512.5, 1.125])
    sheet["F4"].number_format = "0.0%"
    sheet.append(["2", "Số doanh nghiệp thành lập mới", "Doanh nghiệp", 120, "135", None])
    stream = io.BytesIO()
    workbook.save(stream)
    found = rows_of(stream.getvalue(), "bieu.xlsx")
    assert [(f[0], f[1], f[4], f[5]) for f in found] == [
        ("amount", D(480), "tỷ đồng", "target"),
        ("amount", D("512.5"), "tỷ đồng", "actual"),
        ("amount", D("112.5"), "%", "actual"),
        ("amount", D(120), "doanh nghiệp", "target"),
        ("amount", D(135), "doanh nghiệp", "actual"),
    ]


# Encodings. The old-font spellings are written out as the fonts show them (not made by the
# tables under test): "Việt Nam" in TCVN3 is "ViÖt Nam", in VNI "Vieät Nam".
SENTENCE = (
    "Tổng thu ngân sách trên địa bàn ước đạt 320 tỷ đồng, tăng 8,3% so với cùng kỳ của huyện."
)
TCVN3_GLYPHS = (
    "Tæng thu ng©n s¸ch trªn ®Þa bµn ­íc ®¹t 320 tû ®ång, t¨ng 8,3% so víi cïng kú cña huyÖn."
)
VNI_GLYPHS = "Toång thu ngaân saùch treân ñòa baøn öôùc ñaït 320 tyû ñoàng, taêng 8,3% so vôùi cuøng kyø cuûa huyeän."


def cp1258_bytes(text: str) -> bytes:
    """Windows-1258 writes a letter with its hat or horn, then its tone as a combining mark."""
    out = b""
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        hats = "".join(c for c in parts[1:] if c in "\u0302\u0306\u031b")
        tones = "".join(c for c in parts[1:] if c not in hats)
        out += unicodedata.normalize("NFC", parts[0] + hats).encode("cp1258") + tones.encode(
            "cp1258"
        )
    return out


@pytest.mark.parametrize(
    "data",
    [
        SENTENCE.encode("utf-8"),
        b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"),
        SENTENCE.encode("utf-16"),
        SENTENCE.encode("utf-16-le"),
        TCVN3_GLYPHS.encode("latin-1"),
        VNI_GLYPHS.encode("cp1252"),
        cp1258_bytes(SENTENCE),
        unicodedata.normalize("NFD", SENTENCE).encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16", "utf16le", "tcvn3", "vni", "cp1258", "nfd"],
)
def test_files_in_any_encoding_read_as_the_same_text(data):
    assert decode(data) == SENTENCE


@pytest.mark.parametrize(
    "glyphs",
    [
        TCVN3_GLYPHS,
        VNI_GLYPHS,
        cp1258_bytes(SENTENCE).decode("cp1252"),
        unicodedata.normalize("NFD", SENTENCE),
    ],
    ids=["tcvn3", "vni", "cp1258", "nfd"],
)
def test_pasted_glyph_text_is_converted(glyphs):
    assert clean(glyphs) == SENTENCE
    assert [(f.kind, f.value) for f in extract(glyphs)] == [
        ("amount", D(320)),
        ("change", D("8.3")),
    ]


def test_the_tcvn3_table_has_every_small_letter_once():
    letters = set("àảãáạăằẳẵắặâầẩẫấậđèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵ")
    values = [v for v in TCVN3.values() if v.islower()]
    assert set(values) == letters and len(values) == len(letters)


def test_known_words_in_the_old_fonts():
    assert clean("§¶ng bé ViÖt Nam, ng­êi lao ®éng, kÕ ho¹ch cña huyÖn, gi¶m nghÌo") == (
        "Đảng bộ Việt Nam, người lao động, kế hoạch của huyện, giảm nghèo"
    )
    assert clean("Ñaûng boä Vieät Nam, ngöôøi lao ñoäng, keá hoaïch cuûa huyeän, giaûm ngheøo") == (
        "Đảng bộ Việt Nam, người lao động, kế hoạch của huyện, giảm nghèo"
    )


def test_odd_spaces_zero_width_fullwidth_and_ti():
    text = "Thu ngân\u00a0sách đạt\u00a0320\u00a0tỉ đồng, bằng 105\uff05 dự toán; thu\u200b nội địa đạt １２０ tỷ đồng."
    assert [(f.kind, f.value, f.unit) for f in extract(text)] == [
        ("amount", D(320), "tỷ đồng"),
        ("pct_of_plan", D(105), "%"),
        ("amount", D(120), "tỷ đồng"),
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Tổng thu ngân sách đạt 12 450 tỷ đồng.", D(12450)),
        ("Sản lượng lương thực đạt 1 245 300 tấn.", D(1245300)),
        ("Thu ngân sách\u00a0đạt 3\u00a0150 tỷ đồng.", D(3150)),
        ("Năm 2024 có 120 doanh nghiệp thành lập mới.", D(120)),
    ],
)
def test_a_space_between_thousands_is_never_read_as_the_last_group(text, value):
    assert [f.value for f in extract(text)] == [value]


@pytest.mark.parametrize(
    ("data", "name", "words"),
    [
        (b"PK\x03\x04 not a zip", "report.docx", "bị hỏng"),
        (b"\x00\x01\x02\x03" * 200, "report.bin", "không phải văn bản"),
        (b"\xd0\xcf\x11\xe0 old word", "report.doc", "đời cũ"),
        (b"%PDF-1.4 broken", "report.pdf", "PDF bị hỏng"),
    ],
)
def test_what_cannot_be_read_is_refused_with_a_message(data, name, words):
    with pytest.raises(UnreadableText, match=words):
        read_blocks(data, name)


def test_a_truncated_docx_is_refused_with_a_message():
    data = docx_bytes(lambda d: add_table(d, STANDARD))
    with pytest.raises(UnreadableText, match="bị hỏng"):
        read_blocks(data[: len(data) // 2], "report.docx")


def test_a_pdf_without_a_text_layer_is_refused():
    with pytest.raises(UnreadableText, match="không có lớp chữ"):
        read_blocks(pdf_bytes('<div style="height:40px;background:black"></div>'), "scan.pdf")


def test_a_text_beyond_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(reading, "MAX_CHARS", 1000)
    with pytest.raises(UnreadableText, match="quá dài"):
        read_blocks(("Thu ngân sách đạt 320 tỷ đồng. " * 50).encode(), "a.txt")


def test_a_thousand_item_sentence_keeps_metrics_short_and_work_linear():
    items = ", ".join(f"xã {i} có {i + 10} hộ" for i in range(1000))
    figures = extract(f"Năm 2024, {items}.")
    assert len(figures) == 1000
    assert max(len(f.metric) for f in figures) < 400

    def seconds(pages: int) -> float:
        text = (
            "Thu ngân sách đạt 320 tỷ đồng, tăng 8,3% so với cùng kỳ; kết nạp 45 đảng viên.\n"
            * pages
        )
        began = time.perf_counter()
        extract(text)
        return time.perf_counter() - began

    small, large = seconds(100), seconds(1000)
    assert large < small * 25  # ten times the text: about ten times the time, never a hundred


def plain_shell(*args: str) -> subprocess.CompletedProcess:
    command = Path(sys.executable).with_name("chitieu")
    env = {"PATH": "/usr/bin:/bin", "HOME": os.environ.get("HOME", "/tmp")}
    return subprocess.run(
        [str(command), *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )


def test_extract_runs_in_a_plain_shell_without_debug_or_secret(tmp_path):
    report = tmp_path / "bao-cao.docx"
    report.write_bytes(docx_bytes(lambda d: add_table(d, STANDARD)))
    result = plain_shell("extract", str(report), "--format", "table")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].split()[:4] == ["amount", "21500", "tỷ", "đồng"]
    text = tmp_path / "tcvn3.txt"
    text.write_bytes(TCVN3_GLYPHS.encode("latin-1"))
    result = plain_shell("extract", str(text))
    assert '"value": "320"' in result.stdout


def test_extract_of_a_corrupt_file_says_so_without_a_traceback(tmp_path):
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"PK\x03\x04 broken")
    result = plain_shell("extract", str(broken))
    assert result.returncode == 1
    assert "bị hỏng" in result.stderr and "Traceback" not in result.stderr
    result = plain_shell("extract", str(tmp_path / "khong-co.txt"))
    assert result.returncode == 2 and "không có tệp" in result.stderr


@pytest.mark.parametrize(
    ("written", "unit", "factor"),
    [
        ("Tỷ đồng", "tỷ đồng", 1),
        ("Tr.đồng", "triệu đồng", 1),
        ("Triệu đồng/người/năm", "triệu đồng", 1),
        ("DN", "doanh nghiệp", 1),
        ("HTX", "hợp tác xã", 1),
        ("1000 tấn", "tấn", 1000),
        ("Nghìn người", "người", 1000),
        ("Giường/vạn dân", "giường bệnh/vạn dân", 1),
        ("Ha", "ha", 1),
        ("Công trình", "công trình", 1),
    ],
)
def test_units_as_the_dvt_column_writes_them(written, unit, factor):
    from chitieu.extraction.tables import unit_of

    assert unit_of(written) == (unit, D(factor), False)
    assert unit_of("% kế hoạch") == ("%", D(1), True)


def test_a_heading_without_colon_opens_a_target_list_but_a_results_heading_does_not():
    text = "CÁC CHỈ TIÊU CHỦ YẾU NĂM 2025\nTốc độ tăng trưởng đạt 9%.\nThu ngân sách 540 tỷ đồng.\nII. NHIỆM VỤ\nNăm 2024 kết nạp 40 đảng viên."
    assert [f.role for f in extract(text)] == ["target", "target", "actual"]
    text = "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU NĂM 2024\nTốc độ tăng trưởng đạt 9%."
    assert [f.role for f in extract(text)] == ["actual"]


def test_a_table_pasted_as_text_with_tabs_is_read_as_a_table():
    text = "Chỉ tiêu\tĐVT\tKế hoạch\tThực hiện\nThu ngân sách\tTỷ đồng\t480\t512\n"
    figures = extract_blocks(reading.paragraphs_of_text(text)).figures
    assert [(f.value, f.unit, f.role) for f in figures] == [
        (D(480), "tỷ đồng", "target"),
        (D(512), "tỷ đồng", "actual"),
    ]


def test_a_list_of_people_is_not_a_table_of_figures():
    rows = [
        ["STT", "Họ và tên", "Năm sinh", "Chức vụ", "Đơn vị"],
        ["1", "Nguyễn Văn A", "1975", "Chủ tịch", "Xã Cẩm Bình"],
    ]
    assert rows_of(docx_bytes(lambda d: add_table(d, rows))) == []


def test_a_few_bad_bytes_in_utf8_keep_the_text_utf8():
    assert decode(SENTENCE.encode() + b"\xff\xfe").startswith(SENTENCE)
