"""The checker's facts for a whole proposal come in a fixed number of queries: adding an item to a
proposal of 1, 10 or 40 items (persons and collectives of a cluster) and checking it again cost
the same, the cluster's ranking computed once per check; and the verdicts are those of reading
each item's facts one by one, as before."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chitieu.awards.models import (
    AnnualRating,
    AwardRecord,
    Initiative,
    Matter,
    Person,
    ProposalItem,
)
from chitieu.awards.people.services import award_record_create, person_create
from chitieu.awards.proposals.checking import proposal_check
from chitieu.awards.proposals.services import proposal_create, proposal_item_add
from chitieu.awards.rules import eligibility as el
from chitieu.awards.rules import facts
from chitieu.emulation.selectors import cluster_ranking
from chitieu.emulation.services import cluster_create, cluster_year_setup
from chitieu.testing import fixture_row
from chitieu.units.models import UnitType
from chitieu.units.services import unit_create

pytestmark = pytest.mark.django_db

YEAR = 2024


class Cluster:
    """A cluster of the province with `size` communes of the town, each with one person who has
    a history, ratings, an initiative and (every third) an open complaint."""

    def __init__(self, tree, superuser, board, awards, size: int, name: str = "Cụm thử") -> None:
        self.tree, self.board, self.awards = tree, board, awards
        self.units = [
            unit_create(
                actor=superuser,
                name=f"Xã {name} {index}",
                type=UnitType.COMMUNE,
                parent=tree.town,
            )
            for index in range(size)
        ]
        cluster = cluster_create(
            actor=board,
            organiser=tree.province,
            name=name,
            kind="khoi",
            decision_number="1/QĐ",
            decision_date=dt.date(2024, 1, 2),
        )
        self.cluster_year = cluster_year_setup(
            actor=board, cluster=cluster, year=YEAR, members=self.units
        )
        self.people = []
        for index, unit in enumerate(self.units):
            person = person_create(
                actor=board, unit=unit, full_name=f"Người {index}", sex="nu" if index % 2 else "nam"
            )
            fixture_row(AnnualRating, person=person, year=YEAR, rating="HTXS")
            fixture_row(AnnualRating, person=person, year=YEAR - 1, rating="HTT")
            fixture_row(AnnualRating, unit=unit, year=YEAR, rating="HTXS")
            fixture_row(Initiative, person=person, title="Sáng kiến", year=YEAR, scope="tinh")
            if index % 3 == 0:
                fixture_row(Matter, person=person, kind="khieu_nai", year=YEAR)
            award_record_create(
                actor=board,
                award=awards["CSTDCS"],
                year=YEAR - 1,
                decision_number="9/QĐ",
                decision_date=dt.date(YEAR, 1, 10),
                person=person,
            )
            self.people.append(person)

    def proposal(self, items: int):
        """A proposal of the cluster holding `items` items, persons and collectives in turn."""
        proposal = proposal_create(
            actor=self.board,
            unit=self.tree.province,
            year=YEAR,
            title=f"Tờ trình {items}",
            cluster_year=self.cluster_year,
        )
        for index in range(items):
            self.add(proposal, index)
        return proposal

    def add(self, proposal, index: int) -> ProposalItem:
        slot = index // 2 % len(self.units)
        if index % 2 == 0:
            person = self.people[slot]
            return proposal_item_add(
                actor=self.board,
                proposal=proposal,
                award=self.awards["LDTT" if index % 4 == 0 else "CSTDCS"],
                person=person,
                votes_in_favour=9,
                council_members=10,
                initiatives=list(person.initiatives.all()),
            )
        return proposal_item_add(
            actor=self.board,
            proposal=proposal,
            award=self.awards["CO_TINH" if index % 4 == 1 else "TTLDTT"],
            unit=self.units[slot],
            votes_in_favour=8,
            council_members=10,
        )


def _queries(action) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured.captured_queries)


def test_adding_and_checking_take_the_same_queries_for_1_10_and_40_items(
    tree, superuser, board, awards
):
    adding_person, adding_collective, checking = {}, {}, {}
    for size in (1, 10, 40):
        world = Cluster(tree, superuser, board, awards, size=20, name=f"Khối {size}")
        proposal = world.proposal(size)
        # A collective first: with a proposal of one person, both kinds are then on it.
        adding_collective[size] = _queries(lambda w=world, p=proposal: w.add(p, 3))
        adding_person[size] = _queries(lambda w=world, p=proposal: w.add(p, 2))
        checking[size] = _queries(lambda p=proposal: proposal_check(proposal=p))
        assert proposal.items.count() == size + 2
    assert adding_person[1] == adding_person[10] == adding_person[40]
    assert adding_collective[1] == adding_collective[10] == adding_collective[40]
    assert checking[1] == checking[10] == checking[40]


# -- the same verdicts as reading each item's facts one by one --------------------------------


def _one_by_one_person(person: Person) -> el.Candidate:
    """The facts of one person as the checker read them before, item by item."""
    return el.Candidate(
        name=person.full_name,
        is_collective=False,
        history=tuple(
            el.AwardFact(record.award.code, record.year, record.counts_for_merit)
            for record in person.awards.select_related("award")
        ),
        ratings={rating.year: rating.rating for rating in person.ratings.all()},
        initiatives=tuple(
            el.InitiativeFact(item.pk, item.year, item.scope, item.used_for_id is not None)
            for item in person.initiatives.filter(is_research=False)
        ),
        research_years=tuple(item.year for item in person.initiatives.filter(is_research=True)),
        pending=tuple(m.get_kind_display() for m in person.matters.all() if m.closed_on is None),
        is_woman=person.sex == "nu",
    )


def _one_by_one_collective(unit, rank, exceeded) -> el.Candidate:
    members = list(Person.objects.filter(unit=unit))
    ids = [member.pk for member in members]
    titles = list(
        AwardRecord.objects.filter(person_id__in=ids, year=YEAR).values_list(
            "person_id", "award__code"
        )
    )
    proposed = list(
        ProposalItem.objects.filter(person_id__in=ids, proposal__year=YEAR, eligible=True)
        .exclude(proposal__status__in=["returned", "decided"])
        .values_list("person_id", "award__code")
    )
    ratings = dict(
        AnnualRating.objects.filter(person_id__in=ids, year=YEAR).values_list("person_id", "rating")
    )
    return el.Candidate(
        name=unit.name,
        is_collective=True,
        history=tuple(
            el.AwardFact(r.award.code, r.year, r.counts_for_merit)
            for r in AwardRecord.objects.filter(unit=unit).select_related("award")
        ),
        ratings=dict(AnnualRating.objects.filter(unit=unit).values_list("year", "rating")),
        pending=tuple(
            m.get_kind_display() for m in Matter.objects.filter(unit=unit) if m.closed_on is None
        ),
        members=el.MembersFacts(
            total=len(members),
            advanced_workers=len({p for p, code in titles + proposed if code == "LDTT"}),
            completing_tasks=sum(1 for r in ratings.values() if el.RATING_ORDER[r] >= 1),
            base_emulation_fighters=len({p for p, code in titles + proposed if code == "CSTDCS"}),
            serious_discipline=Matter.objects.filter(
                person_id__in=ids, kind="ky_luat", year=YEAR, level__in=el.SERIOUS_DISCIPLINE
            )
            .values("person_id")
            .distinct()
            .count(),
            women=sum(1 for member in members if member.sex == "nu"),
        ),
        cluster_rank=rank,
        targets_exceeded=exceeded,
    )


def test_the_facts_gathered_at_once_are_those_read_one_by_one(tree, superuser, board, awards):
    world = Cluster(tree, superuser, board, awards, size=4)
    proposal = world.proposal(8)
    fixture_row(Matter, unit=world.units[1], kind="thanh_tra", year=YEAR)
    fixture_row(
        Matter, person=world.people[2], kind="ky_luat", level="canh_cao", year=YEAR, note=""
    )
    ranking = {
        row.unit.pk: (row.rank, row.targets_exceeded) for row in cluster_ranking(world.cluster_year)
    }
    people = facts.person_candidates(world.people)
    collectives = facts.collective_candidates(
        world.units, YEAR, facts.cluster_standings(world.cluster_year)
    )
    assert people == {person.pk: _one_by_one_person(person) for person in world.people}
    assert collectives == {
        unit.pk: _one_by_one_collective(unit, *ranking[unit.pk]) for unit in world.units
    }
    assert proposal.items.count() == 8


def test_the_verdicts_of_a_mixed_proposal_are_exact(tree, superuser, board, awards):
    world = Cluster(tree, superuser, board, awards, size=2)
    proposal = world.proposal(4)
    fixture_row(Matter, unit=world.units[1], kind="thanh_tra", year=YEAR)
    proposal_check(proposal=proposal)
    found = [
        (item.award.code, item.eligible, [f["condition"] for f in item.findings if not f["met"]])
        for item in proposal.items.select_related("award").order_by("id")
    ]
    rank_of_first = {row.unit.pk: row.rank for row in cluster_ranking(world.cluster_year)}[
        world.units[0].pk
    ]
    leading = [] if rank_of_first == 1 else ["co_tinh_leading"]
    assert found == [
        # Người 0: rated HTXS, but an open complaint holds every award back.
        ("LDTT", False, ["no_pending"]),
        # The first commune has no targets met and exceeded; its 8/10 votes reach the 80% needed.
        ("CO_TINH", False, [*leading, "co_tinh_targets"]),
        # Người 1: Lao động tiên tiến not proposed nor held this year.
        ("CSTDCS", False, ["cstdcs_ldtt"]),
        # The second commune: an inspection under way; 0 of its 1 member proposed as Lao động tiên tiến.
        ("TTLDTT", False, ["no_pending", "ttldtt_share"]),
    ]
    messages = [f["message"] for item in proposal.items.order_by("id") for f in item.findings]
    assert "Đang có khiếu nại chưa giải quyết xong: chưa xét khen thưởng." in messages
    assert "Đang có thanh tra chưa giải quyết xong: chưa xét khen thưởng." in messages
    assert "0/1 thành viên (0%) đạt Lao động tiên tiến; cần từ 70%." in messages
