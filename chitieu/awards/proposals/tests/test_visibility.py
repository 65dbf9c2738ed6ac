"""Who sees a proposal: the list's rule (`proposals_visible_to`, a queryset) and the rule for one
proposal (`can_view_proposal`, which the cluster's page asks, since emulation cannot import
awards) answer alike for every role, unit and state."""

import pytest

from chitieu.accounts.models import Role
from chitieu.accounts.permissions import can_view_proposal
from chitieu.awards.models import AnnualRating, Proposal
from chitieu.awards.people.services import person_create
from chitieu.awards.proposals.selectors import proposals_visible_to
from chitieu.awards.proposals.services import (
    proposal_create,
    proposal_forward,
    proposal_item_add,
    proposal_review,
    proposal_submit,
)
from chitieu.testing import fixture_row

pytestmark = pytest.mark.django_db


def _sent(actor, unit, awards, title):
    person = person_create(actor=actor, unit=unit, full_name=f"Người của {title}", sex="nu")
    fixture_row(AnnualRating, person=person, year=2024, rating="HTXS")
    proposal = proposal_create(actor=actor, unit=unit, year=2024, title=title)
    proposal_item_add(actor=actor, proposal=proposal, award=awards["LDTT"], person=person)
    proposal_submit(actor=actor, proposal=proposal)
    return proposal


def test_the_list_and_the_single_proposal_rules_agree(tree, superuser, board, awards, make_user):
    commune_board = make_user("commune_board", Role.BOARD, tree.commune_a)
    town_board = make_user("town_board", Role.BOARD, tree.town)
    proposal_create(actor=commune_board, unit=tree.commune_a, year=2024, title="Nháp của phường")
    _sent(commune_board, tree.commune_a, awards, "Phường đã gửi")
    forwarded = _sent(superuser, tree.commune_b, awards, "Xã chuyển lên")
    proposal_review(actor=town_board, proposal=forwarded)
    proposal_forward(actor=town_board, proposal=forwarded)
    _sent(board, tree.other_district, awards, "Huyện khác")
    proposal_create(actor=town_board, unit=tree.town, year=2024, title="Nháp của thị xã")
    users = [
        superuser,
        board,
        town_board,
        commune_board,
        make_user("viewer", Role.VIEWER, tree.town),
        make_user("reporter", Role.REPORTER, tree.commune_a),
        make_user("other_board", Role.BOARD, tree.other_district),
        make_user("nobody"),
    ]
    proposals = list(Proposal.objects.select_related("unit__parent", "considered_at"))
    assert len(proposals) == 5
    seen = {}
    for user in users:
        listed = set(proposals_visible_to(user).values_list("title", flat=True))
        assert listed == {p.title for p in proposals if can_view_proposal(user, p)}, user
        seen[user.username] = len(listed)
    assert seen == {
        "root": 5,
        "board": 5,
        "town_board": 4,
        "commune_board": 2,
        "viewer": 4,
        "reporter": 2,
        "other_board": 1,
        "nobody": 0,
    }
