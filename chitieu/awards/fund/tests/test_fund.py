import datetime as dt
from decimal import Decimal as D
from io import BytesIO

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from chitieu.awards.decisions.services import decision_record
from chitieu.awards.fund.selectors import balance_of, fund_for
from chitieu.awards.fund.services import fund_allocate
from chitieu.awards.models import AnnualRating
from chitieu.awards.people.services import person_create
from chitieu.awards.proposals.services import (
    proposal_create,
    proposal_item_add,
    proposal_review,
    proposal_submit,
    proposal_to_committee,
)
from chitieu.testing import fixture_row, sent_on_paper_before


def before_the_committee(tree, town_board, board, awards, people=2):
    proposal = proposal_create(actor=town_board, unit=tree.town, year=2024, title="t")
    for index in range(people):
        person = person_create(
            actor=town_board, unit=tree.town, full_name=f"Người {index}", sex="nu"
        )
        fixture_row(AnnualRating, person=person, year=2024, rating="HTT")
        proposal_item_add(actor=town_board, proposal=proposal, award=awards["LDTT"], person=person)
    proposal_submit(actor=town_board, proposal=proposal)
    proposal_review(actor=board, proposal=proposal)
    proposal_to_committee(actor=board, proposal=proposal)
    sent_on_paper_before(proposal, dt.date(2025, 1, 10))
    return proposal


def test_the_fund_balances_allocations_against_decisions(tree, town_board, board, awards):
    fund_allocate(
        actor=board,
        unit=tree.province,
        year=2025,
        amount=D("5000000"),
        date=dt.date(2025, 1, 2),
        description="Phân bổ đầu năm",
    )
    proposal = before_the_committee(tree, town_board, board, awards)
    decision_record(
        actor=board, proposal=proposal, number="9/QĐ", date=dt.date(2025, 1, 20), issuer="UBND tỉnh"
    )
    balance = balance_of(fund_for(tree.province, 2025))
    assert (balance.income, balance.spending, balance.balance) == (
        D("5000000"),
        D("1420000"),
        D("3580000"),
    )


def test_a_decision_that_would_overdraw_the_fund_is_flagged(tree, town_board, board, awards):
    from django.utils import timezone

    year = timezone.localdate().year  # the warning is about a decision dated today
    fund_allocate(
        actor=board,
        unit=tree.province,
        year=year,
        amount=D("1000000"),
        date=dt.date(year, 1, 2),
        description="",
    )
    proposal = before_the_committee(tree, town_board, board, awards, people=2)
    client = Client()
    client.force_login(board)
    html = client.get(reverse("proposal_detail", args=[proposal.pk])).content.decode()
    assert (
        f"Quyết định này cần 1.420.000 đồng, quỹ thi đua, khen thưởng năm {year} chỉ còn 1.000.000 đồng."
        in html
    )


def test_the_fund_page_and_its_scope(tree, board, reporter_a):
    client = Client()
    client.force_login(board)
    client.post(
        reverse("fund", args=[tree.province.pk, 2025]),
        {"amount": "12.500.000", "date": "02/01/2025"},
    )
    assert (
        "12.500.000" in client.get(reverse("fund", args=[tree.province.pk, 2025])).content.decode()
    )
    other = Client()
    other.force_login(reporter_a)
    assert (
        other.post(
            reverse("fund", args=[tree.province.pk, 2025]), {"amount": "1", "date": "02/01/2025"}
        ).status_code
        == 404
    )
    assert balance_of(fund_for(tree.province, 2025)).income == D("12500000")


def test_the_fund_exports_to_excel_with_its_balance(tree, town_board, board, awards, reporter_a):
    fund_allocate(
        actor=board,
        unit=tree.province,
        year=2025,
        amount=D("5000000"),
        date=dt.date(2025, 1, 2),
        description="Phân bổ đầu năm",
    )
    decision_record(
        actor=board,
        proposal=before_the_committee(tree, town_board, board, awards),
        number="9/QĐ",
        date=dt.date(2025, 1, 20),
        issuer="UBND tỉnh",
    )
    client = Client()
    client.force_login(board)
    response = client.get(reverse("fund", args=[tree.province.pk, 2025]), {"format": "xlsx"})
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [tuple(row) for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert rows[0][1:] == ("Phân bổ", "Phân bổ đầu năm", 5000000)
    assert rows[0][0] == dt.datetime(2025, 1, 2)
    assert rows[1][1] == "Chi" and rows[1][3] == -1420000
    assert rows[-3:] == [
        (None, "Tổng phân bổ", None, 5000000),
        (None, "Tổng chi", None, -1420000),
        (None, "Số dư", None, 3580000),
    ]
    other = Client()
    other.force_login(reporter_a)
    assert (
        other.get(reverse("fund", args=[tree.province.pk, 2025]), {"format": "xlsx"}).status_code
        == 404
    )
