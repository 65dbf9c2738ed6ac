"""A unit's lineage: the units it was formed from through the merge links, each with whether it
came in whole all the way."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from chitieu.units.models import Unit, UnitLink

MAX_LINK_DEPTH = 3  # 2019–2025 saw at most a few rounds of mergers


@dataclass
class Ancestry:
    """The units a unit was formed from, each with whether it came in whole all the way."""

    predecessors: dict[int, tuple[Unit, bool]]


def ancestry_of(unit: Unit) -> Ancestry:
    return ancestries_of([unit])[unit.pk]


def ancestries_of(units: list[Unit]) -> dict[int, Ancestry]:
    """The ancestry of each unit, in one query per round of mergers whatever the number of units."""
    found: dict[int, dict[int, tuple[Unit, bool]]] = {unit.pk: {} for unit in units}
    frontiers: dict[int, dict[int, bool]] = {unit.pk: {unit.pk: True} for unit in units}
    for _depth in range(MAX_LINK_DEPTH):
        wanted = {pk for frontier in frontiers.values() for pk in frontier}
        if not wanted:
            break
        links_into: dict[int, list[UnitLink]] = defaultdict(list)
        for link in UnitLink.objects.filter(successor_id__in=wanted).select_related("predecessor"):
            links_into[link.successor_id].append(link)
        for root, frontier in frontiers.items():
            next_frontier: dict[int, bool] = {}
            for successor, whole_so_far in frontier.items():
                for link in links_into.get(successor, []):
                    whole = whole_so_far and link.whole
                    known = found[root].get(link.predecessor_id)
                    whole = whole and (known[1] if known else True)
                    found[root][link.predecessor_id] = (link.predecessor, whole)
                    next_frontier[link.predecessor_id] = whole
            frontiers[root] = next_frontier
    return {pk: Ancestry(predecessors) for pk, predecessors in found.items()}
