"""A ward's proposal for the province's Bằng khen goes up level by level in the browser: the
town's Board reviews and forwards it, the province's Board reviews it, puts it before the
People's Committee and records the decision, and the person's page shows the award."""

import pytest

from chitieu.awards.models import AnnualRating, ProposalStatus
from chitieu.awards.people.services import person_create
from chitieu.awards.proposals.services import proposal_create, proposal_item_add, proposal_submit
from chitieu.testing import fixture_row

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def new_page(browser):
    """A page in a browser context of its own, one per user; closed after the test."""
    contexts = []

    def make():
        context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
        contexts.append(context)
        opened = context.new_page()
        opened.set_default_timeout(10_000)
        return opened

    yield make
    for context in contexts:
        context.close()


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
    province.fill("input[name=number]", "25/QĐ-UBND")
    province.fill("input[name=date]", "15/01/2025")
    province.fill("input[name=issuer]", "Chủ tịch UBND tỉnh Hà Tĩnh")
    province.click("button:has-text('Ghi quyết định của Ủy ban nhân dân')")
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
    province.goto(f"{live_server.url}/awards/person/{person.pk}/")
    province.get_by_text("25/QĐ-UBND, 15/01/2025").wait_for()
