"""The Board's report to its People's Committee (issue 13, item 8): on the seeded Hà Tĩnh year,
the movements, the cluster signed and scored, the proposals by stage and level, the awards by form
and level and the fund; as a page for six months and the year, and as Word and PDF; for the Board
of the unit and the levels above only."""

from io import BytesIO

import pypdfium2
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from docx import Document

from chitieu.accounts.models import Role
from chitieu.accounts.services import membership_create
from chitieu.reports.board_report import build_report, summary, tables
from chitieu.units.importer import import_admin_units
from chitieu.units.models import Unit

YEAR_2022 = [
    "Thực hiện nhiệm vụ theo dõi, đôn đốc, kiểm tra công tác thi đua, khen thưởng, Sở Nội vụ báo "
    "cáo Ủy ban nhân dân tỉnh Hà Tĩnh kết quả công tác thi đua, khen thưởng năm 2022 (từ "
    "01/01/2022 đến 31/12/2022) như sau:",
    "1. Phong trào thi đua: phát động 0 phong trào; sơ kết, tổng kết 0 phong trào.",
    "2. Cụm, khối thi đua: 1 cụm, khối với 7 đơn vị thành viên; 7 đơn vị đã ký giao ước thi đua, "
    "0 đơn vị đã tự chấm điểm, 0 đơn vị đã được thẩm định điểm.",
    "3. Hồ sơ đề nghị khen thưởng: 1 tờ trình, trong đó 1 tờ trình đã có quyết định khen thưởng.",
    "4. Khen thưởng: 3 quyết định, khen thưởng 27 lượt tập thể và 38 lượt cá nhân; tiền thưởng 20.860.000 "
    "đồng.",
    "5. Quỹ thi đua, khen thưởng năm 2022: được phân bổ 500.000.000 đồng, đã chi 20.860.000 đồng, còn 479.140.000 đồng.",
]
AWARDS_2022 = [
    ("Kỷ niệm chương", "Cấp Nhà nước", "0", "2", "2", "0"),
    ("Cờ thi đua của Ủy ban nhân dân tỉnh", "Cấp tỉnh", "1", "0", "1", "11.920.000"),
    ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Cấp tỉnh", "2", "0", "2", "8.940.000"),
    ("Giấy khen", "Cấp cơ sở", "24", "36", "60", "0"),
    ("Tổng cộng", "", "27", "38", "65", "20.860.000"),
]


@pytest.fixture
def demo(db):
    import_admin_units({"42", "38"})
    call_command("load_demo")
    return Unit.objects.get(source_key="province:tinhhatinh")


def _user(name: str, role: str, unit: Unit):
    admin = get_user_model().objects.get(username="admin")
    user = get_user_model().objects.create_user(name, password="pw-12345-abc")
    membership_create(actor=admin, user=user, role=role, unit=unit)
    client = Client()
    client.force_login(user)
    return client


def test_the_seeded_year_in_numbers(demo):
    year = build_report(demo, 2022, "nam")
    assert summary(year) == YEAR_2022
    movements, clusters, proposals, awards = tables(year)
    assert movements.rows == []
    assert clusters.rows == [
        (
            "Cụm thi đua số 1 (các huyện, thành phố, thị xã)",
            "Cụm thi đua (địa phương)",
            *("7", "7", "0", "0"),
        )
    ]
    assert proposals.headings == ("Giai đoạn", "Cấp tỉnh", "Tổng số")
    assert proposals.rows == [("Đã có quyết định", "1", "1"), ("Tổng cộng", "1", "1")]
    assert awards.rows == AWARDS_2022

    first = build_report(demo, 2021, "nam")
    assert tables(first)[0].rows == [
        (
            "Cả tỉnh chung sức xây dựng tỉnh Hà Tĩnh đạt chuẩn nông thôn mới",
            "MẪU-20/KH-UBND ngày 01/03/2021",
            "x",
            "",
        )
    ]
    assert tables(first)[1].rows[0][2:] == ("7", "7", "7", "7")  # signed, scored, confirmed
    assert summary(first)[1] == (
        "1. Phong trào thi đua: phát động 1 phong trào; sơ kết, tổng kết 0 phong trào."
    )
    midterm = build_report(demo, 2023, "6t")  # reviewed at mid-term on 30/06/2023
    assert tables(midterm)[0].rows == [
        (
            "Cả tỉnh chung sức xây dựng tỉnh Hà Tĩnh đạt chuẩn nông thôn mới",
            "MẪU-20/KH-UBND ngày 01/03/2021",
            "",
            "Sơ kết 30/06/2023",
        )
    ]
    assert summary(midterm)[1] == (
        "1. Phong trào thi đua: phát động 0 phong trào; sơ kết, tổng kết 1 phong trào."
    )


def test_the_page_for_six_months_and_the_year_and_its_documents(demo):
    client = _user("board_ht", Role.BOARD, demo)
    half = client.get(reverse("board_report", args=[demo.pk, 2022, "6t"]))
    assert half.status_code == 200
    html = half.content.decode()
    assert "6 tháng đầu năm 2022 (từ 01/01/2022 đến 30/06/2022)" in html
    assert "4. Khen thưởng: 3 quyết định, khen thưởng 27 lượt tập thể và 38 lượt cá nhân" in html
    year = client.get(reverse("board_report", args=[demo.pk, 2022, "nam"])).content.decode()
    assert YEAR_2022[0] in year and YEAR_2022[4] in year

    word = client.get(reverse("board_report_file", args=[demo.pk, 2022, "nam", "docx"]))
    document = Document(BytesIO(word.content))
    paragraphs = [p.text for p in document.paragraphs if p.text]
    assert paragraphs[:3] == [
        "BÁO CÁO",
        "Kết quả công tác thi đua, khen thưởng năm 2022",
        "Kính gửi: Ủy ban nhân dân tỉnh Hà Tĩnh.",
    ]
    assert paragraphs[3:9] == YEAR_2022
    assert paragraphs[9:] == [
        "Biểu 1. Phong trào thi đua",
        "Biểu 2. Cụm, khối thi đua",
        "Biểu 3. Hồ sơ đề nghị khen thưởng theo giai đoạn và cấp xét",
        "Biểu 4. Khen thưởng theo hình thức và cấp",
    ]
    grid = document.tables[4]  # the letterhead, then the four tables
    assert [tuple(c.text for c in row.cells) for row in grid.rows[1:]] == AWARDS_2022
    head = document.tables[0].rows[0].cells[0].text
    assert head == "UBND TỈNH HÀ TĨNH\nSỞ NỘI VỤ\nSố:      /BC-SNV"

    pdf = client.get(reverse("board_report_file", args=[demo.pk, 2022, "6t", "pdf"]))
    text = "\n".join(
        page.get_textpage().get_text_range() for page in pypdfium2.PdfDocument(pdf.content)
    )
    assert "Kính gửi: Ủy ban nhân dân tỉnh Hà Tĩnh." in text
    assert "Biểu 4. Khen thưởng theo hình thức và cấp" in text and "20.860.000" in text


def test_only_the_board_of_the_unit_and_above_sees_it(demo):
    town = Unit.objects.get(name="Thị xã Kỳ Anh", parent=demo)
    url = reverse("board_report", args=[demo.pk, 2022, "nam"])
    town_board = _user("board_ka", Role.BOARD, town)
    assert town_board.get(url).status_code == 404  # the province is not in its scope
    assert town_board.get(reverse("board_report", args=[town.pk, 2022, "nam"])).status_code == 200
    viewer = _user("viewer_ht", Role.VIEWER, demo)
    assert viewer.get(url).status_code == 403
    assert (
        viewer.get(reverse("board_report_file", args=[demo.pk, 2022, "nam", "pdf"])).status_code
        == 403
    )
    planner = _user("planner_ht", Role.PLANNER, demo)
    assert planner.get(url).status_code == 403
    board = _user("board_ht", Role.BOARD, demo)
    assert board.get(reverse("board_report", args=[town.pk, 2022, "6t"])).status_code == 200
    assert board.get(reverse("board_report", args=[demo.pk, 2022, "q3"])).status_code == 404
    assert (
        board.get(reverse("board_report_file", args=[demo.pk, 2022, "nam", "exe"])).status_code
        == 404
    )
    assert Client().get(url).status_code == 302  # to the login page
