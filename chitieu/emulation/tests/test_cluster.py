"""A cluster's year: members sign, score themselves, the cluster reviews, the Board confirms; the
ranking and the vote produce the proposals, judged by the checker against the ranking."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from chitieu.awards.proposals.from_votes import proposal_from_votes
from chitieu.awards.proposals.services import proposal_submit
from chitieu.core.models import ObjectChange
from chitieu.emulation.models import Score, Stage
from chitieu.emulation.selectors import cluster_ranking
from chitieu.emulation.services import (
    cluster_year_setup,
    member_sign,
    score_set,
    scoring_confirm,
    vote_record,
)
from chitieu.testing import review_and_decide


def criterion(cluster_year, code):
    return cluster_year.scoring_table.criteria.get(code=code)


def test_membership_and_chairs_change_by_year_without_rewriting_the_past(cluster_year, tree, board):
    next_year = cluster_year_setup(
        actor=board,
        cluster=cluster_year.cluster,
        year=2022,
        members=[tree.town, tree.other_district],
        chair=tree.other_district,
    )
    cluster_year.refresh_from_db()
    assert (cluster_year.chair, next_year.chair) == (tree.town, tree.other_district)
    with pytest.raises(ValidationError, match="phải là thành viên"):
        cluster_year_setup(
            actor=board,
            cluster=cluster_year.cluster,
            year=2023,
            members=[tree.town],
            chair=tree.other_district,
        )


def test_members_sign_and_register_titles(cluster_year, tree, town_board, awards):
    member = cluster_year.members.get(unit=tree.town)
    member_sign(
        actor=town_board, member=member, signed_on=dt.date(2021, 1, 7), titles=[awards["CO_TINH"]]
    )
    cluster_year.refresh_from_db()
    assert cluster_year.agreement_date == dt.date(2021, 1, 7)
    assert [t.code for t in member.registered_titles.all()] == ["CO_TINH"]
    other = cluster_year.members.get(unit=tree.other_district)
    with pytest.raises(PermissionDenied):
        member_sign(actor=town_board, member=other, signed_on=dt.date(2021, 1, 7))


def test_scores_go_through_self_cluster_and_board_with_audit(cluster_year, tree, town_board, board):
    member = cluster_year.members.get(unit=tree.town)
    plan = criterion(cluster_year, "I.1")
    score_set(actor=town_board, member=member, criterion=plan, stage=Stage.SELF, points=D("20"))
    score_set(
        actor=board,
        member=member,
        criterion=plan,
        stage=Stage.BOARD,
        points=D("18"),
        comment="Chậm 1 tháng",
    )
    score_set(actor=board, member=member, criterion=plan, stage=Stage.BOARD, points=D("19"))
    change = ObjectChange.objects.filter(content_type__model="score", action="update").get()
    assert (change.before["points"], change.after["points"]) == ("18", "19")
    with pytest.raises(PermissionDenied):
        score_set(
            actor=town_board, member=member, criterion=plan, stage=Stage.BOARD, points=D("20")
        )
    with pytest.raises(ValidationError, match="từ 0 đến 20"):
        score_set(actor=town_board, member=member, criterion=plan, stage=Stage.SELF, points=D("21"))
    with pytest.raises(ValidationError, match="tính tự động"):
        score_set(
            actor=board,
            member=member,
            criterion=criterion(cluster_year, "II"),
            stage=Stage.BOARD,
            points=D("1"),
        )
    assert Score.objects.get(member=member, stage="board").points == D("19")


def test_ranking_vote_proposal_and_the_checker(cluster_year, tree, board, awards):
    town = cluster_year.members.get(unit=tree.town)
    district = cluster_year.members.get(unit=tree.other_district)
    for member, points in ((town, ("18", "19")), (district, ("20", "20"))):
        score_set(
            actor=board,
            member=member,
            criterion=criterion(cluster_year, "I.1"),
            stage="board",
            points=D(points[0]),
        )
        score_set(
            actor=board,
            member=member,
            criterion=criterion(cluster_year, "I.2"),
            stage="board",
            points=D(points[1]),
        )
    ranking = cluster_ranking(cluster_year)
    # The town met both targets and exceeded both: 2×5 + 2×1 = 12 target points; the district
    # missed the budget (9 of 10): 5 + 1 = 6.
    assert [(r.rank, r.unit.name, r.total, r.targets_exceeded) for r in ranking] == [
        (1, "Thị xã Kỳ Anh", D("49"), True),
        (2, "Huyện Cẩm Xuyên", D("46"), False),
    ]
    scoring_confirm(actor=board, cluster_year=cluster_year, override_reason="Chưa ký (thử)")
    vote_record(
        actor=board,
        cluster_year=cluster_year,
        award=awards["CO_TINH"],
        unit=tree.town,
        votes_in_favour=2,
        voters=2,
    )
    vote_record(
        actor=board,
        cluster_year=cluster_year,
        award=awards["CO_TINH"],
        unit=tree.other_district,
        votes_in_favour=2,
        voters=2,
    )
    proposal = proposal_from_votes(actor=board, cluster_year=cluster_year)
    verdicts = {item.unit.name: item for item in proposal.items.select_related("unit")}
    assert verdicts["Thị xã Kỳ Anh"].eligible is True
    district_unmet = [f["condition"] for f in verdicts["Huyện Cẩm Xuyên"].findings if not f["met"]]
    assert district_unmet == ["co_tinh_leading", "co_tinh_targets"]

    # The vote's proposal goes to the organiser's Board, which reviews it and records the
    # People's Committee's decision.
    proposal.items.filter(unit=tree.other_district).update(justification="Cụm bình xét")
    proposal_submit(actor=board, proposal=proposal)
    decision = review_and_decide(board, proposal, "3/QĐ", dt.date(2022, 1, 20))
    # The flagged item (the second unit's Cờ) is not granted unless ticked explicitly.
    assert (decision.unit, decision.awards.count()) == (tree.province, 1)


def test_negative_or_huge_votes_are_refused_with_the_field_named(cluster_year, board, awards, tree):
    from chitieu.emulation.models import Vote

    scoring_confirm(actor=board, cluster_year=cluster_year, override_reason="Thử phiếu")
    for votes, voters, message in (
        (-5, 7, "Số phiếu đồng ý: giá trị -5 không được nhỏ hơn 0."),
        (3, 10**12, "Số người bỏ phiếu: 1.000.000.000.000 quá lớn: phần nguyên tối đa 9 chữ số."),
    ):
        with pytest.raises(ValidationError) as caught:
            vote_record(
                actor=board,
                cluster_year=cluster_year,
                award=awards["CO_TINH"],
                unit=tree.town,
                votes_in_favour=votes,
                voters=voters,
            )
        assert caught.value.messages == [message]
    assert not Vote.objects.exists()
