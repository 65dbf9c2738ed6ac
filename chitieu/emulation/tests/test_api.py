"""The emulation API: a cluster's year, its ranking and every score, scoped as the pages are."""

from decimal import Decimal as D

from django.test import Client

from chitieu.accounts.services import token_create
from chitieu.emulation.models import Stage
from chitieu.emulation.services import score_set


def get(user, path):
    _token, key = token_create(actor=user, name="test")
    return Client().get(path, HTTP_AUTHORIZATION=f"Bearer {key}")


def test_a_cluster_its_ranking_and_its_scores(cluster_year, tree, board, reporter_a):
    plan = cluster_year.scoring_table.criteria.get(code="I.1")
    for unit, points in ((tree.town, "18"), (tree.other_district, "19.5")):
        member = cluster_year.members.get(unit=unit)
        score_set(actor=board, member=member, criterion=plan, stage=Stage.SELF, points=D(points))
        score_set(actor=board, member=member, criterion=plan, stage=Stage.BOARD, points=D(points))

    listed = get(board, "/api/clusters?year=2021").json()
    assert listed == [
        {
            "id": cluster_year.pk,
            "cluster": "Cụm thi đua số 1",
            "year": 2021,
            "chair": "Thị xã Kỳ Anh",
            "deputy": "Huyện Cẩm Xuyên",
        }
    ]
    ranking = get(board, f"/api/clusters/{cluster_year.pk}").json()["ranking"]
    # Board points plus the computed criterion II: 5 per main target met, 1 more if exceeded.
    assert [(r["rank"], r["unit"], r["points"], r["targets_met"]) for r in ranking] == [
        (1, "Thị xã Kỳ Anh", "30.00", 2),  # 18 + 2 × (5 + 1)
        (2, "Huyện Cẩm Xuyên", "25.50", 1),  # 19,5 + 5 + 1
    ]
    scores = get(board, f"/api/clusters/{cluster_year.pk}/scores").json()
    assert [(s["unit"], s["criterion"], s["stage"], s["points"]) for s in scores] == [
        ("Huyện Cẩm Xuyên", "I.1", "board", "19.50"),
        ("Huyện Cẩm Xuyên", "I.1", "self", "19.50"),
        ("Thị xã Kỳ Anh", "I.1", "board", "18.00"),
        ("Thị xã Kỳ Anh", "I.1", "self", "18.00"),
    ]

    # A ward's reporter is neither the organiser nor a member: nothing to see.
    assert get(reporter_a, "/api/clusters").json() == []
    assert get(reporter_a, f"/api/clusters/{cluster_year.pk}/scores").status_code == 404
