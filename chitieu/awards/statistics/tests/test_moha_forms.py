"""Biểu 0601.N and 0603.N/BNV-TĐKT: the layout as printed (header cells, row codes and labels)
and the counts exact from seeded records, in Excel (numbers as numbers) and in Word."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from chitieu.awards.models import AwardRecord, Person
from chitieu.awards.statistics.moha import duration_code, form_0601, form_0602, form_0603
from chitieu.emulation.services import movement_create
from chitieu.testing import client_for, fixture_row

pytestmark = pytest.mark.django_db


def _movement(actor, unit, name, document_date, starts_on, ends_on, **extra):
    return movement_create(
        actor=actor,
        launched_by=unit,
        name=name,
        document_number=f"{name}/KH",
        document_date=document_date,
        starts_on=starts_on,
        ends_on=ends_on,
        **extra,
    )


@pytest.fixture
def movements(tree, superuser):
    d = dt.date
    # In the period 01/12/2025 – 30/11/2026, by the launch document's date.
    _movement(
        superuser,
        tree.province,
        "A",
        d(2025, 12, 1),
        d(2026, 1, 1),
        d(2026, 12, 31),
        method="thuong_xuyen",
    )
    _movement(
        superuser,
        tree.province,
        "B",
        d(2026, 3, 1),
        d(2026, 1, 1),
        d(2030, 12, 31),
        method="chuyen_de",
        scope="nganh_dia_phuong",
    )
    _movement(
        superuser,
        tree.town,
        "C",
        d(2026, 11, 30),
        d(2026, 3, 1),
        d(2026, 8, 31),
        scope="cum_khoi",
        method="chuyen_de",
    )
    _movement(
        superuser,
        tree.commune_a,
        "D",
        d(2026, 5, 1),
        d(2026, 5, 1),
        d(2028, 4, 30),
        scope="co_quan",
        method="thuong_xuyen",
    )
    # Outside: before the period, after it.
    _movement(superuser, tree.province, "E", d(2025, 11, 30), d(2026, 1, 1), d(2026, 12, 31))
    _movement(superuser, tree.province, "F", d(2026, 12, 1), d(2027, 1, 1), d(2027, 12, 31))


def test_duration_rows():
    d = dt.date
    assert duration_code(d(2026, 1, 1), d(2026, 12, 31)) == "07"
    assert duration_code(d(2026, 1, 10), d(2026, 12, 31)) == "06"
    assert duration_code(d(2026, 1, 1), d(2027, 6, 30)) == "08"
    assert duration_code(d(2026, 1, 1), d(2028, 12, 31)) == "09"
    assert duration_code(d(2021, 1, 1), d(2025, 12, 31)) == "10"


def test_form_0601_counts_by_level_scope_duration_and_method(tree, movements):
    form = form_0601(tree.province, 2026)
    by_code = {row.code: (row.total, row.values) for row in form.rows if row.code}
    assert by_code == {
        "01": (4, [0, 2, 2]),
        "02": (0, [0, 0, 0]),
        "03": (2, [0, 2, 0]),
        "04": (1, [0, 0, 1]),
        "05": (1, [0, 0, 1]),
        "06": (1, [0, 0, 1]),
        "07": (1, [0, 1, 0]),
        "08": (1, [0, 0, 1]),
        "09": (0, [0, 0, 0]),
        "10": (1, [0, 1, 0]),
        "11": (2, [0, 1, 1]),
        "12": (2, [0, 1, 1]),
    }
    town = form_0601(tree.town, 2026)
    assert town.row("01").values == [0, 0, 2]


def test_form_0601_in_excel_as_printed(tree, board, movements):
    url = reverse("moha_form", args=[tree.province.pk, 2026, "0601", "xlsx"])
    response = client_for(board).get(url)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Biểu số: 0601.N/BNV-TĐKT"
    assert sheet["A2"].value == "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023"
    assert sheet["C1"].value == "Đơn vị báo cáo: Tỉnh Hà Tĩnh"
    assert sheet["C2"].value == "Đơn vị nhận báo cáo: Bộ Nội vụ"
    assert (sheet["A5"].value, sheet["A6"].value) == ("SỐ PHONG TRÀO THI ĐUA", "Năm 2026")
    assert sheet["F7"].value == "Đơn vị tính: Phong trào"
    assert [sheet.cell(8, c).value for c in range(1, 5)] == [
        None,
        "Mã số",
        "Tổng số",
        "Số phong trào thi đua chia theo cấp chủ trì phát động thi đua",
    ]
    assert [sheet.cell(9, c).value for c in range(4, 7)] == [
        "Cấp Trung ương (Hội đồng Thi đua - Khen thưởng Trung ương)",
        "Cấp bộ, ban ngành đoàn thể trung ương, tỉnh, thành phố trực thuộc Trung ương",
        "Cơ quan, tổ chức, đơn vị",
    ]
    assert [sheet.cell(10, c).value for c in range(1, 7)] == [
        "A",
        "B",
        "1=(2+3+4)",
        "2",
        "3",
        "4",
    ]
    assert "D8:F8" in {str(r) for r in sheet.merged_cells.ranges}
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=11, max_row=25, max_col=6)]
    assert rows[0] == ["Tổng số", "01", 4, 0, 2, 2]
    assert rows[1][0] == "1. Chia theo phạm vi tổ chức thi đua" and rows[1][2] is None
    assert rows[3] == ["- Bộ, ban, ngành đoàn thể, địa phương", "03", 2, 0, 2, 0]
    assert rows[6][0] == "2. Chia theo thời hạn thi đua"
    assert rows[8] == ["- 1 năm", "07", 1, 0, 1, 0]
    assert rows[12][0] == "3. Chia theo phương thức tổ chức phong trào thi đua"
    assert rows[13] == ["- Thi đua theo chuyên đề", "11", 2, 0, 1, 1]
    assert rows[14] == ["- Thi đua thường xuyên hàng năm", "12", 2, 0, 1, 1]
    assert sheet.cell(11, 3).number_format == "#,##0"


def test_form_0601_in_word_as_printed(tree, board, movements):
    url = reverse("moha_form", args=[tree.province.pk, 2026, "0601", "docx"])
    document = Document(io.BytesIO(client_for(board).get(url).content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "SỐ PHONG TRÀO THI ĐUA" in text and "Năm 2026" in text
    head = document.tables[0].rows[0].cells
    assert head[0].text.startswith("Biểu số: 0601.N/BNV-TĐKT")
    assert "Đơn vị báo cáo: Tỉnh Hà Tĩnh" in head[1].text
    table = document.tables[1]
    assert [c.text for c in table.rows[0].cells][:4] == [
        "",
        "Mã số",
        "Tổng số",
        "Số phong trào thi đua chia theo cấp chủ trì phát động thi đua",
    ]
    assert [c.text for c in table.rows[2].cells] == ["A", "B", "1=(2+3+4)", "2", "3", "4"]
    assert [c.text for c in table.rows[3].cells] == ["Tổng số", "01", "4", "0", "2", "2"]
    assert [c.text for c in table.rows[17].cells] == [
        "- Thi đua thường xuyên hàng năm",
        "12",
        "2",
        "0",
        "1",
        "1",
    ]


@pytest.fixture
def province_awards(tree, awards):
    def person(name, group, unit):
        return fixture_row(Person, full_name=name, sex="nu", group=group, unit=unit)

    def award(code, when, **who):
        fixture_row(
            AwardRecord,
            award=awards[code],
            year=2026,
            decision_number="1/QĐ",
            decision_date=when,
            **who,
        )

    lan = person("Lan", "lanh_dao", tree.town)
    an = person("An", "nong_dan", tree.commune_a)
    award("BK_TINH", dt.date(2026, 1, 5), person=lan)
    award("BK_TINH", dt.date(2026, 2, 5), person=an, commendation_type="dot_xuat")
    award("BK_TINH", dt.date(2026, 3, 5), unit=tree.commune_a, commendation_type="chuyen_de")
    award("CSTDT", dt.date(2026, 4, 5), person=lan)
    award("CO_TINH", dt.date(2026, 11, 30), unit=tree.town)
    award("CO_TINH", dt.date(2026, 12, 1), unit=tree.town)  # after the period
    award("LDTT", dt.date(2026, 4, 5), person=an)  # not of the province
    award("BK_TINH", dt.date(2026, 4, 5), unit=tree.commune_c)  # not under the town


def test_form_0603_counts_and_layout(tree, board, province_awards):
    form = form_0603(tree.town, 2026)
    by_code = {row.code: (row.total, row.values) for row in form.rows if row.code}
    assert by_code["01"] == (5, [3, 1, 1, 0])
    assert by_code["02"] == (2, [1, 0, 1, 0])
    assert by_code["05"] == (3, [2, 1, 0, 0])
    assert by_code["09"] == (2, [1, 1, 0, 0])
    assert by_code["10"] == (1, [1, 0, 0, 0])
    assert by_code["11"] == (3, [1, 1, 1, 0])
    assert by_code["12"] == (1, [1, 0, 0, 0])
    assert by_code["13"] == (1, [1, 0, 0, 0])
    assert by_code["17"] == (0, [0, 0, 0, 0])
    url = reverse("moha_form", args=[tree.town.pk, 2026, "0603", "xlsx"])
    sheet = load_workbook(io.BytesIO(client_for(board).get(url).content)).active
    assert sheet["A1"].value == "Biểu số: 0603.N/BNV-TĐKT"
    assert sheet["A5"].value.startswith("SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH")
    assert [sheet.cell(8, c).value for c in range(2, 6)] == [
        "Mã số",
        "Đơn vị tính",
        "Tổng số",
        "Chia ra",
    ]
    assert [sheet.cell(9, c).value for c in range(5, 9)][:3] == [
        "Bằng khen",
        "Chiến sĩ thi đua cấp bộ, cấp tỉnh",
        "Cờ thi đua của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương",
    ]
    assert [sheet.cell(10, c).value for c in range(1, 9)] == list("ABC12345")
    assert [c.value for c in sheet[11]][:8] == ["Tổng số", "01", None, 5, 3, 1, 1, 0]
    assert [c.value for c in sheet[13]][:8] == ["- Tập thể", "02", "Tập thể", 2, 1, 0, 1, 0]
    url = reverse("moha_form", args=[tree.town.pk, 2026, "0603", "docx"])
    table = Document(io.BytesIO(client_for(board).get(url).content)).tables[1]
    assert [c.text for c in table.rows[3].cells] == ["Tổng số", "01", "", "5", "3", "1", "1", "0"]


def test_forms_are_scoped_and_unknown_forms_are_404(tree, make_user, movements):
    from chitieu.accounts.models import Role

    other = make_user("other_board", Role.BOARD, tree.other_district)
    client = client_for(other)
    assert (
        client.get(reverse("moha_form", args=[tree.town.pk, 2026, "0601", "xlsx"])).status_code
        == 404
    )
    assert (
        client.get(
            reverse("moha_form", args=[tree.other_district.pk, 2026, "0699", "xlsx"])
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse("moha_form", args=[tree.other_district.pk, 2026, "0601", "pdf"])
        ).status_code
        == 404
    )


@pytest.fixture
def state_awards(tree, awards, superuser):
    from chitieu.units.models import UnitType
    from chitieu.units.services import unit_create

    company = unit_create(
        actor=superuser,
        name="Công ty Formosa",
        type=UnitType.ENTERPRISE,
        parent=tree.town,
        valid_from=dt.date(2020, 1, 1),
    )

    def person(name, group, unit):
        return fixture_row(Person, full_name=name, sex="nu", group=group, unit=unit)

    def award(code, when, **who):
        fixture_row(
            AwardRecord,
            award=awards[code],
            year=2026,
            decision_number="9/QĐ-TTg",
            decision_date=when,
            **who,
        )

    lan = person("Lan", "lanh_dao", tree.town)
    an = person("An", "nong_dan", tree.commune_a)
    mai = person("Mai", "khac", tree.commune_b)
    award("HC_LD3", dt.date(2025, 12, 1), person=lan)  # the first day of the period
    award("HC_LD3", dt.date(2026, 2, 1), unit=company, commendation_type="cong_hien")
    award("HC_LD2", dt.date(2026, 11, 30), unit=tree.town)  # the last day
    award("BK_TTG", dt.date(2026, 3, 1), person=an, commendation_type="dot_xuat")
    award("BK_TTG", dt.date(2026, 3, 1), unit=tree.commune_a)
    award("CO_CP", dt.date(2026, 5, 1), unit=tree.commune_b, commendation_type="chuyen_de")
    award("CSTDTQ", dt.date(2026, 6, 1), person=lan)
    award("VD_NGUT", dt.date(2026, 6, 1), person=mai, commendation_type="nien_han")
    award("GT_NN", dt.date(2026, 7, 1), person=mai)
    award("KNC", dt.date(2026, 7, 1), person=an)  # a Kỷ niệm chương: not a state award
    award("HC_LD3", dt.date(2025, 11, 30), person=an)  # before the period
    award("BK_TTG", dt.date(2026, 12, 1), person=an)  # after it
    award("BK_TINH", dt.date(2026, 3, 1), person=an)  # of the province: form 0603
    award("BK_TTG", dt.date(2026, 3, 1), unit=tree.commune_c)  # not under the town
    return company


def test_form_0602_columns_grow_with_the_forms_present(tree, state_awards):
    from chitieu.reports.moha_forms import header_layout, letter_cells

    form = form_0602(tree.town, 2026)
    depth, width, cells = header_layout(form)
    assert (depth, width) == (4, 4 + 13)
    texts = [(text, top, left, bottom, right) for text, top, left, bottom, right in cells]
    assert ("Tổng số", 0, 3, 3, 3) in texts
    assert ("Chia ra", 0, 4, 0, 16) in texts
    medals = "Các loại huân chương, huy chương (Mỗi hình thức khen thưởng ghi riêng một cột)"
    assert (medals, 1, 4, 1, 7) in texts
    # The catalogue's order: hạng Nhì before hạng Ba.
    assert ("Huân chương Lao động hạng Nhì", 2, 4, 2, 5) in texts
    assert ("Huân chương Lao động hạng Ba", 2, 6, 2, 7) in texts
    assert [t for t in texts if t[1] == 3 and t[2] in (4, 5)] == [
        ("Tập thể", 3, 4, 3, 4),
        ("Cá nhân", 3, 5, 3, 5),
    ]
    assert ("Giải thưởng Hồ Chí Minh", 1, 8, 1, 8) in texts
    assert ("Cá nhân", 2, 8, 3, 8) in texts
    honours = "Danh hiệu vinh dự nhà nước (Mỗi hình thức khen thưởng ghi riêng một cột)"
    assert (honours, 1, 10, 1, 10) in texts
    assert ("Nhà giáo ưu tú", 2, 10, 2, 10) in texts  # given to persons only: one column
    assert ("Cờ thi đua của Chính phủ", 1, 11, 1, 11) in texts
    assert ("Bằng khen của Thủ tướng Chính phủ", 1, 12, 1, 13) in texts
    assert ("Danh hiệu “Chiến sĩ thi đua toàn quốc”", 1, 14, 1, 14) in texts
    others = "Các hình thức khen thưởng khác (Mỗi hình thức khen thưởng ghi riêng một cột)"
    assert (others, 1, 15, 1, 16) in texts  # none present: Tập thể, Cá nhân under it
    assert letter_cells(form) == [
        ("A", 0, 0),
        ("B", 1, 1),
        ("C", 2, 2),
        ("1", 3, 3),
        ("2", 4, 7),
        ("3", 8, 8),
        ("4", 9, 9),
        ("5", 10, 10),
        ("6", 11, 11),
        ("7", 12, 13),
        ("8", 14, 14),
        ("9", 15, 16),
    ]


def test_form_0602_counts(tree, state_awards):
    form = form_0602(tree.town, 2026)
    by_code = {row.code: (row.total, row.values) for row in form.rows if row.code}
    # Columns: HC LĐ Nhì (TT, CN), HC LĐ Ba (TT, CN), GT HCM, GT NN, NGƯT, Cờ CP, BK TTg (TT, CN),
    # CSTĐTQ, others (TT, CN).
    assert by_code["01"] == (9, [1, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 0, 0])
    assert by_code["02"] == (0, [0] * 13)
    assert by_code["03"] == by_code["01"]
    assert by_code["06"] == (4, [1, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0])
    assert by_code["07"] == (1, [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    assert by_code["08"] == (0, [0] * 13)
    assert by_code["09"] == (5, [0, 0, 0, 1, 0, 1, 1, 0, 0, 1, 1, 0, 0])
    assert by_code["13"] == (2, [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0])
    assert by_code["14"] == (3, [0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0])
    assert by_code["10"][0] == by_code["11"][0] == by_code["12"][0] == 0
    assert by_code["15"] == (5, [1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 0])
    assert by_code["16"] == (1, [0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0])
    assert by_code["17"] == (1, [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0])
    assert by_code["19"] == (1, [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    assert by_code["20"] == (1, [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0])
    assert by_code["21"] == (0, [0] * 13)
    assert set(by_code) == {f"{n:02d}" for n in range(1, 22)} - {"04", "05"}
    assert form.notes[-1].startswith("1 khen thưởng cấp Nhà nước khác")
    assert any("dòng 03" in note for note in form.notes)


def test_form_0602_without_state_awards_keeps_one_column_per_group(tree, awards):
    form = form_0602(tree.province, 2026)
    assert form.row("01").values == [0] * 12
    assert form.letter_spans == [1, 1, 1, 1, 2, 1, 1, 2, 1, 2, 1, 2]


def test_form_0602_in_excel_and_word(tree, board, state_awards):
    url = reverse("moha_form", args=[tree.town.pk, 2026, "0602", "xlsx"])
    sheet = load_workbook(io.BytesIO(client_for(board).get(url).content)).active
    assert sheet["A1"].value == "Biểu số: 0602.N/BNV-TĐKT"
    assert sheet["A3"].value == "Ngày nhận báo cáo: Ngày 15 tháng 12 năm báo cáo"
    assert sheet["A5"].value == "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC"
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"D8:D11", "E8:Q8", "E9:H9", "E10:F10", "I10:I11", "M9:N9", "E12:H12"} <= merged
    assert sheet["E10"].value == "Huân chương Lao động hạng Nhì"
    assert (sheet["E11"].value, sheet["F11"].value) == ("Tập thể", "Cá nhân")
    assert [sheet.cell(12, c).value for c in (1, 2, 3, 4, 5, 9, 10, 11, 12, 13, 15, 16)] == [
        "A", "B", "C", "1", "2", "3", "4", "5", "6", "7", "8", "9",
    ]  # fmt: skip
    assert [c.value for c in sheet[13]][:17] == [
        "Tổng số", "01", None, 9, 1, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 0, 0,
    ]  # fmt: skip
    assert sheet.cell(13, 4).number_format == "#,##0"
    assert [c.value for c in sheet[18]][:4] == ["- Tập thể", "06", "Tập thể", 4]
    url = reverse("moha_form", args=[tree.town.pk, 2026, "0602", "docx"])
    table = Document(io.BytesIO(client_for(board).get(url).content)).tables[1]
    assert len(table.columns) == 17
    assert table.cell(1, 4).text.startswith("Các loại huân chương")
    assert table.cell(3, 12).text == "Tập thể" and table.cell(3, 13).text == "Cá nhân"
    assert [c.text for c in table.rows[5].cells][:6] == ["Tổng số", "01", "", "9", "1", "0"]
