"""Issue 13: scoring tables edited until scoring starts, signatures with their day and who
recorded them, and the guards of the year (confirm or override, decided and reopened)."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from chitieu.accounts.permissions import PermissionDenied
from chitieu.awards.proposals.from_votes import proposal_from_votes
from chitieu.awards.proposals.services import proposal_item_justify, proposal_submit
from chitieu.core.models import ObjectChange
from chitieu.emulation.models import ClusterYear, Criterion, Score, ScoringTable, Stage, Vote
from chitieu.emulation.selectors import cluster_ranking
from chitieu.emulation.services import (
    criterion_delete,
    criterion_save,
    member_register,
    member_sign,
    score_set,
    scoring_confirm,
    scoring_table_copy,
    vote_record,
    year_close,
    year_reopen,
)
from chitieu.testing import review_and_decide

pytestmark = pytest.mark.django_db


def criterion(cluster_year, code):
    return Criterion.objects.get(table=cluster_year.scoring_table, code=code)


def score_all(cluster_year, board, points=("18", "19")):
    for member in cluster_year.members.all():
        for code, value in zip(("I.1", "I.2"), points, strict=True):
            score_set(
                actor=board,
                member=member,
                criterion=criterion(cluster_year, code),
                stage=Stage.BOARD,
                points=D(value),
            )


def sign_all(cluster_year, board):
    for member in cluster_year.members.all():
        member_sign(actor=board, member=member, signed_on=dt.date(2021, 1, 7))


def test_a_table_is_edited_until_scoring_starts_then_refuses_and_is_copied(
    cluster_year, board, tree
):
    table = cluster_year.scoring_table
    added = criterion_save(
        actor=board,
        table=table,
        parent_code="I",
        code="I.3",
        name="Khen thưởng kịp thời",
        max_points=D("5"),
        guidance="Số quyết định khen thưởng đột xuất",
        evidence_required=True,
    )
    assert (added.parent.code, added.max_points, added.evidence_required) == ("I", D("5"), True)
    changed = criterion_save(
        actor=board,
        table=table,
        criterion=criterion(cluster_year, "II"),
        code="II",
        name="Thực hiện chỉ tiêu",
        max_points=D("60"),
        method="targets",
        rule="ratio",
        ratio_cap=D("120"),
    )
    assert (changed.rule, changed.ratio_cap) == ("ratio", D("120"))
    criterion_delete(actor=board, criterion=added)
    with pytest.raises(ValidationError, match=r"Mã tiêu chí I\.1 đã có trong bảng"):
        criterion_save(actor=board, table=table, code="I.1", name="Trùng", max_points=D("1"))
    with pytest.raises(ValidationError, match="cơ quan giao chỉ tiêu"):
        criterion_save(
            actor=board,
            table=table,
            code="III",
            name="Chỉ tiêu tỉnh giao",
            max_points=D("10"),
            method="targets",
            rule="headline",
        )
    score_set(
        actor=board,
        member=cluster_year.members.first(),
        criterion=criterion(cluster_year, "I.1"),
        stage=Stage.BOARD,
        points=D("18"),
    )
    before = list(table.criteria.values_list("code", "name", "max_points", "rule"))
    for attempt in (
        lambda: criterion_save(actor=board, table=table, code="III", name="X", max_points=D("5")),
        lambda: criterion_save(
            actor=board,
            table=table,
            criterion=criterion(cluster_year, "I.1"),
            code="I.1",
            name="Đổi tên",
            max_points=D("30"),
        ),
        lambda: criterion_delete(actor=board, criterion=criterion(cluster_year, "I.2")),
    ):
        with pytest.raises(ValidationError, match="đã có điểm chấm nên không sửa được nữa"):
            attempt()
    assert list(table.criteria.values_list("code", "name", "max_points", "rule")) == before
    copy = scoring_table_copy(actor=board, table=table, year=2022)
    assert (copy.name, copy.year) == ("Bảng điểm 2022", 2022)
    assert list(copy.criteria.values_list("code", "max_points", "rule", "ratio_cap")) == [
        ("I", D("40"), "per_target", D("100")),
        ("I.1", D("20"), "per_target", D("100")),
        ("I.2", D("20"), "per_target", D("100")),
        ("II", D("60"), "ratio", D("120")),
    ]


def test_a_stranger_may_not_edit_the_table(cluster_year, town_board):
    with pytest.raises(PermissionDenied):
        criterion_save(
            actor=town_board,
            table=cluster_year.scoring_table,
            code="III",
            name="X",
            max_points=D("5"),
        )
    assert cluster_year.scoring_table.criteria.count() == 4


def test_signing_keeps_its_day_and_who_recorded_it_for_whom(cluster_year, board, town_board, tree):
    town = cluster_year.members.get(unit=tree.town)
    district = cluster_year.members.get(unit=tree.other_district)
    member_sign(actor=town_board, member=town, signed_on=dt.date(2021, 1, 7))
    member_sign(actor=board, member=district, signed_on=dt.date(2021, 1, 8))
    town.refresh_from_db()
    district.refresh_from_db()
    assert (town.signed_on, town.signed_by, town.signed_for_member) == (
        dt.date(2021, 1, 7),
        town_board,
        False,
    )
    assert (district.signed_on, district.signed_by, district.signed_for_member) == (
        dt.date(2021, 1, 8),
        board,
        True,
    )
    assert ClusterYear.objects.get(pk=cluster_year.pk).agreement_date == dt.date(2021, 1, 8)
    change = ObjectChange.objects.filter(verb="ký giao ước").order_by("pk").last()
    assert (change.actor, change.after["signed_for_member"]) == (board, True)
    for day, message in (
        (dt.date(2030, 1, 7), "chưa đến"),
        (dt.date(2019, 1, 7), "không thuộc năm thi đua 2021"),
    ):
        with pytest.raises(ValidationError, match=message):
            member_sign(actor=board, member=district, signed_on=day)
    district.refresh_from_db()
    assert district.signed_on == dt.date(2021, 1, 8)


def test_titles_are_registered_per_member_and_year(cluster_year, town_board, tree, awards):
    town = cluster_year.members.get(unit=tree.town)
    member_register(actor=town_board, member=town, titles=[awards["CO_TINH"]])
    assert list(town.registered_titles.values_list("code", flat=True)) == ["CO_TINH"]
    assert town.signed_on is None
    change = ObjectChange.objects.get(verb="đăng ký thi đua")
    assert (change.before["registered_titles"], change.after["registered_titles"]) == (
        [],
        ["CO_TINH"],
    )
    district = cluster_year.members.get(unit=tree.other_district)
    with pytest.raises(PermissionDenied):
        member_register(actor=town_board, member=district, titles=[awards["CO_TINH"]])
    assert not district.registered_titles.exists()


def test_a_vote_and_a_proposal_wait_for_everyone_scored_and_the_boards_confirmation(
    cluster_year, board, tree, awards
):
    def vote():
        return vote_record(
            actor=board,
            cluster_year=cluster_year,
            award=awards["CO_TINH"],
            unit=tree.town,
            votes_in_favour=2,
            voters=2,
        )

    with pytest.raises(ValidationError) as caught:
        vote()
    assert caught.value.messages == [
        "Chưa bỏ phiếu được: Ban Thi đua chưa xác nhận kết quả chấm điểm của cụm (chưa ký giao "
        "ước: Huyện Cẩm Xuyên, Thị xã Kỳ Anh; chưa chấm đủ điểm: Huyện Cẩm Xuyên (I.1, I.2); "
        "Thị xã Kỳ Anh (I.1, I.2))."
    ]
    with pytest.raises(ValidationError, match="chưa xác nhận kết quả chấm điểm"):
        proposal_from_votes(actor=board, cluster_year=cluster_year)
    with pytest.raises(ValidationError, match="hãy ghi rõ lý do"):
        scoring_confirm(actor=board, cluster_year=cluster_year)
    sign_all(cluster_year, board)
    score_all(cluster_year, board)
    assert not Vote.objects.exists()
    scoring_confirm(actor=board, cluster_year=cluster_year)
    fresh = ClusterYear.objects.get(pk=cluster_year.pk)
    assert (fresh.scoring_confirmed_by, fresh.confirmation_override) == (board, "")
    assert vote().votes_in_favour == 2
    # Confirmed: the scores are closed.
    with pytest.raises(ValidationError, match="đã xác nhận kết quả chấm điểm"):
        score_all(cluster_year, board, ("1", "1"))
    assert sorted(Score.objects.values_list("points", flat=True)) == [D("18")] * 2 + [D("19")] * 2


def test_an_override_is_recorded_with_its_reason(cluster_year, board):
    scoring_confirm(
        actor=board, cluster_year=cluster_year, override_reason="Cẩm Xuyên sáp nhập, không chấm"
    )
    fresh = ClusterYear.objects.get(pk=cluster_year.pk)
    assert fresh.confirmation_override == "Cẩm Xuyên sáp nhập, không chấm"
    change = ObjectChange.objects.get(verb="xác nhận kết quả chấm điểm (vượt kiểm tra)")
    assert change.reason == (
        "Cẩm Xuyên sáp nhập, không chấm (còn thiếu: chưa ký giao ước: Huyện Cẩm Xuyên, Thị xã Kỳ "
        "Anh; chưa chấm đủ điểm: Huyện Cẩm Xuyên (I.1, I.2); Thị xã Kỳ Anh (I.1, I.2))"
    )


def test_a_member_may_not_confirm_close_or_reopen(cluster_year, town_board):
    for attempt in (
        lambda: scoring_confirm(actor=town_board, cluster_year=cluster_year, override_reason="x"),
        lambda: year_close(actor=town_board, cluster_year=cluster_year),
        lambda: year_reopen(actor=town_board, cluster_year=cluster_year, reason="x"),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    fresh = ClusterYear.objects.get(pk=cluster_year.pk)
    assert (fresh.scoring_confirmed_at, fresh.closed_at) == (None, None)


def test_a_decided_year_refuses_scores_votes_and_signatures_until_reopened(
    cluster_year, board, tree, awards
):
    sign_all(cluster_year, board)
    score_all(cluster_year, board)
    scoring_confirm(actor=board, cluster_year=cluster_year)
    for unit in (tree.town, tree.other_district):
        vote_record(
            actor=board,
            cluster_year=cluster_year,
            award=awards["CO_TINH"] if unit == tree.town else awards["BK_TINH"],
            unit=unit,
            votes_in_favour=2,
            voters=2,
        )
    proposal = proposal_from_votes(actor=board, cluster_year=cluster_year)
    for item in proposal.items.filter(eligible=False):
        proposal_item_justify(actor=board, item=item, justification="Cụm bình xét")
    proposal_submit(actor=board, proposal=proposal)
    review_and_decide(board, proposal, "3/QĐ", dt.date(2022, 1, 20))
    town = cluster_year.members.get(unit=tree.town)
    for attempt in (
        lambda: score_set(
            actor=board,
            member=town,
            criterion=criterion(cluster_year, "I.1"),
            stage=Stage.BOARD,
            points=D("20"),
        ),
        lambda: vote_record(
            actor=board,
            cluster_year=cluster_year,
            award=awards["CO_TINH"],
            unit=tree.town,
            votes_in_favour=1,
            voters=2,
        ),
        lambda: member_sign(actor=board, member=town, signed_on=dt.date(2021, 1, 9)),
    ):
        with pytest.raises(ValidationError, match="đã có quyết định khen thưởng"):
            attempt()
    assert Score.objects.get(member=town, criterion__code="I.1").points == D("18")
    assert Vote.objects.get(unit=tree.town).votes_in_favour == 2
    with pytest.raises(ValidationError, match="lý do"):
        year_reopen(actor=board, cluster_year=cluster_year, reason="  ")
    year_reopen(actor=board, cluster_year=cluster_year, reason="Sửa điểm tiêu chí I.1 theo KN")
    change = ObjectChange.objects.get(verb="mở lại năm thi đua")
    assert (change.actor, change.reason) == (board, "Sửa điểm tiêu chí I.1 theo KN")
    score_set(
        actor=board,
        member=town,
        criterion=criterion(cluster_year, "I.1"),
        stage=Stage.BOARD,
        points=D("20"),
    )
    assert Score.objects.get(member=town, criterion__code="I.1").points == D("20")
    # Reopened, the vote waits for the Board's new confirmation; closing locks it again.
    with pytest.raises(ValidationError, match="chưa xác nhận"):
        vote_record(
            actor=board,
            cluster_year=cluster_year,
            award=awards["CO_TINH"],
            unit=tree.town,
            votes_in_favour=1,
            voters=2,
        )
    year_close(actor=board, cluster_year=cluster_year)
    with pytest.raises(ValidationError, match="đã có quyết định khen thưởng"):
        score_set(
            actor=board,
            member=town,
            criterion=criterion(cluster_year, "I.1"),
            stage=Stage.BOARD,
            points=D("19"),
        )


def test_the_ranking_of_a_new_table_uses_the_share_rule(cluster_year, board, tree):
    table = ScoringTable.objects.get(pk=cluster_year.scoring_table_id)
    criterion_save(
        actor=board,
        table=table,
        criterion=criterion(cluster_year, "II"),
        code="II",
        name="Thực hiện chỉ tiêu",
        max_points=D("60"),
        method="targets",
        rule="share",
    )
    score_all(cluster_year, board)
    # The town met both of its targets (2/2 × 60), the district one of two (1/2 × 60).
    assert [
        (r.rank, r.unit.name, r.total, r.target_points) for r in cluster_ranking(cluster_year)
    ] == [
        (1, "Thị xã Kỳ Anh", D("97.00"), D("60.00")),
        (2, "Huyện Cẩm Xuyên", D("67.00"), D("30.00")),
    ]


def test_the_table_of_a_year_with_scores_is_not_switched(cluster_year, board, tree):
    from chitieu.emulation.services import cluster_year_setup

    score_all(cluster_year, board)
    other = scoring_table_copy(actor=board, table=cluster_year.scoring_table, year=2021)
    with pytest.raises(ValidationError, match="không đổi bảng được nữa"):
        cluster_year_setup(
            actor=board,
            cluster=cluster_year.cluster,
            year=2021,
            members=[tree.town, tree.other_district],
            scoring_table=other,
        )
    assert ClusterYear.objects.get(pk=cluster_year.pk).scoring_table_id != other.pk
    year_close(actor=board, cluster_year=cluster_year)
    with pytest.raises(ValidationError, match="đã có quyết định khen thưởng"):
        cluster_year_setup(
            actor=board,
            cluster=cluster_year.cluster,
            year=2021,
            members=[tree.town],
            scoring_table=cluster_year.scoring_table,
        )
    assert cluster_year.members.count() == 2
