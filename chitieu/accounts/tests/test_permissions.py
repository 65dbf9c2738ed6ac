"""The rules of accounts/permissions.py, one by one: the scoping of roles to unit subtrees and the
named object rules that services, views and templates all ask."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from chitieu.accounts import permissions as p
from chitieu.accounts.models import Role
from chitieu.awards.models import Proposal


@pytest.fixture
def people(make_user, tree, superuser):
    return {
        "root": superuser,
        "province_board": make_user("pb", Role.BOARD, tree.province),
        "town_board": make_user("tb", Role.BOARD, tree.town),
        "other_board": make_user("ob", Role.BOARD, tree.other_district),
        "town_planner": make_user("tp", Role.PLANNER, tree.town),
        "reporter": make_user("ra", Role.REPORTER, tree.commune_a),
        "viewer": make_user("vw", Role.VIEWER, tree.town),
    }


def test_scope_covers_the_subtrees_of_the_roles_that_hold_the_capability(people, tree):
    assert p.scope_paths(people["root"], p.Capability.VIEW) is None
    assert p.scope_paths(AnonymousUser(), p.Capability.VIEW) == []
    assert p.scope_paths(people["reporter"], p.Capability.ENTER_ACTUALS) == [tree.commune_a.path]
    assert p.scope_paths(people["reporter"], p.Capability.APPROVE_ACTUALS) == []
    assert p.has_capability(people["town_planner"], p.Capability.MANAGE_TARGETS, tree.commune_b)
    assert not p.has_capability(people["town_planner"], p.Capability.MANAGE_TARGETS, tree.province)
    assert not p.has_capability(people["viewer"], p.Capability.ENTER_ACTUALS, tree.town)


def test_no_role_holds_an_object_capability_as_such():
    for capabilities in p.ROLE_CAPABILITIES.values():
        assert not capabilities & p.OBJECT_CAPABILITIES


def test_a_proposal_is_edited_by_its_units_board_only_while_in_its_hands(people, tree):
    draft = Proposal(unit=tree.town, status="draft")
    allowed = {name for name, user in people.items() if p.can_edit_proposal(user, draft)}
    assert allowed == {"root", "province_board", "town_board"}
    assert p.can_justify(people["town_board"], Proposal(unit=tree.town, status="returned"))
    for status in ("submitted", "reviewed", "committee", "decided"):
        sent = Proposal(unit=tree.town, status=status, considered_at=tree.province)
        assert not any(p.can_edit_proposal(user, sent) for user in people.values()), status
        assert not p.can_justify(people["root"], sent)


def test_the_board_of_the_level_holding_a_proposal_reviews_it(people, tree):
    at_town = Proposal(unit=tree.commune_a, status="submitted", considered_at=tree.town)
    reviewers = {name for name, user in people.items() if p.can_review(user, at_town)}
    assert reviewers == {"root", "province_board", "town_board"}
    assert not p.can_decide(people["town_board"], at_town)
    reviewed = Proposal(unit=tree.commune_a, status="reviewed", considered_at=tree.town)
    assert p.can_forward(people["town_board"], reviewed)
    assert p.can_put_to_committee(people["town_board"], reviewed)
    assert p.can_return(people["town_board"], reviewed)
    assert not p.can_review(people["town_board"], reviewed)
    at_committee = Proposal(unit=tree.commune_a, status="committee", considered_at=tree.town)
    assert p.can_decide(people["town_board"], at_committee)
    assert not p.can_decide(people["other_board"], at_committee)


def test_a_province_board_may_not_review_its_own_proposal(people, tree):
    own = Proposal(unit=tree.province, status="submitted", considered_at=tree.province)
    assert p.reviewing_level(own) == tree.province
    assert not p.is_reviewer(people["province_board"], own)
    assert not p.can_review(people["province_board"], own)
    assert p.can_review(people["root"], own)


def test_a_proposal_at_the_province_cannot_be_forwarded(people, tree):
    reviewed = Proposal(unit=tree.town, status="reviewed", considered_at=tree.province)
    assert p.can_put_to_committee(people["province_board"], reviewed)
    assert not p.can_forward(people["province_board"], reviewed)


def test_approval_belongs_to_the_level_above_and_a_province_to_the_administrator(people, tree):
    assert p.can_approve(people["town_planner"], tree.commune_a)
    assert not p.can_approve(people["town_planner"], tree.town)
    assert not p.can_approve(people["reporter"], tree.commune_a)
    assert not p.can_approve(people["town_planner"], tree.province)
    assert p.can_approve(people["root"], tree.province)
    assert p.can_enter_actuals(people["reporter"], tree.commune_a)
    assert not p.can_enter_actuals(people["reporter"], tree.commune_b)
    assert p.can_edit_targets(people["town_planner"], tree.commune_b)
    assert not p.can_edit_targets(people["viewer"], tree.town)


def test_only_the_administrator_adds_a_province_or_adjusts_the_installations_layouts(
    people, tree, awards
):
    from chitieu.awards.models import BlankLayout

    assert p.can_add_unit(people["root"], None)
    assert not p.can_add_unit(people["province_board"], None)
    installation = BlankLayout(name="Phôi", award=awards["BK_TINH"])
    assert p.can_adjust_layout(people["root"], installation)
    assert not p.can_adjust_layout(people["province_board"], installation)
    copy = BlankLayout(name="Phôi", award=awards["BK_TINH"], unit=tree.town)
    assert p.can_adjust_layout(people["town_board"], copy)
    assert not p.can_adjust_layout(people["other_board"], copy)


def test_scoring_stages_belong_to_the_member_the_chair_and_the_organiser(people, tree, superuser):
    import datetime as dt

    from chitieu.emulation.models import ClusterMember
    from chitieu.emulation.services import cluster_create, cluster_year_setup

    cluster = cluster_create(
        actor=superuser,
        organiser=tree.province,
        name="Cụm",
        kind="cum",
        decision_number="1",
        decision_date=dt.date(2021, 1, 1),
    )
    year = cluster_year_setup(
        actor=superuser,
        cluster=cluster,
        year=2021,
        members=[tree.town, tree.other_district],
        chair=tree.other_district,
    )
    town = ClusterMember.objects.get(cluster_year=year, unit=tree.town)

    def stages(name):
        return [s for s in p.SCORING_STAGES if p.can_score(people[name], town, s)]

    assert stages("town_board") == ["self"]
    assert stages("other_board") == ["cluster"]  # the chair's Board
    assert stages("province_board") == ["self", "cluster", "board"]
    assert stages("reporter") == stages("viewer") == []
    assert p.can_sign(people["town_board"], town)
    assert not p.can_sign(people["other_board"], town)
    assert not p.can_score(people["root"], town, "nonsense")
    assert p.can_vote(people["province_board"], year)
    assert not p.can_vote(people["town_board"], year)


def test_access_proposal_answers_404_outside_the_scope_and_403_without_the_capability(people, tree):
    from chitieu.awards.proposals.selectors import access_proposal
    from chitieu.awards.proposals.services import proposal_create

    draft = proposal_create(actor=people["root"], unit=tree.town, year=2024, title="Tờ trình")
    assert access_proposal(people["viewer"], draft.pk) == draft
    with pytest.raises(p.PermissionDenied):
        access_proposal(people["viewer"], draft.pk, p.Capability.EDIT)
    assert access_proposal(people["town_board"], draft.pk, p.Capability.EDIT) == draft
    with pytest.raises(p.PermissionDenied):
        access_proposal(people["town_board"], draft.pk, p.Capability.REVIEW)
    with pytest.raises(Http404):
        access_proposal(people["other_board"], draft.pk)
    with pytest.raises(Http404):
        access_proposal(people["viewer"], "abc")
