"""A decision grants some items and refuses others with reasons; a flagged item is granted only
by an explicit choice; a decision the fund cannot pay is refused unless the Board confirms the
overdraw with a reason, which the fund's report shows."""

import datetime as dt
from decimal import Decimal as D
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from chitieu.accounts.models import Role
from chitieu.awards.decisions.services import decision_record
from chitieu.awards.fund.selectors import balance_of, fund_for
from chitieu.awards.fund.services import fund_allocate
from chitieu.awards.models import AwardRecord, Decision, FundEntry, Proposal, ProposalItem
from chitieu.awards.people import records
from chitieu.awards.people.services import person_create
from chitieu.awards.proposals.services import (
    proposal_create,
    proposal_item_add,
    proposal_item_justify,
    proposal_review,
    proposal_submit,
    proposal_to_committee,
)
from chitieu.core.models import ObjectChange
from chitieu.testing import client_for

DAY = dt.date(2027, 1, 15)  # the decision on the achievements of 2026
LDTT_CASH = D("710000")  # 0,3 × 2.340.000 = 702.000, rounded up to the next ten thousand


@pytest.fixture(autouse=True)
def in_february_2027(today):
    today(dt.date(2027, 2, 1))  # the decisions of January 2027 are in the past


@pytest.fixture
def ward_board(make_user, tree):
    return make_user("ward_board", Role.BOARD, tree.new_ward)


@pytest.fixture
def at_committee(tree, ward_board, board, awards):
    """A proposal of Phường Hải Ninh (a current ward) for 2026: An, Bình and Chi rated "hoàn
    thành tốt", Dũng only "hoàn thành" (flagged, justified), all for Lao động tiên tiến."""
    proposal = proposal_create(actor=ward_board, unit=tree.new_ward, year=2026, title="Năm 2026")
    items = {}
    for name, rating in (("An", "HTT"), ("Bình", "HTT"), ("Chi", "HTXS"), ("Dũng", "HT")):
        person = person_create(
            actor=ward_board, unit=tree.new_ward, full_name=f"Trần Văn {name}", sex="nam"
        )
        records.rating_record(actor=ward_board, person=person, year=2026, rating=rating)
        items[name] = proposal_item_add(
            actor=ward_board, proposal=proposal, award=awards["LDTT"], person=person
        )
        items[name].refresh_from_db()
    proposal_item_justify(actor=ward_board, item=items["Dũng"], justification="Có thành tích")
    proposal_submit(actor=ward_board, proposal=proposal)
    proposal_review(actor=board, proposal=proposal)
    proposal_to_committee(actor=board, proposal=proposal)
    return proposal, items


def allocate(board, tree, amount: str) -> None:
    fund_allocate(
        actor=board,
        unit=tree.province,
        year=2027,
        amount=D(amount),
        date=dt.date(2027, 1, 2),
        description="Phân bổ đầu năm",
    )


def decide(board, proposal, **extra):
    return decision_record(
        actor=board, proposal=proposal, number="15/QĐ-UBND", date=DAY, issuer="UBND tỉnh", **extra
    )


def state():
    return (
        Decision.objects.count(),
        AwardRecord.objects.count(),
        FundEntry.objects.count(),
        list(ProposalItem.objects.order_by("id").values_list("granted", "refusal_reason")),
        list(Proposal.objects.values_list("status", flat=True)),
        ObjectChange.objects.count(),
    )


def test_a_partial_decision_grants_two_refuses_one_with_its_reason_and_the_flagged_one(
    tree, board, at_committee
):
    proposal, items = at_committee
    assert [items[n].eligible for n in ("An", "Bình", "Chi", "Dũng")] == [True, True, True, False]
    allocate(board, tree, "2000000")
    decision = decide(
        board,
        proposal,
        granted=[items["An"].pk, items["Bình"].pk],
        reasons={items["Chi"].pk: "Chưa đủ hồ sơ minh chứng"},
    )
    assert sorted(decision.awards.values_list("person__full_name", "cash")) == [
        ("Trần Văn An", LDTT_CASH),
        ("Trần Văn Bình", LDTT_CASH),
    ]
    assert list(ProposalItem.objects.order_by("id").values_list("granted", "refusal_reason")) == [
        (True, ""),
        (True, ""),
        (False, "Chưa đủ hồ sơ minh chứng"),
        (
            False,
            "Chưa đủ điều kiện: Năm 2026 được xếp loại “hoàn thành nhiệm vụ”; cần từ “hoàn thành "
            "tốt nhiệm vụ” trở lên.",
        ),
    ]
    balance = balance_of(fund_for(tree.province, 2027))
    assert (balance.spending, balance.balance) == (D("1420000"), D("580000"))
    assert proposal.steps.last().comment == (
        "Quyết định 15/QĐ-UBND ngày 15/01/2027: khen thưởng 2 mục, không khen thưởng 2 mục"
    )


def test_without_a_choice_the_eligible_items_are_granted_and_the_flagged_one_is_not(
    tree, board, at_committee
):
    proposal, items = at_committee
    allocate(board, tree, "5000000")
    decision = decide(board, proposal)
    assert decision.awards.count() == 3
    items["Dũng"].refresh_from_db()
    assert items["Dũng"].granted is False
    assert not AwardRecord.objects.filter(person=items["Dũng"].person).exists()


def test_the_flagged_item_is_granted_when_ticked(tree, board, at_committee):
    proposal, items = at_committee
    allocate(board, tree, "5000000")
    decide(board, proposal, granted=[item.pk for item in items.values()])
    assert AwardRecord.objects.filter(person=items["Dũng"].person, award__code="LDTT").exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            {"granted": ["An", "Bình"]},
            "Lao động tiên tiến — Trần Văn Chi: hãy ghi lý do không khen thưởng.",
        ),
        (
            {"granted": [], "reasons": ["An", "Bình", "Chi"]},
            "Quyết định phải khen thưởng ít nhất một mục của tờ trình.",
        ),
        ({"granted": [999999]}, "Có mục không thuộc tờ trình này."),
    ],
)
def test_a_bad_choice_is_refused_and_nothing_changes(tree, board, at_committee, extra, message):
    proposal, items = at_committee
    allocate(board, tree, "5000000")
    granted = [items[g].pk if isinstance(g, str) else g for g in extra["granted"]]
    reasons = {items[name].pk: "Không" for name in extra.get("reasons", [])}
    before = state()
    with pytest.raises(ValidationError) as refused:
        decide(board, proposal, granted=granted, reasons=reasons)
    assert message in refused.value.messages
    assert state() == before


def test_a_decision_that_would_overdraw_the_fund_is_refused_unless_confirmed_with_a_reason(
    tree, board, at_committee
):
    proposal, items = at_committee
    allocate(board, tree, "2000000")
    everyone = [item.pk for item in items.values()]
    before = state()
    with pytest.raises(ValidationError) as refused:
        decide(board, proposal, granted=everyone)
    assert refused.value.messages == [
        "Quyết định này cần 2.840.000 đồng, quỹ thi đua, khen thưởng năm 2027 chỉ còn 2.000.000 "
        "đồng. Quyết định chưa được ghi: muốn chi vượt quỹ, hãy xác nhận và ghi lý do."
    ]
    assert state() == before
    with pytest.raises(ValidationError) as refused:
        decide(board, proposal, granted=everyone, overdraw_confirmed=True)
    assert refused.value.messages == ["Hãy ghi lý do chi vượt quỹ."]
    assert state() == before
    decide(
        board,
        proposal,
        granted=everyone,
        overdraw_confirmed=True,
        overdraw_reason="Tạm ứng quỹ năm sau theo ý kiến Chủ tịch",
    )
    fund = fund_for(tree.province, 2027)
    spending = fund.entries.get(kind="spending")
    assert (spending.amount, spending.overdraw_reason) == (
        D("2840000"),
        "Tạm ứng quỹ năm sau theo ý kiến Chủ tịch",
    )
    assert balance_of(fund).balance == D("-840000")
    client = client_for(board)
    html = client.get(reverse("fund", args=[tree.province.pk, 2027])).content.decode()
    assert (
        "Chi vượt quỹ, Ban Thi đua - Khen thưởng xác nhận: Tạm ứng quỹ năm sau theo ý kiến Chủ tịch"
        in html
    )
    assert "Quỹ đang bị chi vượt." in html
    response = client.get(reverse("fund", args=[tree.province.pk, 2027]), {"format": "xlsx"})
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert (
        "Tiền thưởng theo Quyết định 15/QĐ-UBND (chi vượt quỹ: Tạm ứng quỹ năm sau theo ý kiến "
        "Chủ tịch)",
        -2840000,
    ) in [row[2:4] for row in rows]


def test_with_no_fund_allocated_the_page_warns_and_the_decision_is_refused(
    tree, board, at_committee
):
    proposal, _items = at_committee
    client = client_for(board)
    html = client.get(reverse("proposal_detail", args=[proposal.pk])).content.decode()
    assert (
        "Quyết định này cần 2.130.000 đồng, quỹ thi đua, khen thưởng năm 2027 của Tỉnh Hà "
        "Tĩnh chưa được phân bổ (còn 0 đồng)." in html
    )
    before = state()
    response = client.post(
        reverse("proposal_action", args=[proposal.pk, "decide"]),
        {"number": "15/QĐ-UBND", "date": "15/01/2027", "issuer": "UBND tỉnh"},
        follow=True,
    )
    assert (
        "Quyết định này cần 2.130.000 đồng, quỹ thi đua, khen thưởng năm 2027 của Tỉnh Hà Tĩnh "
        "chưa được phân bổ (còn 0 đồng)." in response.content.decode()
    )
    assert state() == before


def test_the_decision_form_of_the_page_grants_and_refuses_item_by_item(tree, board, at_committee):
    proposal, items = at_committee
    allocate(board, tree, "2000000")
    client = client_for(board)
    html = client.get(reverse("proposal_detail", args=[proposal.pk])).content.decode()
    assert f'name="grant_{items["An"].pk}" value="1" checked' in html
    assert f'name="grant_{items["Dũng"].pk}" value="1">' in html  # flagged: not ticked
    client.post(
        reverse("proposal_action", args=[proposal.pk, "decide"]),
        {
            "number": "15/QĐ-UBND",
            "date": "15/01/2027",
            "issuer": "UBND tỉnh",
            "outcomes": "1",
            f"grant_{items['An'].pk}": "1",
            f"grant_{items['Bình'].pk}": "1",
            f"reason_{items['Chi'].pk}": "Chưa đủ hồ sơ minh chứng",
        },
    )
    assert sorted(AwardRecord.objects.values_list("person__full_name", flat=True)) == [
        "Trần Văn An",
        "Trần Văn Bình",
    ]
    html = client.get(reverse("proposal_detail", args=[proposal.pk])).content.decode()
    assert "không khen thưởng</span> Chưa đủ hồ sơ minh chứng" in html
