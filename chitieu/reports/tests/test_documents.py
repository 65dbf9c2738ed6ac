"""The unit's report in Word, PDF and Excel, with the narrative; the PDF is rendered to an image."""

import datetime as dt
from decimal import Decimal as D
from io import BytesIO
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest
from django.test import Client
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from chitieu.actuals.services import ValueInput, actuals_save
from chitieu.core.periods import Period
from chitieu.evaluation.engine import Status
from chitieu.evaluation.loader import evaluate_units
from chitieu.reports.charts import Bar, plan_bars, plan_chart
from chitieu.targets.services import resolution_create, target_create

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"


@pytest.fixture
def town_2021(tree, superuser, catalogue):
    resolution = resolution_create(
        actor=superuser,
        unit=tree.town,
        number="1",
        title="KH 2021",
        date=dt.date(2020, 12, 18),
        issuing_body="HĐND thị xã",
        period="2021",
    )
    target_create(
        actor=superuser,
        resolution=resolution,
        issuer="Thị xã đề ra",
        indicator=catalogue["KT06"],
        value=D("273.5"),
    )
    target_create(
        actor=superuser,
        resolution=resolution,
        issuer="Thị xã đề ra",
        indicator=catalogue["KT03"],
        value=D("69376"),
    )
    actuals_save(
        actor=superuser,
        unit=tree.town,
        period="2021",
        kind="estimate",
        values=[
            ValueInput(catalogue["KT06"], D("320"), 0),
            ValueInput(catalogue["KT03"], D("72824"), 0),
        ],
    )
    actuals_save(
        actor=superuser,
        unit=tree.town,
        period="2020",
        kind="official",
        values=[ValueInput(catalogue["KT03"], D("60394.75"), 0)],
    )
    client = Client()
    client.force_login(superuser)
    return client


def get(client, tree, kind):
    response = client.get(reverse("unit_report", args=[tree.town.pk, kind]), {"period": "2021"})
    assert response.status_code == 200
    return response.content


def test_the_word_report_has_the_letterhead_narrative_and_table(town_2021, tree):
    document = Document(BytesIO(get(town_2021, tree, "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert cells[0] == "UBND TỈNH HÀ TĨNH\nUBND THỊ XÃ KỲ ANH\nSố:      /BC-UBND"
    assert cells[1].startswith(
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nKỳ Anh, ngày "
    )
    assert "BÁO CÁO" in text
    assert (
        "Năm 2021, thị xã Kỳ Anh có 2/2 chỉ tiêu kinh tế - xã hội đạt và vượt kế hoạch, "
        "trong đó 2 chỉ tiêu vượt kế hoạch."
    ) in text
    assert (
        "Thu ngân sách nhà nước trên địa bàn ước đạt 320 tỷ đồng, bằng 117% kế hoạch thị xã đề ra."
        in text
    )
    assert "117%" in cells and "104,97%" in cells
    section = document.sections[0]
    assert (
        round(section.left_margin.mm),
        round(section.right_margin.mm),
        round(section.top_margin.mm),
    ) == (30, 15, 20)


def test_the_pdf_report_renders_and_is_looked_at(town_2021, tree):

    content = get(town_2021, tree, "pdf")
    assert content.startswith(b"%PDF")
    pdf = pypdfium2.PdfDocument(content)
    page = pdf[0]
    assert (round(page.get_width() / 72 * 25.4), round(page.get_height() / 72 * 25.4)) == (210, 297)
    text = page.get_textpage().get_text_range()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "11/15" not in text and "2/2 chỉ tiêu" in text
    ARTIFACTS.mkdir(exist_ok=True)
    page.render(scale=1.5).to_pil().save(ARTIFACTS / "unit-report.png")


def test_the_excel_results_keep_exact_numbers(town_2021, tree):
    sheet = load_workbook(BytesIO(get(town_2021, tree, "xlsx"))).active
    rows = list(sheet.iter_rows(min_row=5, values_only=True))
    assert rows[0][1] == "Thu ngân sách nhà nước trên địa bàn"
    assert rows[0][5] == 320
    assert rows[1][5] == 72824
    assert rows[1][6] == pytest.approx(104.97)
    assert rows[1][7] == "+20,58%"


def test_the_chart_shows_each_main_target_against_its_plan(town_2021, tree):

    (results,) = evaluate_units([tree.town], Period.year_of(2021))
    assert plan_bars(results) == [
        Bar("Thu ngân sách nhà nước trên địa bàn", D("117.0018"), Status.EXCEEDED),
        Bar("Giá trị sản xuất công nghiệp - xây dựng", D("104.9700"), Status.EXCEEDED),
    ]
    chart = plan_chart(results)
    assert chart is not None and chart.png.startswith(b"\x89PNG")
    (empty,) = evaluate_units([tree.town], Period.year_of(2019))
    assert plan_chart(empty) is None


def test_the_reports_carry_the_chart(town_2021, tree):
    document = Document(BytesIO(get(town_2021, tree, "docx")))
    assert len(document.inline_shapes) == 1
    assert round(document.inline_shapes[0].width.mm) == 160
    captions = [p.text for p in document.paragraphs if p.text.startswith("Biểu đồ:")]
    assert captions == [
        "Biểu đồ: tỷ lệ thực hiện so với kế hoạch các chỉ tiêu chủ yếu, năm 2021 (màu theo kết "
        "quả đánh giá; với chỉ tiêu càng thấp càng tốt như tỷ lệ hộ nghèo, dưới 100% là đạt)"
    ]
    pdf = pypdfium2.PdfDocument(get(town_2021, tree, "pdf"))
    images = [
        obj for page in pdf for obj in page.get_objects() if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE
    ]
    assert len(images) == 1


def test_the_signature_block_stays_with_the_last_lines(town_2021, tree):
    """Decree 30: the signature block does not fall alone on a page. In Word the last lines keep
    with the block and its row does not split; in the PDF the block shares its page."""
    document = Document(BytesIO(get(town_2021, tree, "docx")))
    signature = document.tables[-1]
    assert signature.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    body = [p for p in document.paragraphs if p.text]
    assert body[-1].paragraph_format.keep_with_next is True  # the chart's caption
    right = signature.rows[0].cells[1].paragraphs
    assert [p.paragraph_format.keep_with_next for p in right] == [True, None]

    pdf = pypdfium2.PdfDocument(get(town_2021, tree, "pdf"))
    last = pdf[len(pdf) - 1].get_textpage().get_text_range().replace("\r\n", "\n")
    before, _sep, after = last.partition("Nơi nhận:")
    assert after.endswith("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH")
    assert before.strip() != ""  # the last lines of the report are on the signature's page
    for index in range(len(pdf)):
        pdf[index].render(scale=60 / 72).to_pil().save(ARTIFACTS / f"unit-report-{index + 1}.png")


def test_the_signature_block_never_falls_alone_on_a_page():
    """Whatever the length of the text, the PDF's last page carries the last lines of the text
    and the whole signature block (without the rule, 20 such paragraphs left it alone)."""
    from chitieu.reports.documents import Letterhead, pdf_document

    head = Letterhead(
        "UBND TỈNH HÀ TĨNH",
        "UBND THỊ XÃ KỲ ANH",
        "Số: 1/BC-UBND",
        "Kỳ Anh",
        dt.date(2025, 1, 1),
        "BÁO CÁO",
        "Thử",
    )
    line = "Nội dung báo cáo dài dòng để lấp đầy trang giấy. " * 4
    for count in range(14, 24):
        pdf = pypdfium2.PdfDocument(pdf_document(head, [f"Đoạn {i}: {line}" for i in range(count)]))
        last = pdf[len(pdf) - 1].get_textpage().get_text_range().replace("\r\n", "\n")
        before, _sep, after = last.partition("Nơi nhận:")
        assert "lấp đầy trang giấy." in before, count
        assert after.endswith("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"), count
