"""The province's Board launches a movement for current wards in the browser, with its dates in
Vietnamese, is refused a tổng kết before the sơ kết, records both, and downloads Biểu 0601."""

import datetime as dt

import pytest

from chitieu.emulation.models import Movement, MovementReview

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_board_launches_and_reviews_a_movement(page, live_server, tree, board):
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", "board")
    page.fill("input[name=password]", "pw-12345-abc")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/")
    page.goto(f"{live_server.url}/emulation/{tree.province.pk}/movements/")
    page.click("text=Phát động phong trào")
    form = page.locator("form#launch")
    form.locator("input[name=name]").fill("Xây dựng đô thị văn minh")
    form.locator("input[name=document_number]").fill("15/KH-UBND")
    form.locator("input[name=document_date]").fill("05/01/2026")
    form.locator("input[name=starts_on]").fill("05/01/2026")
    form.locator("input[name=ends_on]").fill("31/12/2026")
    form.locator("input[name=midterm_review_on]").fill("30/06/2026")
    form.locator("input[name=final_review_on]").fill("15/12/2026")
    form.locator("select[name=scope]").select_option("nganh_dia_phuong")
    form.locator("textarea[name=participants]").fill("Phường Hải Ninh")
    form.locator("button.primary").click()
    page.wait_for_selector("text=Xây dựng đô thị văn minh")
    movement = Movement.objects.get()
    assert [u.name for u in movement.participants.all()] == ["Phường Hải Ninh"]
    page.click("text=Xây dựng đô thị văn minh")
    page.wait_for_selector("#participants >> text=Phường Hải Ninh")
    page.click("text=Ghi sơ kết, tổng kết")
    review = page.locator("form#review")
    review.locator("select[name=kind]").select_option("so_ket")
    review.locator("input[name=held_on]").fill("15/07/2026")
    review.locator("textarea[name=results]").fill("Sơ kết 6 tháng: 1.250 hộ tham gia.")
    review.locator("button.primary").click()
    page.wait_for_selector("#reviews >> text=15/07/2026")
    page.click("text=Ghi sơ kết, tổng kết")
    review = page.locator("form#review")
    review.locator("select[name=kind]").select_option("tong_ket")
    review.locator("input[name=held_on]").fill("10/07/2026")
    review.locator("textarea[name=results]").fill("Tổng kết")
    review.locator("button.primary").click()
    page.wait_for_selector("text=Tổng kết phải sau lần sơ kết gần nhất (15/07/2026).")
    assert list(MovementReview.objects.values_list("kind", "held_on")) == [
        ("so_ket", dt.date(2026, 7, 15))
    ]
    page.goto(f"{live_server.url}/reports/statistics/{tree.province.pk}/2026/")
    with page.expect_download() as download:
        page.click("text=Biểu 0601 (Excel)")
    assert download.value.suggested_filename == f"bieu-0601-{tree.province.pk}-2026.xlsx"
