"""Every write of a cluster's year is audited: members added and removed, criteria, votes with
their old value; a refused setup leaves nothing behind; one vote makes one proposal."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from chitieu.awards.models import Proposal
from chitieu.awards.proposals.from_votes import proposal_from_votes
from chitieu.core.models import ChangeAction, ObjectChange
from chitieu.emulation.models import ClusterMember, ClusterYear, Criterion, ScoringTable, Vote
from chitieu.emulation.services import cluster_year_setup, scoring_confirm, vote_record
from chitieu.testing import client_for


def changes_of(model, **filters):
    from django.contrib.contenttypes.models import ContentType

    return ObjectChange.objects.filter(
        content_type=ContentType.objects.get_for_model(model), **filters
    ).order_by("pk")


def test_each_criterion_of_a_scoring_table_has_its_audit_row(cluster_year):
    criteria = {str(c.pk): c.code for c in Criterion.objects.all()}
    audited = changes_of(Criterion, action=ChangeAction.CREATE)
    assert {change.object_id: change.after["code"] for change in audited} == criteria


def test_members_added_and_removed_are_audited(cluster_year, tree, board):
    cluster_year_setup(
        actor=board,
        cluster=cluster_year.cluster,
        year=2021,
        members=[tree.town, tree.commune_c],
        chair=tree.town,
        scoring_table=cluster_year.scoring_table,
    )
    added = changes_of(ClusterMember, action=ChangeAction.CREATE).last()
    removed = changes_of(ClusterMember, action=ChangeAction.DELETE).get()
    assert (added.verb, added.after["unit"], added.actor) == (
        "thêm thành viên",
        tree.commune_c.pk,
        board,
    )
    assert (removed.verb, removed.before["unit"], removed.actor) == (
        "bớt thành viên",
        tree.other_district.pk,
        board,
    )
    assert sorted(cluster_year.members.values_list("unit__name", flat=True)) == [
        "Thị xã Kỳ Anh",
        "Xã Cẩm Bình",
    ]


def test_a_refused_setup_leaves_no_copied_scoring_table(cluster_year, tree, board):
    tables = ScoringTable.objects.count()
    changes = ObjectChange.objects.count()
    response = client_for(board).post(
        reverse("cluster_year_setup", args=[cluster_year.cluster.pk, 2022]),
        {"members": [tree.other_district.pk], "chair": tree.town.pk},
    )
    assert response.status_code == 200
    assert "phải là thành viên" in response.content.decode()
    assert (ScoringTable.objects.count(), ObjectChange.objects.count()) == (tables, changes)


def test_an_accepted_setup_starts_from_a_copy_of_last_years_table(cluster_year, tree, board):
    client_for(board).post(
        reverse("cluster_year_setup", args=[cluster_year.cluster.pk, 2022]),
        {"members": [tree.town.pk, tree.other_district.pk], "chair": tree.town.pk},
    )
    copy = ScoringTable.objects.get(year=2022)
    assert copy.name == "Bảng điểm 2022"
    assert ClusterYear.objects.get(year=2022).scoring_table == copy


def test_a_vote_update_keeps_its_old_value_and_the_same_count_again_is_not_logged(
    cluster_year, tree, board, awards
):
    scoring_confirm(actor=board, cluster_year=cluster_year, override_reason="Thử phiếu")

    def vote(in_favour: int) -> Vote:
        return vote_record(
            actor=board,
            cluster_year=cluster_year,
            award=awards["CO_TINH"],
            unit=tree.town,
            votes_in_favour=in_favour,
            voters=9,
        )

    vote(7)
    vote(8)
    vote(8)
    rows = list(changes_of(Vote))
    assert [row.action for row in rows] == [ChangeAction.CREATE, ChangeAction.UPDATE]
    assert (rows[1].before["votes_in_favour"], rows[1].after["votes_in_favour"]) == (7, 8)
    assert Vote.objects.get().votes_in_favour == 8


def test_one_vote_makes_one_proposal_whose_items_are_audited(cluster_year, tree, board, awards):
    scoring_confirm(actor=board, cluster_year=cluster_year, override_reason="Thử phiếu")
    vote_record(
        actor=board,
        cluster_year=cluster_year,
        award=awards["CO_TINH"],
        unit=tree.town,
        votes_in_favour=8,
        voters=9,
    )
    proposal = proposal_from_votes(actor=board, cluster_year=cluster_year)
    (item,) = proposal.items.all()
    from chitieu.awards.models import ProposalItem

    (audited,) = changes_of(ProposalItem)
    assert (audited.object_id, audited.verb, audited.after["votes_in_favour"]) == (
        str(item.pk),
        "từ kết quả bỏ phiếu",
        8,
    )
    with pytest.raises(ValidationError, match="đã được lập"):
        proposal_from_votes(actor=board, cluster_year=cluster_year)
    assert Proposal.objects.filter(cluster_year=cluster_year).count() == 1


def test_the_database_refuses_a_second_proposal_of_a_cluster_year(cluster_year, tree, board):
    from django.db import IntegrityError, transaction

    from chitieu.awards.proposals.services import proposal_create

    proposal_create(
        actor=board, unit=tree.province, year=2021, title="a", cluster_year=cluster_year
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        proposal_create(
            actor=board, unit=tree.province, year=2021, title="b", cluster_year=cluster_year
        )
