"""The cluster's proposal made from its vote, from the cluster's page: made once, back on the
cluster's page with a message; a second try, a GET or a stranger changes nothing."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from chitieu.accounts.models import Role
from chitieu.awards.models import Proposal, ProposalItem
from chitieu.core.models import ObjectChange
from chitieu.emulation.services import (
    cluster_create,
    cluster_year_setup,
    scoring_confirm,
    vote_record,
)
from chitieu.testing import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def voted(tree, board, awards):
    cluster = cluster_create(
        actor=board,
        organiser=tree.province,
        name="Cụm thi đua số 1",
        kind="cum",
        decision_number="12/QĐ-UBND",
        decision_date=dt.date(2020, 3, 1),
    )
    cluster_year = cluster_year_setup(
        actor=board, cluster=cluster, year=2024, members=[tree.town, tree.other_district]
    )
    scoring_confirm(actor=board, cluster_year=cluster_year, override_reason="Thử tờ trình")
    vote_record(
        actor=board,
        cluster_year=cluster_year,
        award=awards["CO_TINH"],
        unit=tree.town,
        votes_in_favour=5,
        voters=6,
    )
    return cluster_year


def _texts(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_board_makes_the_proposal_once_from_the_clusters_page(voted, board, tree):
    client = client_for(board)
    url = reverse("proposal_from_votes", args=[voted.pk])
    page = reverse("cluster_year_detail", args=[voted.pk])
    assert url == f"/awards/proposals/from-votes/{voted.pk}/"
    assert f'action="{url}"' in client.get(page).content.decode()
    response = client.post(url)
    assert (response.status_code, response["Location"]) == (302, page)
    assert _texts(response) == ["Đã lập tờ trình theo kết quả bỏ phiếu."]
    proposal = Proposal.objects.get(cluster_year=voted)
    assert (proposal.unit, proposal.year, client.session["last_proposal"]) == (
        tree.province,
        2024,
        proposal.pk,
    )
    assert list(proposal.items.values_list("unit__name", "award__code")) == [
        ("Thị xã Kỳ Anh", "CO_TINH")
    ]
    client.get(page)  # the message shown
    changes = ObjectChange.objects.count()
    again = client.post(url)
    assert again.status_code == 302
    assert _texts(again) == [
        f"Chưa lưu gì: Tờ trình từ kết quả bỏ phiếu đã được lập: {proposal.title}."
    ]
    assert (Proposal.objects.count(), ObjectChange.objects.count()) == (1, changes)
    assert client.get(url).status_code == 405


def test_a_member_board_may_not_make_the_clusters_proposal(voted, tree, make_user):
    town_board = make_user("town_board_of_cluster", Role.BOARD, tree.town)
    changes = ObjectChange.objects.count()
    response = client_for(town_board).post(reverse("proposal_from_votes", args=[voted.pk]))
    assert response.status_code == 403
    assert (Proposal.objects.count(), ProposalItem.objects.count()) == (0, 0)
    assert ObjectChange.objects.count() == changes
