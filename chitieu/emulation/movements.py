"""Reads of emulation movements: one movement's page (its document, participants, reviews and
the awards made for it), the units a Board names as participants, and the movements of a year
(launched, reviewed) that the Board's report to the People's Committee counts.

The awards are read through the reverse relations of the movement (proposals → decision →
awards): emulation sits below awards and imports nothing of it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from chitieu.accounts.permissions import Capability, has_capability
from chitieu.core.users import AnyUser
from chitieu.emulation.models import Movement, MovementReview, ReviewKind
from chitieu.units.models import Unit
from chitieu.units.selectors import access_unit, units_named


@dataclass(frozen=True)
class MovementAward:
    award: str
    recipient: str
    decision_number: str
    decision_date: dt.date


@dataclass
class MovementPage:
    movement: Movement
    participants: list[Unit]
    reviews: list[MovementReview]
    awards: list[MovementAward]
    can_manage: bool
    proposals: int = 0
    kinds_left: list[str] = field(default_factory=list)


def movement_awards(movement: Movement) -> list[MovementAward]:
    """The awards of the decided proposals made for the movement, by decision date and name."""
    rows = (
        Movement.objects.filter(pk=movement.pk, proposals__decision__awards__isnull=False)
        .values_list(
            "proposals__decision__awards__award__name",
            "proposals__decision__awards__person__full_name",
            "proposals__decision__awards__unit__name",
            "proposals__decision__number",
            "proposals__decision__date",
        )
        .order_by("proposals__decision__date", "proposals__decision__awards__id")
    )
    return [
        MovementAward(award, person or unit or "", number, date)
        for award, person, unit, number, date in rows
    ]


def movement_page(user: AnyUser, pk: object) -> MovementPage:
    """404 for a movement outside the user's units."""
    movement = get_object_or_404(Movement.objects.select_related("launched_by"), pk=pk)
    access_unit(user, movement.launched_by_id)
    reviews = list(movement.reviews.select_related("recorded_by"))
    has_final = any(r.kind == ReviewKind.FINAL for r in reviews)
    return MovementPage(
        movement=movement,
        participants=list(movement.participants.order_by("name")),
        reviews=reviews,
        awards=movement_awards(movement),
        can_manage=has_capability(user, Capability.MANAGE_EMULATION, movement.launched_by),
        proposals=movement.proposals.count(),
        kinds_left=[str(ReviewKind.MIDTERM)] + ([] if has_final else [str(ReviewKind.FINAL)]),
    )


def participants_named(user: AnyUser, launched_by: Unit, text: str) -> tuple[list[Unit], str]:
    """The units named one a line (or separated by ';') under the launching unit, and a
    Vietnamese message naming those not found or ambiguous ("" when all were found)."""
    names = [n.strip() for line in text.splitlines() for n in line.split(";") if n.strip()]
    found: list[Unit] = []
    missing: list[str] = []
    ambiguous: list[str] = []
    for name in names:
        units = [u for u in units_named(user, name) if u.path.startswith(launched_by.path)]
        if not units:
            missing.append(name)
        elif len(units) > 1:
            ambiguous.append(name)
        elif units[0] not in found:
            found.append(units[0])
    problems = []
    if missing:
        problems.append(
            "Không tìm thấy đơn vị thuộc " + launched_by.name + ": " + ", ".join(missing) + "."
        )
    if ambiguous:
        problems.append("Có nhiều đơn vị cùng tên: " + ", ".join(ambiguous) + ".")
    return found, " ".join(problems)


@dataclass
class MovementsOfYear:
    """The movements launched in the year (by document date) and those reviewed in it (a sơ kết
    or tổng kết held in the year), of the organiser and the units under it."""

    launched: list[Movement]
    midterm_reviewed: list[Movement]
    final_reviewed: list[Movement]

    @property
    def reviewed(self) -> list[Movement]:
        seen = {m.pk: m for m in [*self.midterm_reviewed, *self.final_reviewed]}
        return sorted(seen.values(), key=lambda m: (m.document_date, m.name))


def _of_subtree(organiser: Unit) -> QuerySet[Movement]:
    return Movement.objects.filter(launched_by__path__startswith=organiser.path).select_related(
        "launched_by"
    )


def movements_of_year(
    organiser: Unit, year: int, between: tuple[dt.date, dt.date] | None = None
) -> MovementsOfYear:
    """For the Board's report of `year` (docs13 counts `len(...)` of each list): by the calendar
    year, or `between` two days included (the TĐKT reporting period 01/12–30/11 is
    `chitieu.awards.statistics.moha.reporting_period(year)`)."""
    start, end = between or (dt.date(year, 1, 1), dt.date(year, 12, 31))
    launched = _of_subtree(organiser).filter(document_date__range=(start, end))

    def reviewed(kind: str) -> list[Movement]:
        held = Q(reviews__kind=kind, reviews__held_on__range=(start, end))
        return list(
            _of_subtree(organiser).filter(held).distinct().order_by("document_date", "name")
        )

    return MovementsOfYear(
        list(launched.order_by("document_date", "name")),
        reviewed(ReviewKind.MIDTERM),
        reviewed(ReviewKind.FINAL),
    )


def movements_launched_by(organiser: Unit) -> list[Movement]:
    """The organiser's own movements and those of the units under it, newest document first,
    with their reviews."""
    return list(
        _of_subtree(organiser).prefetch_related("reviews").order_by("-document_date", "name")
    )
