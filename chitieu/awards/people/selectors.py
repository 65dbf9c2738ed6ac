"""Reads for persons and collectives: those in the user's scope, and their award history."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from chitieu.accounts.permissions import (
    Capability,
    can_act_for_member,
    can_propose_for,
    get_or_404,
    has_capability,
    scope,
)
from chitieu.awards.models import AnnualRating, AwardRecord, Initiative, Matter, Person
from chitieu.core.text import fold
from chitieu.core.users import AnyUser
from chitieu.units.lineage import ancestry_of
from chitieu.units.models import Unit


def people_visible_to(user: AnyUser) -> QuerySet[Person]:
    return scope(Person.objects.all(), user, Capability.VIEW, "unit__path")


def access_person(user: AnyUser, pk: object) -> Person:
    return get_or_404(people_visible_to(user).select_related("unit"), pk)


def person_history(person: Person) -> list[AwardRecord]:
    return list(
        person.awards.select_related("award", "decision", "person").order_by(
            "-year", "-decision_date"
        )
    )


def collective_history(unit: Unit) -> list[AwardRecord]:
    """The collective's awards, with those of the units that went into it whole."""
    whole = [pk for pk, (_unit, is_whole) in ancestry_of(unit).predecessors.items() if is_whole]
    return list(
        AwardRecord.objects.filter(unit_id__in=[unit.pk, *whole])
        .select_related("award", "unit", "decision")
        .order_by("-year", "-decision_date")
    )


@dataclass(frozen=True)
class PersonPage:
    person: Person
    history: list[AwardRecord]
    ratings: list[AnnualRating]
    initiatives: list[Initiative]


def person_page(person: Person) -> PersonPage:
    return PersonPage(
        person,
        person_history(person),
        list(person.ratings.order_by("-year")),
        list(person.initiatives.order_by("-year")),
    )


def people_of(unit: Unit) -> list[Person]:
    return list(Person.objects.filter(unit=unit).order_by("full_name"))


@dataclass(frozen=True)
class UnitPeoplePage:
    """A unit's page of commendation: its people, the collective's awards, what the user may do."""

    unit: Unit
    people: list[Person]
    history: list[AwardRecord]
    can_propose: bool
    can_add_person: bool
    can_import: bool


def unit_people_page(user: AnyUser, unit: Unit) -> UnitPeoplePage:
    return UnitPeoplePage(
        unit,
        people_of(unit),
        collective_history(unit),
        can_propose=can_propose_for(user, unit),
        can_add_person=can_act_for_member(user, unit),
        can_import=has_capability(user, Capability.MANAGE_EMULATION, unit),
    )


def initiatives_titled(person: Person, titles: str) -> list[Initiative]:
    """The person's initiatives named in `titles` (separated by ";"), letter case and accents
    aside; a title the person has none of is refused with its name."""
    wanted = [title.strip() for title in titles.split(";") if title.strip()]
    mine = {fold(i.title): i for i in Initiative.objects.filter(person=person).order_by("id")}
    unknown = [title for title in wanted if fold(title) not in mine]
    if unknown:
        raise ValidationError(
            {
                "initiatives": f"{person.full_name} không có sáng kiến, đề tài tên: "
                + "; ".join(f"“{title}”" for title in unknown)
                + "."
            }
        )
    return list({mine[fold(title)].pk: mine[fold(title)] for title in wanted}.values())


def initiatives_of(person: Person, ids: list[int]) -> list[Initiative]:
    """The person's initiatives among `ids` (others' are ignored)."""
    return list(Initiative.objects.filter(pk__in=ids, person=person))


RECORDS_SHOWN = 300


@dataclass(frozen=True)
class RecordsPage:
    """The checker's data of a unit and the units under it: ratings, initiatives, research
    projects, disciplines/inspections/complaints; whether the user may enter them."""

    unit: Unit
    ratings: list[AnnualRating]
    initiatives: list[Initiative]
    research: list[Initiative]
    matters: list[Matter]
    can_enter: bool


def records_page(user: AnyUser, unit: Unit) -> RecordsPage:
    under = Q(person__unit__path__startswith=unit.path) | Q(unit__path__startswith=unit.path)
    ratings = AnnualRating.objects.filter(under).select_related("person__unit", "unit")
    initiatives = Initiative.objects.filter(person__unit__path__startswith=unit.path)
    initiatives = initiatives.select_related("person__unit", "used_for__award")
    matters = Matter.objects.filter(under).select_related("person__unit", "unit")
    return RecordsPage(
        unit,
        list(ratings.order_by("-year", "person__full_name", "unit__name")[:RECORDS_SHOWN]),
        list(initiatives.filter(is_research=False).order_by("-year", "id")[:RECORDS_SHOWN]),
        list(initiatives.filter(is_research=True).order_by("-year", "id")[:RECORDS_SHOWN]),
        list(matters.order_by("-year", "id")[:RECORDS_SHOWN]),
        can_enter=can_act_for_member(user, unit),
    )


def access_matter(user: AnyUser, pk: object) -> Matter:
    visible = scope(
        Matter.objects.filter(person__isnull=False), user, Capability.VIEW, "person__unit__path"
    )
    collective = scope(
        Matter.objects.filter(unit__isnull=False), user, Capability.VIEW, "unit__path"
    )
    return get_or_404((visible | collective).select_related("person__unit", "unit"), pk)
