"""The form that sets a cluster's year up starts from last year, offers the organiser's units
of the year, and is only for the organiser's Board."""

import datetime as dt

import pytest
from django.http import Http404

from chitieu.accounts.permissions import PermissionDenied
from chitieu.emulation.selectors import cluster_year_setup as setup_page
from chitieu.emulation.services import cluster_create, cluster_year_setup


@pytest.fixture
def cluster(tree, board):
    return cluster_create(
        actor=board,
        organiser=tree.province,
        name="Cụm 1",
        kind="cum",
        decision_number="1",
        decision_date=dt.date(2020, 1, 1),
    )


def test_next_year_starts_from_last_years_members_and_offers_the_units_of_the_year(
    tree, board, cluster
):
    cluster_year_setup(
        actor=board, cluster=cluster, year=2021, members=[tree.town], chair=tree.town
    )
    page = setup_page(board, cluster.pk, 2022)
    assert (page.cluster, page.organiser) == (cluster, tree.province)
    assert page.initial == {
        "members": [tree.town.pk],
        "chair": tree.town.pk,
        "deputy": None,
        "scoring_table": None,
        "agreement_text": "",
    }
    # a "cụm" holds the units directly under the organiser that exist at the year's end
    assert [unit.name for unit in page.candidates] == ["Huyện Cẩm Xuyên", "Thị xã Kỳ Anh"]
    assert list(page.tables) == []
    assert setup_page(board, cluster.pk, 2020).initial == {}


def test_only_the_organisers_board_opens_the_setup(tree, planner, reporter_a, cluster):
    with pytest.raises(PermissionDenied):
        setup_page(planner, cluster.pk, 2022)
    with pytest.raises(Http404):
        setup_page(reporter_a, cluster.pk, 2022)
    with pytest.raises(Http404):
        setup_page(planner, 999_999, 2022)
