"""The checker wired to a proposal: the facts of every item gathered at once (a fixed number of
queries whatever the number of items, the cluster's ranking computed once), judged as one batch,
the findings kept on the items."""

from __future__ import annotations

from chitieu.awards.models import Person, Proposal, ProposalItem
from chitieu.awards.rules import eligibility as el
from chitieu.awards.rules import facts
from chitieu.units.models import Unit


def _checker_proposals(
    proposal: Proposal, items: list[ProposalItem], standings: dict[int, facts.Standing] | None
) -> list[el.Proposal]:
    persons: dict[int, Person] = {item.person.pk: item.person for item in items if item.person}
    units: dict[int, Unit] = {
        item.unit.pk: item.unit for item in items if item.unit and not item.person
    }
    people = facts.person_candidates(list(persons.values()))
    if standings is None:
        standings = facts.cluster_standings(proposal.cluster_year) if units else {}
    collectives = facts.collective_candidates(list(units.values()), proposal.year, standings)
    relied = facts.initiatives_relied_on(items)
    checked = []
    for item in items:
        if item.person is not None:
            candidate, key = people[item.person.pk], f"person:{item.person.pk}"
        else:
            assert item.unit is not None
            candidate, key = collectives[item.unit.pk], f"unit:{item.unit.pk}"
        votes = None
        if item.votes_in_favour is not None and item.council_members:
            votes = el.Votes(item.votes_in_favour, item.council_members)
        checked.append(
            el.Proposal(
                item.award.code,
                proposal.year,
                candidate,
                key=key,
                unit_key=str(proposal.unit_id),
                votes=votes,
                initiative_ids=relied[item.pk],
            )
        )
    return checked


def standings_for(proposal: Proposal) -> dict[int, facts.Standing] | None:
    """The ranking of the proposal's cluster, read before its row is locked (the ranking does not
    depend on the proposal), so that the lock is held only while the items are checked."""
    return facts.cluster_standings(proposal.cluster_year) if proposal.cluster_year_id else None


def proposal_check(
    *, proposal: Proposal, standings: dict[int, facts.Standing] | None = None
) -> None:
    """Run the checker over every item of the proposal as one batch and keep its findings.
    `standings`: the cluster's ranking if already read (`standings_for`), else read here."""
    items = list(proposal.items.select_related("award", "person__unit", "unit"))
    if not items:
        return
    checker = facts.checker_for(proposal.year, proposal.unit)
    verdicts = checker.check_batch(_checker_proposals(proposal, items, standings))
    for item, verdict in zip(items, verdicts, strict=True):
        item.findings = [
            {
                "condition": f.condition,
                "met": f.met,
                "message": f.message,
                "article": f.article,
                **({"missing": True} if f.missing else {}),
            }
            for f in verdict.findings
        ]
        item.eligible = verdict.eligible
    ProposalItem.objects.bulk_update(items, ["findings", "eligible"])
