"""An emulation year of a current ward, from nothing, in the browser: the ward's Board adds a
new person, enters her 2024–2026 ratings and an initiative picking her by name, proposes her for
Lao động tiên tiến and Chiến sĩ thi đua cơ sở (the checker passes both as the rules say) with a
colleague; the province's Board allocates the fund, records a partial decision within it, and
prints the certificates."""

import datetime as dt
from decimal import Decimal as D
from io import BytesIO

import pypdfium2
import pytest
from openpyxl import load_workbook

from chitieu.awards.fund.selectors import balance_of, fund_for
from chitieu.awards.models import AwardRecord, Person, Proposal
from chitieu.awards.people import records
from chitieu.awards.people.services import person_create
from chitieu.browser_tests.test_commendation_in_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def in_february_2027(today):
    today(dt.date(2027, 2, 1))  # the decision of January 2027 is in the past


def test_a_year_of_a_current_ward_from_an_empty_year_to_the_certificates(
    page, browser, live_server, tree, make_user, board, awards, screenshot_path
):
    ward = tree.new_ward  # Phường Hải Ninh, in force since the 2025 reform
    ward_board = make_user("ward_board", "board", ward)
    tung = person_create(actor=ward_board, unit=ward, full_name="Nguyễn Văn Tùng", sex="nam")
    records.rating_record(actor=ward_board, person=tung, year=2026, rating="HTT")

    log_in(page, live_server, "ward_board")
    page.goto(f"{live_server.url}/awards/unit/{ward.pk}/")
    page.fill("input[name=full_name]", "Võ Thị Mai")
    page.select_option("select[name=sex]", "nu")
    page.click("button:has-text('Thêm cá nhân')")
    page.get_by_role("heading", name="Võ Thị Mai").wait_for()
    page.goto(f"{live_server.url}/awards/unit/{ward.pk}/")
    page.click("#records-link")
    for year, rating in (("2024", "HTT"), ("2025", "HTT"), ("2026", "HTXS")):
        page.fill("input[name=ratings-person_name]", "vo thi mai")
        page.fill("input[name=ratings-year]", year)
        page.select_option("select[name=ratings-rating]", rating)
        page.click("#add-ratings button.primary")
        page.get_by_text("Đã lưu.").wait_for()
    page.fill("input[name=initiatives-person_name]", "Võ Thị Mai")
    page.fill("input[name=initiatives-title]", "Ứng dụng bản đồ số quản lý đô thị")
    page.fill("input[name=initiatives-year]", "2026")
    page.fill("input[name=initiatives-decision_number]", "30/QĐ-UBND")
    page.fill("input[name=initiatives-decision_date]", "20/12/2026")
    page.click("#add-initiatives button.primary")
    page.get_by_text("30/QĐ-UBND ngày 20/12/2026").wait_for()
    mai = Person.objects.get(full_name="Võ Thị Mai")
    assert list(mai.ratings.order_by("year").values_list("year", "rating")) == [
        (2024, "HTT"),
        (2025, "HTT"),
        (2026, "HTXS"),
    ]

    page.goto(f"{live_server.url}/awards/proposals/new/{ward.pk}/")
    page.fill("input[name=title]", "Khen thưởng năm 2026")
    page.fill("input[name=year]", "2026")
    page.click("button.primary")
    page.wait_for_url("**/awards/proposals/*/")
    proposal = Proposal.objects.get()
    for award, name, votes in (
        ("LDTT", "Võ Thị Mai", ""),
        ("CSTDCS", "Võ Thị Mai", "9"),
        ("LDTT", "Nguyễn Văn Tùng", ""),
    ):
        page.select_option("select[name=award]", str(awards[award].pk))
        page.fill("input[name=person_name]", name)
        page.fill("input[name=votes_in_favour]", votes)
        page.fill("input[name=council_members]", "10" if votes else "")
        page.click("button:has-text('Thêm và kiểm tra')")
        page.get_by_text("Đã thêm").wait_for()
    findings = page.locator("#items").inner_text()
    assert "✓ Năm 2026 được xếp loại “hoàn thành xuất sắc nhiệm vụ”" in findings
    assert "✓ Đạt danh hiệu Lao động tiên tiến năm 2026." in findings
    assert "✗" not in findings and "?" not in findings
    assert list(proposal.items.order_by("id").values_list("eligible", flat=True)) == [True] * 3
    page.click("button:has-text('Gửi Ban Thi đua - Khen thưởng')")
    page.get_by_text("Đã thực hiện.").wait_for()

    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    province = context.new_page()
    province.set_default_timeout(10_000)
    log_in(province, live_server, "board")
    province.goto(f"{live_server.url}/awards/fund/{tree.province.pk}/2027/")
    province.fill("input[name=amount]", "3.500.000")
    province.fill("input[name=date]", "02/01/2027")
    province.click("button:has-text('Thêm')")
    province.get_by_text("Đã lưu.").wait_for()
    url = f"{live_server.url}/awards/proposals/{proposal.pk}/"
    province.goto(url)
    province.click("button:has-text('Xác nhận đã thẩm định')")
    province.click("button:has-text('Trình Ủy ban nhân dân')")
    tung_item = proposal.items.get(person=tung)
    province.uncheck(f"input[name=grant_{tung_item.pk}]")
    province.fill(f"input[name=reason_{tung_item.pk}]", "Chưa nộp báo cáo thành tích")
    province.fill("#decide input[name=number]", "15/QĐ-UBND")
    province.fill("#decide input[name=date]", "15/01/2027")
    province.fill("#decide input[name=issuer]", "Chủ tịch UBND tỉnh Hà Tĩnh")
    province.click("button:has-text('Ghi quyết định của Ủy ban nhân dân')")
    province.get_by_text("Quyết định: 15/QĐ-UBND ngày 15/01/2027").wait_for()
    province.get_by_text("Chưa nộp báo cáo thành tích").wait_for()
    province.screenshot(path=screenshot_path("award-year-decided"), full_page=True)
    assert sorted(AwardRecord.objects.values_list("person__full_name", "award__code", "cash")) == [
        ("Võ Thị Mai", "CSTDCS", D("2340000")),
        ("Võ Thị Mai", "LDTT", D("710000")),
    ]
    assert balance_of(fund_for(tree.province, 2027)).balance == D("450000")
    assert mai.initiatives.get().used_for is None  # the item did not rely on it explicitly

    link = province.get_by_role("link", name="In bằng khen, giấy chứng nhận")
    response = province.request.get(live_server.url + link.get_attribute("href"))
    assert response.ok
    pdf = pypdfium2.PdfDocument(response.body())
    assert len(pdf) == 2
    assert "Võ Thị Mai" in pdf[0].get_textpage().get_text_range()

    # The Board's report to the People's Committee for the year, then a Ministry form.
    province.goto(f"{live_server.url}/reports/board/{tree.province.pk}/2027/nam/")
    summary = province.locator("#summary").inner_text()
    assert "4. Khen thưởng: 1 quyết định, khen thưởng 0 lượt tập thể và 2 lượt cá nhân" in summary
    assert (
        "5. Quỹ thi đua, khen thưởng năm 2027: được phân bổ 3.500.000 đồng, đã chi 3.050.000 "
        "đồng, còn 450.000 đồng."
    ) in summary
    province.screenshot(path=screenshot_path("award-year-board-report"), full_page=True)
    word = province.request.get(
        live_server.url + province.get_by_role("link", name="Word").get_attribute("href")
    )
    assert word.ok and word.body()[:2] == b"PK"
    province.goto(f"{live_server.url}/reports/statistics/{tree.province.pk}/2027/")
    link = province.locator("#moha-forms a", has_text="0601 (Excel)")
    workbook = load_workbook(
        BytesIO(province.request.get(live_server.url + link.get_attribute("href")).body())
    )
    cells = [c for row in workbook.active.iter_rows(values_only=True) for c in row if c]
    assert "Biểu số: 0601.N/BNV-TĐKT" in cells and "SỐ PHONG TRÀO THI ĐUA" in cells
    context.close()
