"""Proposals through review to a decision; the awards enter the history with their cash; the
checker reads the history (which follows a person across a merger) and the right year's rules."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from chitieu.awards.decisions.services import decision_record
from chitieu.awards.fund.selectors import balance_of, fund_for
from chitieu.awards.fund.services import fund_allocate
from chitieu.awards.models import (
    AnnualRating,
    AwardRecord,
    Initiative,
    Matter,
    ProposalStatus,
    ProposalStep,
)
from chitieu.awards.people.selectors import collective_history
from chitieu.awards.people.services import award_record_create, person_create
from chitieu.awards.proposals.selectors import beyond_authority
from chitieu.awards.proposals.services import (
    proposal_create,
    proposal_forward,
    proposal_item_add,
    proposal_item_justify,
    proposal_return,
    proposal_review,
    proposal_submit,
    proposal_to_committee,
)
from chitieu.core.audit import unaudited
from chitieu.core.models import ObjectChange
from chitieu.testing import client_for, fixture_row, review_and_decide, sent_on_paper_before
from chitieu.units.models import UnitType
from chitieu.units.services import unit_create, unit_link_create


@pytest.fixture
def lan(tree, town_board, awards):
    person = person_create(actor=town_board, unit=tree.town, full_name="Nguyễn Thị Lan", sex="nu")
    fixture_row(AnnualRating, person=person, year=2024, rating="HTXS")
    return person


def test_a_full_proposal_from_the_unit_to_the_decision(
    tree, lan, town_board, board, superuser, awards
):
    proposal = proposal_create(
        actor=town_board, unit=tree.town, year=2024, title="Khen thưởng năm 2024"
    )
    ldtt = proposal_item_add(actor=town_board, proposal=proposal, award=awards["LDTT"], person=lan)
    fighter = proposal_item_add(
        actor=town_board,
        proposal=proposal,
        award=awards["CSTDCS"],
        person=lan,
        votes_in_favour=9,
        council_members=10,
    )
    fighter.refresh_from_db()
    assert ldtt.eligible and fighter.eligible
    proposal_submit(actor=town_board, proposal=proposal)
    proposal_review(actor=board, proposal=proposal, comment="Đủ điều kiện")
    proposal_to_committee(actor=board, proposal=proposal)
    fund_allocate(
        actor=board,
        unit=tree.province,
        year=2025,
        amount=D("5000000"),
        date=dt.date(2025, 1, 2),
        description="",
    )
    sent_on_paper_before(proposal, dt.date(2025, 1, 10))
    decision = decision_record(
        actor=board,
        proposal=proposal,
        number="123/QĐ-UBND",
        date=dt.date(2025, 1, 15),
        issuer="Chủ tịch UBND tỉnh Hà Tĩnh",
    )
    records = {r.award.code: r for r in AwardRecord.objects.filter(person=lan)}
    # Base salary on 15/01/2025: 2.340.000 đồng; LĐTT 0,3 → 702.000 → 710.000; CSTĐCS 1,0.
    assert {code: r.cash for code, r in records.items()} == {
        "LDTT": D("710000"),
        "CSTDCS": D("2340000"),
    }
    assert all(
        r.decision == decision and r.decision_number == "123/QĐ-UBND" for r in records.values()
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECIDED
    steps = list(
        ProposalStep.objects.filter(proposal=proposal).values_list("to_status", "actor__username")
    )
    assert steps == [
        ("submitted", "town_board"),
        ("reviewed", "board"),
        ("committee", "board"),
        ("decided", "board"),
    ]
    assert proposal.considered_at == tree.province
    assert decision.unit == tree.province


def test_an_ineligible_item_needs_a_justification_and_stays_flagged(tree, lan, town_board, awards):
    proposal = proposal_create(actor=town_board, unit=tree.town, year=2024, title="t")
    item = proposal_item_add(actor=town_board, proposal=proposal, award=awards["CSTDT"], person=lan)
    assert item.eligible is False
    unmet = [f["condition"] for f in item.findings if not f["met"]]
    assert unmet == ["cstdt_three_years", "cstdt_initiative", "votes"]
    with pytest.raises(ValidationError, match="cần có giải trình"):
        proposal_submit(actor=town_board, proposal=proposal)
    proposal_item_justify(
        actor=town_board,
        item=item,
        justification="Thành tích đặc biệt xuất sắc trong phòng chống bão lũ",
    )
    proposal_submit(actor=town_board, proposal=proposal)
    item.refresh_from_db()
    assert item.is_flagged


def test_a_returned_proposal_carries_the_reason(tree, lan, town_board, board, awards):
    proposal = proposal_create(actor=town_board, unit=tree.town, year=2024, title="t")
    proposal_item_add(actor=town_board, proposal=proposal, award=awards["LDTT"], person=lan)
    proposal_submit(actor=town_board, proposal=proposal)
    with pytest.raises(ValidationError, match="lý do"):
        proposal_return(actor=board, proposal=proposal, comment="")
    proposal_return(actor=board, proposal=proposal, comment="Thiếu biên bản họp Hội đồng")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.comment) == ("returned", "Thiếu biên bản họp Hội đồng")


def test_the_unit_cannot_review_its_own_proposal(tree, lan, town_board, awards):
    proposal = proposal_create(actor=town_board, unit=tree.town, year=2024, title="t")
    proposal_item_add(actor=town_board, proposal=proposal, award=awards["LDTT"], person=lan)
    proposal_submit(actor=town_board, proposal=proposal)
    with pytest.raises(PermissionDenied):
        proposal_review(actor=town_board, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == "submitted"


def test_a_unit_cannot_propose_people_of_another_unit(tree, town_board, board, awards):
    other = person_create(actor=board, unit=tree.commune_c, full_name="Trần Văn Bình", sex="nam")
    proposal = proposal_create(actor=town_board, unit=tree.town, year=2024, title="t")
    with pytest.raises(ValidationError, match="thuộc đơn vị mình"):
        proposal_item_add(actor=town_board, proposal=proposal, award=awards["LDTT"], person=other)


def test_a_pending_complaint_blocks_the_award(tree, lan, town_board, awards):
    fixture_row(Matter, person=lan, kind="khieu_nai", year=2024)
    proposal = proposal_create(actor=town_board, unit=tree.town, year=2024, title="t")
    item = proposal_item_add(actor=town_board, proposal=proposal, award=awards["LDTT"], person=lan)
    assert [f["message"] for f in item.findings if not f["met"]] == [
        "Đang có khiếu nại chưa giải quyết xong: chưa xét khen thưởng."
    ]


def test_an_initiative_used_for_one_award_cannot_support_another(
    tree, lan, town_board, board, awards
):
    AnnualRating.objects.filter(person=lan).update(rating="HTT")
    initiative = fixture_row(
        Initiative, person=lan, title="Số hóa hồ sơ một cửa", year=2024, scope="co_so"
    )
    first = proposal_create(actor=town_board, unit=tree.town, year=2024, title="t1")
    proposal_item_add(actor=town_board, proposal=first, award=awards["LDTT"], person=lan)
    fighter = proposal_item_add(
        actor=town_board,
        proposal=first,
        award=awards["CSTDCS"],
        person=lan,
        votes_in_favour=10,
        council_members=10,
        initiatives=[initiative],
    )
    fighter.refresh_from_db()
    assert fighter.eligible
    proposal_submit(actor=town_board, proposal=first)
    review_and_decide(board, first, "1/QĐ", dt.date(2025, 1, 5))
    initiative.refresh_from_db()
    assert initiative.used_for.award.code == "CSTDCS"
    second = proposal_create(actor=town_board, unit=tree.town, year=2024, title="t2")
    again = proposal_item_add(
        actor=town_board,
        proposal=second,
        award=awards["BK_TINH"],
        person=lan,
        initiatives=[initiative],
    )
    assert "initiative_once" in [f["condition"] for f in again.findings if not f["met"]]


def test_a_persons_history_follows_them_when_their_unit_is_merged(
    tree, lan, town_board, superuser, awards, board
):
    for year in (2022, 2023, 2024):
        award_record_create(
            actor=board,
            person=lan,
            award=awards["CSTDCS"],
            year=year,
            decision_number=f"{year}/QĐ",
            decision_date=dt.date(year + 1, 1, 10),
        )
    fixture_row(
        Initiative, person=lan, title="Cải tiến quy trình thu ngân sách", year=2024, scope="tinh"
    )
    # Thị xã Kỳ Anh is split in 2025; Lan now works in the new ward.
    lan.unit = tree.new_ward
    with unaudited("test fixture: the person moved by another system"):
        lan.save()
    proposal = proposal_create(actor=board, unit=tree.province, year=2024, title="CSTĐ tỉnh")
    item = proposal_item_add(
        actor=board,
        proposal=proposal,
        award=awards["CSTDT"],
        person=lan,
        votes_in_favour=10,
        council_members=10,
    )
    assert item.eligible, item.findings


def test_a_collective_inherits_the_history_of_the_units_merged_into_it_whole(
    tree, superuser, board, awards
):
    award_record_create(
        actor=board,
        unit=tree.commune_a,
        award=awards["TTLDXS"],
        year=2023,
        decision_number="5/QĐ",
        decision_date=dt.date(2024, 1, 5),
    )
    unit_link_create(
        actor=superuser,
        predecessor=tree.commune_a,
        successor=tree.new_ward,
        effective_date=dt.date(2025, 7, 1),
        whole=True,
    )
    assert [r.award.code for r in collective_history(tree.new_ward)] == ["TTLDXS"]
    split = unit_create(
        actor=superuser,
        name="Phường Khác",
        type=UnitType.WARD,
        parent=tree.province,
        valid_from=dt.date(2025, 7, 1),
    )
    unit_link_create(
        actor=superuser,
        predecessor=tree.commune_a,
        successor=split,
        effective_date=dt.date(2025, 7, 1),
        whole=False,
    )
    assert collective_history(split) == []


def test_every_step_is_audited(tree, lan, town_board, awards):
    proposal = proposal_create(actor=town_board, unit=tree.town, year=2024, title="t")
    proposal_item_add(actor=town_board, proposal=proposal, award=awards["LDTT"], person=lan)
    proposal_submit(actor=town_board, proposal=proposal)
    assert ObjectChange.objects.filter(content_type__model="proposal", verb="gửi").count() == 1


@pytest.fixture
def ward_proposal(tree, make_user, awards):
    """Phường Kỳ Ninh proposes one of its people; its Board above is Thị xã Kỳ Anh's."""
    ward_board = make_user("ward_board", "board", tree.commune_a)
    person = person_create(actor=ward_board, unit=tree.commune_a, full_name="Lê Văn An", sex="nam")
    fixture_row(AnnualRating, person=person, year=2024, rating="HTT")

    def make(award_code: str):
        proposal = proposal_create(actor=ward_board, unit=tree.commune_a, year=2024, title="t")
        proposal_item_add(
            actor=ward_board, proposal=proposal, award=awards[award_code], person=person
        )
        proposal.items.update(justification="Thành tích đột xuất")  # eligibility is not tested here
        proposal_submit(actor=ward_board, proposal=proposal)
        proposal.refresh_from_db()
        return proposal

    return make


def test_an_award_within_its_authority_is_decided_at_the_level_above(
    tree, town_board, ward_proposal
):
    fund_allocate(
        actor=town_board,
        unit=tree.town,
        year=2025,
        amount=D("5000000"),
        date=dt.date(2025, 1, 2),
        description="",
    )
    proposal = ward_proposal("LDTT")
    assert proposal.considered_at == tree.town
    decision = review_and_decide(
        town_board,
        proposal,
        "5/QĐ-UBND",
        dt.date(2025, 1, 10),
        issuer="Chủ tịch UBND thị xã Kỳ Anh",
    )
    assert decision.unit == tree.town
    assert AwardRecord.objects.get().decision_number == "5/QĐ-UBND"
    # The cash (0,3 × 2.340.000 = 702.000, rounded up to 710.000) is the town's to pay.
    assert balance_of(fund_for(tree.town, 2025)).spending == D("710000")


def test_a_provincial_award_is_forwarded_and_decided_by_the_province(
    tree, town_board, board, ward_proposal
):
    proposal = ward_proposal("BK_TINH")
    proposal_review(actor=town_board, proposal=proposal)
    with pytest.raises(ValidationError, match="Thị xã Kỳ Anh không có thẩm quyền quyết định"):
        proposal_to_committee(actor=town_board, proposal=proposal)
    proposal_forward(actor=town_board, proposal=proposal, comment="Đề nghị tỉnh xét")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.considered_at) == ("submitted", tree.province)
    with pytest.raises(PermissionDenied):  # the town's Board no longer holds it
        proposal_review(actor=town_board, proposal=proposal)
    proposal_review(actor=board, proposal=proposal)
    with pytest.raises(ValidationError, match="không còn cấp trên"):
        proposal_forward(actor=board, proposal=proposal)
    proposal_to_committee(actor=board, proposal=proposal)
    fund_allocate(
        actor=board,
        unit=tree.province,
        year=2025,
        amount=D("5000000"),
        date=dt.date(2025, 1, 2),
        description="",
    )
    sent_on_paper_before(proposal, dt.date(2025, 1, 10))
    decision = decision_record(
        actor=board,
        proposal=proposal,
        number="77/QĐ-UBND",
        date=dt.date(2025, 2, 1),
        issuer="Chủ tịch UBND tỉnh Hà Tĩnh",
        granted=list(proposal.items.values_list("pk", flat=True)),  # flagged: granted explicitly
    )
    assert decision.unit == tree.province
    steps = list(proposal.steps.values_list("to_status", "actor__username", "comment"))
    assert steps == [
        ("submitted", "ward_board", ""),
        ("reviewed", "town_board", ""),
        ("submitted", "town_board", "Chuyển lên Tỉnh Hà Tĩnh: Đề nghị tỉnh xét"),
        ("reviewed", "board", ""),
        ("committee", "board", ""),
        ("decided", "board", "Quyết định 77/QĐ-UBND ngày 01/02/2025"),
    ]


def test_no_decision_before_the_committee_and_a_return_starts_over(
    tree, town_board, board, ward_proposal
):
    proposal = ward_proposal("LDTT")
    proposal_review(actor=town_board, proposal=proposal)
    with pytest.raises(ValidationError, match="đã trình Ủy ban nhân dân"):
        decision_record(
            actor=town_board, proposal=proposal, number="1", date=dt.date(2025, 1, 1), issuer="x"
        )
    proposal_to_committee(actor=town_board, proposal=proposal)
    proposal_return(actor=town_board, proposal=proposal, comment="Chủ tịch đề nghị bổ sung hồ sơ")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.considered_at) == ("returned", None)
    assert not AwardRecord.objects.exists()


def test_the_proposal_page_offers_the_next_step_of_its_level(
    tree, town_board, board, ward_proposal
):
    proposal = ward_proposal("BK_TINH")
    proposal_review(actor=town_board, proposal=proposal)
    url = reverse("proposal_detail", args=[proposal.pk])
    html = client_for(town_board).get(url).content.decode()
    assert "đang xét tại <strong>Thị xã Kỳ Anh</strong>" in html
    assert "Thuộc thẩm quyền cấp trên: Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh." in html
    assert "Chuyển lên Tỉnh Hà Tĩnh</button>" in html
    assert "Trình Ủy ban nhân dân</button>" not in html
    client_for(town_board).post(reverse("proposal_action", args=[proposal.pk, "forward"]))
    client_for(board).post(reverse("proposal_action", args=[proposal.pk, "review"]))
    html = client_for(board).get(url).content.decode()
    forward = reverse("proposal_action", args=[proposal.pk, "forward"])
    assert "Trình Ủy ban nhân dân</button>" in html and forward not in html
    client_for(board).post(reverse("proposal_action", args=[proposal.pk, "committee"]))
    html = client_for(board).get(url).content.decode()
    assert "Ghi quyết định của Ủy ban nhân dân</button>" in html


def test_which_awards_each_level_may_decide(tree, ward_proposal):
    # Giấy khen and the base-level titles at any level; the province's and the State's awards
    # only at the province (which sends the State's on).
    assert beyond_authority(ward_proposal("GIAY_KHEN"), tree.town) == []
    assert beyond_authority(ward_proposal("LDTT"), tree.town) == []
    state = ward_proposal("BK_TTG")
    assert beyond_authority(state, tree.town) == ["Bằng khen của Thủ tướng Chính phủ"]
    assert beyond_authority(state, tree.province) == []
