"""The commendation API: proposals with where they stand, decisions with their lists, scoped as
the pages are."""

import datetime as dt

import pytest
from django.test import Client

from chitieu.accounts.services import token_create
from chitieu.awards.models import AnnualRating
from chitieu.awards.people.services import person_create
from chitieu.awards.proposals.services import proposal_create, proposal_item_add, proposal_submit
from chitieu.testing import fixture_row, review_and_decide


def get(user, path):
    _token, key = token_create(actor=user, name="test")
    return Client().get(path, HTTP_AUTHORIZATION=f"Bearer {key}")


def test_proposals_and_decisions_through_the_api(tree, town_board, board, reporter_a, awards):
    lan = person_create(actor=town_board, unit=tree.town, full_name="Nguyễn Thị Lan", sex="nu")
    fixture_row(AnnualRating, person=lan, year=2024, rating="HTT")
    proposal = proposal_create(actor=town_board, unit=tree.town, year=2024, title="Năm 2024")
    proposal_item_add(actor=town_board, proposal=proposal, award=awards["LDTT"], person=lan)
    proposal_submit(actor=town_board, proposal=proposal)

    (listed,) = get(board, "/api/awards/proposals?year=2024").json()
    assert (listed["status"], listed["considered_at_id"]) == ("submitted", tree.province.pk)
    assert get(board, "/api/awards/decisions?year=2024").json() == []

    decision = review_and_decide(
        board,
        proposal,
        "12/QĐ-UBND",
        dt.date(2025, 1, 15),
        issuer="Chủ tịch UBND tỉnh Hà Tĩnh",
        signer="Võ Trọng Hải",
    )
    assert get(town_board, "/api/awards/decisions?year=2024").json() == [
        {
            "number": "12/QĐ-UBND",
            "date": "2025-01-15",
            "issuer": "Chủ tịch UBND tỉnh Hà Tĩnh",
            "id": decision.pk,
            "signer": "Võ Trọng Hải",
            "unit_id": tree.province.pk,
            "proposal_id": proposal.pk,
            "awards": [
                {
                    "award": "LDTT",
                    "person_id": lan.pk,
                    "person": "Nguyễn Thị Lan",
                    "unit_id": None,
                    "unit": None,
                    "cash": "710000",  # 0,3 × 2.340.000 = 702.000, rounded up to 10.000 đồng
                }
            ],
        }
    ]
    assert get(board, f"/api/awards/proposals/{proposal.pk}").json()["decision"] == {
        "number": "12/QĐ-UBND",
        "date": "2025-01-15",
        "issuer": "Chủ tịch UBND tỉnh Hà Tĩnh",
    }
    # A ward's reporter sees neither the town's proposal nor its decision.
    assert get(reporter_a, "/api/awards/proposals").json() == []
    assert get(reporter_a, "/api/awards/decisions").json() == []
    assert get(reporter_a, f"/api/awards/proposals/{proposal.pk}").status_code == 404


@pytest.mark.parametrize("size", [1, 3])
def test_the_decisions_take_a_fixed_number_of_queries(
    tree, town_board, board, awards, size, django_assert_num_queries
):
    for index in range(size):
        person = person_create(
            actor=town_board, unit=tree.town, full_name=f"Người {index}", sex="nu"
        )
        fixture_row(AnnualRating, person=person, year=2024, rating="HTT")
        proposal = proposal_create(actor=town_board, unit=tree.town, year=2024, title=f"{index}")
        proposal_item_add(actor=town_board, proposal=proposal, award=awards["LDTT"], person=person)
        proposal_submit(actor=town_board, proposal=proposal)
        review_and_decide(board, proposal, f"{index}/QĐ", dt.date(2025, 1, 15))
    _token, key = token_create(actor=board, name="test")
    client = Client()
    # token, its last use, memberships; decisions, their awards, kinds, people (collectives'
    # units would be one more, whatever their number)
    with django_assert_num_queries(7):
        response = client.get("/api/awards/decisions", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert len(response.json()) == size
