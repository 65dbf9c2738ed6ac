"""From the database to the checker's plain facts: a person's or a collective's history,
ratings, initiatives, pending matters and members, and the rule set of a year."""

from __future__ import annotations

from collections.abc import Iterable

from chitieu.awards import eligibility as el
from chitieu.awards.models import (
    AnnualRating,
    AwardRecord,
    Matter,
    Person,
    ProposalItem,
    ProvinceRule,
    RuleSet,
)
from chitieu.units.lineage import ancestry_of
from chitieu.units.models import Unit


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


def _pending(matters: Iterable[Matter]) -> tuple[str, ...]:
    return tuple(matter.get_kind_display() for matter in matters if matter.closed_on is None)


def person_candidate(person: Person, exclude_record: int | None = None) -> el.Candidate:
    history = tuple(
        el.AwardFact(record.award.code, record.year, record.counts_for_merit)
        for record in person.awards.select_related("award")
        if record.pk != exclude_record
    )
    return el.Candidate(
        name=person.full_name,
        is_collective=False,
        history=history,
        ratings={rating.year: rating.rating for rating in person.ratings.all()},
        initiatives=tuple(
            el.InitiativeFact(item.pk, item.year, item.scope, item.used_for_id is not None)
            for item in person.initiatives.filter(is_research=False)
        ),
        research_years=tuple(item.year for item in person.initiatives.filter(is_research=True)),
        pending=_pending(person.matters.all()),
        is_woman=person.sex == "nu",
    )


def collective_candidate(
    unit: Unit, year: int, cluster_rank: int | None = None, targets_exceeded: bool | None = None
) -> el.Candidate:
    """A collective's facts; its history includes the units that went into it whole."""
    ancestors = [pk for pk, (_unit, whole) in ancestry_of(unit).predecessors.items() if whole]
    records = AwardRecord.objects.filter(unit_id__in=[unit.pk, *ancestors]).select_related("award")
    members = list(Person.objects.filter(unit=unit))
    member_ids = [member.pk for member in members]
    titles = AwardRecord.objects.filter(person_id__in=member_ids, year=year).values_list(
        "person_id", "award__code"
    )
    ldtt = {person for person, code in titles if code == "LDTT"}
    fighters = {person for person, code in titles if code == "CSTDCS"}
    # Members already proposed in a list still under way count like the titles they would get.
    proposed = (
        ProposalItem.objects.filter(person_id__in=member_ids, proposal__year=year, eligible=True)
        .exclude(proposal__status__in=["returned", "decided"])
        .values_list("person_id", "award__code")
    )
    ldtt |= {person for person, code in proposed if code == "LDTT"}
    fighters |= {person for person, code in proposed if code == "CSTDCS"}
    ratings = dict(
        AnnualRating.objects.filter(person_id__in=member_ids, year=year).values_list(
            "person_id", "rating"
        )
    )
    serious = (
        Matter.objects.filter(
            person_id__in=member_ids, kind="ky_luat", year=year, level__in=el.SERIOUS_DISCIPLINE
        )
        .values("person_id")
        .distinct()
        .count()
    )
    return el.Candidate(
        name=unit.name,
        is_collective=True,
        history=tuple(el.AwardFact(r.award.code, r.year, r.counts_for_merit) for r in records),
        ratings=dict(AnnualRating.objects.filter(unit=unit).values_list("year", "rating")),
        pending=_pending(Matter.objects.filter(unit=unit)),
        members=el.MembersFacts(
            total=len(members),
            advanced_workers=len(ldtt),
            completing_tasks=sum(1 for r in ratings.values() if el.RATING_ORDER[r] >= 1),
            base_emulation_fighters=len(fighters),
            serious_discipline=serious,
            women=sum(1 for member in members if member.sex == "nu"),
        ),
        cluster_rank=cluster_rank,
        targets_exceeded=targets_exceeded,
    )


def initiatives_of(item: ProposalItem) -> tuple[int, ...]:
    return tuple(item.initiatives.values_list("pk", flat=True))
