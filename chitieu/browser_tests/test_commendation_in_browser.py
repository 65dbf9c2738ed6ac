"""A ward's proposal for the province's Bằng khen goes up level by level in the browser: the
town's Board reviews and forwards it, the province's Board reviews it, puts it before the
People's Committee and records the decision, and the person's page shows the award."""

import datetime as dt

import pytest

from chitieu.awards.models import AnnualRating, ProposalStatus
from chitieu.awards.people.services import person_create
from chitieu.awards.proposals.services import proposal_create, proposal_item_add, proposal_submit
from chitieu.testing import fixture_row, sent_on_paper_before

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username):
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw-12345-abc")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/")


def test_a_proposal_goes_up_to_the_province_and_is_decided(
    new_page, live_server, tree, make_user, town_board, board, awards, screenshot_path
):
    ward_board = make_user("ward_board", "board", tree.commune_a)
    person = person_create(actor=ward_board, unit=tree.commune_a, full_name="Lê Văn An", sex="nam")
    fixture_row(AnnualRating, person=person, year=2024, rating="HTXS")
    proposal = proposal_create(actor=ward_board, unit=tree.commune_a, year=2024, title="Năm 2024")
    proposal_item_add(actor=ward_board, proposal=proposal, award=awards["BK_TINH"], person=person)
    proposal.items.update(justification="Thành tích đột xuất trong phòng chống bão")
    proposal_submit(actor=ward_board, proposal=proposal)
    url = f"{live_server.url}/awards/proposals/{proposal.pk}/"

    town = new_page()
    log_in(town, live_server, "town_board")
    town.goto(url)
    town.click("button:has-text('Xác nhận đã thẩm định')")
    town.get_by_text("Thuộc thẩm quyền cấp trên: Bằng khen của Chủ tịch").wait_for()
    assert town.locator("button:has-text('Trình Ủy ban nhân dân')").count() == 0
    town.click("button:has-text('Chuyển lên Tỉnh Hà Tĩnh')")
    town.get_by_text("đang xét tại Tỉnh Hà Tĩnh").wait_for()

    province = new_page()
    log_in(province, live_server, "board")
    province.goto(url)
    province.click("button:has-text('Xác nhận đã thẩm định')")
    province.click("button:has-text('Trình Ủy ban nhân dân')")
    item = proposal.items.get()
    province.locator("select[name=signer_title]").wait_for()
    sent_on_paper_before(proposal, dt.date(2025, 1, 10))  # sent on paper in January 2025
    # A date after the proposal was sent and not in the future; the signer as entered.
    for date, refusal in (
        ("05/01/2025", "Ngày quyết định 05/01/2025 trước ngày gửi tờ trình (10/01/2025)."),
        ("15/01/2025", None),
    ):
        province.check(f"input[name=grant_{item.pk}]")  # flagged: granted only by an explicit tick
        province.check("input[name=overdraw_confirmed]")  # no fund allocated for 2025
        province.fill("input[name=overdraw_reason]", "Chi từ nguồn bổ sung của tỉnh")
        province.fill("input[name=number]", "25/QĐ-UBND")
        province.fill("input[name=date]", date)
        province.fill("input[name=issuer]", "Chủ tịch UBND tỉnh Hà Tĩnh")
        province.select_option("select[name=signer_title]", "Phó Chủ tịch")
        province.fill("input[name=signer]", "Trần Báu Hà")
        province.click("button:has-text('Ghi quyết định của Ủy ban nhân dân')")
        if refusal:
            province.get_by_text(refusal).wait_for()
    province.get_by_text("Quyết định: 25/QĐ-UBND ngày 15/01/2025").wait_for()
    province.screenshot(path=screenshot_path("proposal-decided"), full_page=True)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECIDED
    assert list(proposal.steps.values_list("to_status", "actor__username")) == [
        ("submitted", "ward_board"),
        ("reviewed", "town_board"),
        ("submitted", "town_board"),
        ("reviewed", "board"),
        ("committee", "board"),
        ("decided", "board"),
    ]
    assert (proposal.decision.signer_title, proposal.decision.signer) == (
        "Phó Chủ tịch",
        "Trần Báu Hà",
    )
    province.goto(f"{live_server.url}/awards/person/{person.pk}/")
    province.get_by_text("25/QĐ-UBND, 15/01/2025").wait_for()


def test_the_board_keeps_its_grounds_and_reports_to_its_committee(
    new_page, live_server, tree, board, awards, screenshot_path
):
    from chitieu.awards.models import LegalBasis

    page = new_page()
    log_in(page, live_server, "board")
    page.goto(f"{live_server.url}/emulation/{tree.province.pk}/2025/")
    page.click("a:has-text('Căn cứ ban hành quyết định')")
    page.get_by_text("Bộ căn cứ mặc định: đơn vị chưa có căn cứ riêng.").wait_for()
    page.fill(
        "textarea[name=lines]",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n"
        "Căn cứ Quyết định số 25/2024/QĐ-UBND của UBND tỉnh;",
    )
    page.click("button:has-text('Lưu')")
    page.get_by_text("Căn cứ riêng của đơn vị.").wait_for()
    assert list(LegalBasis.objects.values_list("position", "text")) == [
        (1, "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"),
        (2, "Căn cứ Quyết định số 25/2024/QĐ-UBND của UBND tỉnh;"),
    ]
    page.goto(f"{live_server.url}/emulation/{tree.province.pk}/2025/")
    page.click("a:has-text('Báo cáo Ủy ban nhân dân')")
    page.get_by_text("6 tháng đầu năm 2025 (từ 01/01/2025 đến 30/06/2025)").wait_for()
    page.click("a:has-text('Cả năm')")
    page.get_by_text("năm 2025 (từ 01/01/2025 đến 31/12/2025)").wait_for()
    page.screenshot(path=screenshot_path("board-report"), full_page=True)
    with page.expect_download() as download:
        page.click("a:has-text('Word')")
    assert download.value.suggested_filename == f"bao-cao-thi-dua-{tree.province.pk}-2025-nam.docx"
