"""Nobody reviews their own unit's proposal: a province's own proposal (not a cluster's) is not
for the province's Board to review, return, forward or put before the Committee; only a system
administrator may. A denied step changes nothing."""

import pytest
from django.core.exceptions import PermissionDenied

from chitieu.awards.models import AnnualRating, ProposalStatus, ProposalStep
from chitieu.awards.people.services import person_create
from chitieu.awards.proposals.services import (
    proposal_create,
    proposal_item_add,
    proposal_return,
    proposal_review,
    proposal_submit,
    proposal_to_committee,
)
from chitieu.core.models import ObjectChange

# Rows set up directly (bench generators, ratings, policies): the audit tripwire is off here.
pytestmark = pytest.mark.unaudited


@pytest.fixture
def provinces_own(tree, board, awards):
    """The province's Board proposes one of the province's own staff and sends it."""
    person = person_create(actor=board, unit=tree.province, full_name="Lê Thị Hoa", sex="nu")
    AnnualRating.objects.create(person=person, year=2024, rating="HTXS")
    proposal = proposal_create(actor=board, unit=tree.province, year=2024, title="Cấp tỉnh")
    proposal_item_add(actor=board, proposal=proposal, award=awards["LDTT"], person=person)
    proposal_submit(actor=board, proposal=proposal)
    return proposal


def test_a_province_board_may_not_review_its_own_proposal(provinces_own, board):
    steps, changes = ProposalStep.objects.count(), ObjectChange.objects.count()
    with pytest.raises(PermissionDenied, match="Chỉ quản trị hệ thống"):
        proposal_review(actor=board, proposal=provinces_own, comment="Tự thẩm định")
    with pytest.raises(PermissionDenied):
        proposal_return(actor=board, proposal=provinces_own, comment="Tự trả lại")
    provinces_own.refresh_from_db()
    assert provinces_own.status == ProposalStatus.SUBMITTED
    assert (ProposalStep.objects.count(), ObjectChange.objects.count()) == (steps, changes)


def test_a_system_administrator_reviews_a_provinces_own_proposal(provinces_own, board, superuser):
    proposal_review(actor=superuser, proposal=provinces_own, comment="Đã thẩm định")
    provinces_own.refresh_from_db()
    assert provinces_own.status == ProposalStatus.REVIEWED
    # Nor may the province's Board take the next step on it.
    with pytest.raises(PermissionDenied):
        proposal_to_committee(actor=board, proposal=provinces_own)
    provinces_own.refresh_from_db()
    assert provinces_own.status == ProposalStatus.REVIEWED
    assert list(
        ProposalStep.objects.filter(proposal=provinces_own).values_list(
            "to_status", "actor__username"
        )
    ) == [("submitted", "board"), ("reviewed", "root")]


def test_the_same_board_reviews_a_towns_proposal(tree, board, town_board, awards):
    # The rule is about whose proposal it is, not about the Board: the town's goes to it.
    person = person_create(actor=town_board, unit=tree.town, full_name="Trần Văn An", sex="nam")
    AnnualRating.objects.create(person=person, year=2024, rating="HTT")
    proposal = proposal_create(actor=town_board, unit=tree.town, year=2024, title="Thị xã")
    proposal_item_add(actor=town_board, proposal=proposal, award=awards["LDTT"], person=person)
    proposal_submit(actor=town_board, proposal=proposal)
    proposal_review(actor=board, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REVIEWED
