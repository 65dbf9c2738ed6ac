"""From the database to the checker's plain facts: the rule set of a year, and for a whole
proposal the history, ratings, initiatives, pending matters and members of every person and
collective on it, in a fixed number of queries whatever the number of items."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from chitieu.awards.models import (
    AnnualRating,
    AwardRecord,
    CommendationType,
    Initiative,
    Matter,
    PendingKind,
    Person,
    ProposalItem,
    ProvinceRule,
    RuleSet,
)
from chitieu.awards.rules import eligibility as el
from chitieu.emulation.models import ClusterYear
from chitieu.emulation.selectors import cluster_ranking
from chitieu.units.lineage import ancestries_of
from chitieu.units.models import Unit

NOT_FOR_MERIT = (CommendationType.SUDDEN, CommendationType.THEME)
PENDING_LABELS = dict(PendingKind.choices)


def rule_sets() -> list[el.RuleSet]:
    return [
        el.RuleSet(r.code, r.name, r.valid_from, r.valid_to, r.parameters, r.articles)
        for r in RuleSet.objects.all()
    ]


def rule_set_model_for(year: int) -> RuleSet:
    chosen = el.rule_set_for(year, rule_sets())
    return RuleSet.objects.get(code=chosen.code)


def checker_for(year: int, unit: Unit) -> el.Checker:
    rules = el.rule_set_for(year, rule_sets())
    province_id = int(unit.path.strip("/").split("/")[0])
    extra = ProvinceRule.objects.filter(unit_id=province_id, rule_set__code=rules.code).first()
    return el.Checker(rules, extra.parameters if extra else None)


def _award_fact(code: str, year: int, commendation_type: str) -> el.AwardFact:
    return el.AwardFact(code, year, commendation_type not in NOT_FOR_MERIT)


def _pending(rows: Iterable[tuple[str, object]]) -> tuple[str, ...]:
    """The labels of the matters not yet closed, from (kind, closed_on) in the order kept."""
    return tuple(str(PENDING_LABELS.get(kind, kind)) for kind, closed in rows if closed is None)


def person_candidates(persons: Sequence[Person]) -> dict[int, el.Candidate]:
    """Each person's facts, by id: four queries for any number of persons."""
    ids = {person.pk for person in persons}
    history: dict[int, list[el.AwardFact]] = defaultdict(list)
    for person_id, code, year, kind in AwardRecord.objects.filter(person_id__in=ids).values_list(
        "person_id", "award__code", "year", "commendation_type"
    ):
        history[person_id].append(_award_fact(code, year, kind))
    ratings: dict[int, dict[int, str]] = defaultdict(dict)
    for person_id, year, rating in AnnualRating.objects.filter(person_id__in=ids).values_list(
        "person_id", "year", "rating"
    ):
        ratings[person_id][year] = rating
    initiatives: dict[int, list[el.InitiativeFact]] = defaultdict(list)
    research: dict[int, list[int]] = defaultdict(list)
    for person_id, pk, year, scope, used_for, is_research in (
        Initiative.objects.filter(person_id__in=ids)
        .order_by("pk")
        .values_list("person_id", "pk", "year", "scope", "used_for_id", "is_research")
    ):
        if is_research:
            research[person_id].append(year)
        else:
            initiatives[person_id].append(el.InitiativeFact(pk, year, scope, used_for is not None))
    matters: dict[int, list[tuple[str, object]]] = defaultdict(list)
    for person_id, kind, closed in (
        Matter.objects.filter(person_id__in=ids)
        .order_by("pk")
        .values_list("person_id", "kind", "closed_on")
    ):
        matters[person_id].append((kind, closed))
    return {
        person.pk: el.Candidate(
            name=person.full_name,
            is_collective=False,
            history=tuple(history[person.pk]),
            ratings=ratings[person.pk],
            initiatives=tuple(initiatives[person.pk]),
            research_years=tuple(research[person.pk]),
            pending=_pending(matters[person.pk]),
            is_woman=person.sex == "nu",
        )
        for person in persons
    }


Standing = tuple[int | None, bool | None]  # rank in the cluster, all main targets exceeded


def cluster_standings(cluster_year: ClusterYear | None) -> dict[int, Standing]:
    """Each member's rank and whether it exceeded its targets, by unit id: the ranking of the
    cluster's year computed once."""
    if cluster_year is None:
        return {}
    return {row.unit.pk: (row.rank, row.targets_exceeded) for row in cluster_ranking(cluster_year)}


@dataclass
class _Members:
    total: int = 0
    women: int = 0


def collective_candidates(
    units: Sequence[Unit], year: int, standings: dict[int, Standing]
) -> dict[int, el.Candidate]:
    """Each collective's facts for `year`, by unit id; a collective's history includes the units
    that went into it whole. A fixed number of queries for any number of collectives."""
    ids = {unit.pk for unit in units}
    whole = {
        pk: {pred for pred, (_unit, is_whole) in ancestry.predecessors.items() if is_whole}
        for pk, ancestry in ancestries_of(list(units)).items()
    }
    history: dict[int, list[el.AwardFact]] = defaultdict(list)
    owners = ids | {pred for preds in whole.values() for pred in preds}
    for unit_id, code, record_year, kind in AwardRecord.objects.filter(
        unit_id__in=owners
    ).values_list("unit_id", "award__code", "year", "commendation_type"):
        history[unit_id].append(_award_fact(code, record_year, kind))
    members: dict[int, _Members] = defaultdict(_Members)
    for unit_id, sex in Person.objects.filter(unit_id__in=ids).values_list("unit_id", "sex"):
        members[unit_id].total += 1
        members[unit_id].women += sex == "nu"
    ldtt: dict[int, set[int]] = defaultdict(set)
    fighters: dict[int, set[int]] = defaultdict(set)
    titles = AwardRecord.objects.filter(person__unit_id__in=ids, year=year).values_list(
        "person__unit_id", "person_id", "award__code"
    )
    # Members already proposed in a list still under way count like the titles they would get.
    proposed = (
        ProposalItem.objects.filter(person__unit_id__in=ids, proposal__year=year, eligible=True)
        .exclude(proposal__status__in=["returned", "decided"])
        .values_list("person__unit_id", "person_id", "award__code")
    )
    for unit_id, person_id, code in [*titles, *proposed]:
        if code == "LDTT":
            ldtt[unit_id].add(person_id)
        elif code == "CSTDCS":
            fighters[unit_id].add(person_id)
    completing: dict[int, int] = defaultdict(int)
    for unit_id, rating in AnnualRating.objects.filter(
        person__unit_id__in=ids, year=year
    ).values_list("person__unit_id", "rating"):
        completing[unit_id] += el.RATING_ORDER[rating] >= 1
    serious: dict[int, set[int]] = defaultdict(set)
    for unit_id, person_id in Matter.objects.filter(
        person__unit_id__in=ids, kind="ky_luat", year=year, level__in=el.SERIOUS_DISCIPLINE
    ).values_list("person__unit_id", "person_id"):
        serious[unit_id].add(person_id)
    ratings: dict[int, dict[int, str]] = defaultdict(dict)
    for unit_id, rating_year, rating in AnnualRating.objects.filter(unit_id__in=ids).values_list(
        "unit_id", "year", "rating"
    ):
        ratings[unit_id][rating_year] = rating
    matters: dict[int, list[tuple[str, object]]] = defaultdict(list)
    for unit_id, kind, closed in (
        Matter.objects.filter(unit_id__in=ids)
        .order_by("pk")
        .values_list("unit_id", "kind", "closed_on")
    ):
        matters[unit_id].append((kind, closed))
    found = {}
    for unit in units:
        rank, exceeded = standings.get(unit.pk, (None, None))
        counted = members[unit.pk]
        found[unit.pk] = el.Candidate(
            name=unit.name,
            is_collective=True,
            history=tuple(fact for owner in (unit.pk, *whole[unit.pk]) for fact in history[owner]),
            ratings=ratings[unit.pk],
            pending=_pending(matters[unit.pk]),
            members=el.MembersFacts(
                total=counted.total,
                advanced_workers=len(ldtt[unit.pk]),
                completing_tasks=completing[unit.pk],
                base_emulation_fighters=len(fighters[unit.pk]),
                serious_discipline=len(serious[unit.pk]),
                women=counted.women,
            ),
            cluster_rank=rank,
            targets_exceeded=exceeded,
        )
    return found


def initiatives_relied_on(items: Sequence[ProposalItem]) -> dict[int, tuple[int, ...]]:
    """The initiatives each item relies on, by item id, in one query."""
    through = ProposalItem.initiatives.through
    relied: dict[int, list[int]] = defaultdict(list)
    for item_id, initiative_id in (
        through.objects.filter(proposalitem_id__in=[item.pk for item in items])
        .order_by("initiative_id")
        .values_list("proposalitem_id", "initiative_id")
    ):
        relied[item_id].append(initiative_id)
    return {item.pk: tuple(relied[item.pk]) for item in items}
