"""Reads for commendation: persons and proposals in the user's scope, and histories."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from chitieu.accounts.permissions import (
    Capability,
    PermissionDenied,
    can_edit_proposal,
    get_or_404,
    is_reviewer,
    scope,
)
from chitieu.awards.models import AwardRecord, Person, Proposal
from chitieu.units.lineage import ancestry_of
from chitieu.units.models import Unit


def people_visible_to(user) -> QuerySet[Person]:
    return scope(Person.objects.all(), user, Capability.VIEW, "unit__path")


def access_person(user, pk: object) -> Person:
    return get_or_404(people_visible_to(user).select_related("unit"), pk)


def proposals_visible_to(user) -> QuerySet[Proposal]:
    """Proposals of the user's units, and those sent to a Board the user belongs to (the level
    above the unit, or the level a proposal was sent or forwarded to)."""
    own = scope(Proposal.objects.all(), user, Capability.VIEW, "unit__path")
    sent = Proposal.objects.exclude(status="draft")
    above = scope(sent, user, Capability.MANAGE_EMULATION, "unit__parent__path")
    held = scope(sent, user, Capability.MANAGE_EMULATION, "considered_at__path")
    return Proposal.objects.filter(
        Q(pk__in=own.values("pk")) | Q(pk__in=above.values("pk")) | Q(pk__in=held.values("pk"))
    )


def access_proposal(user, pk: object, need: Capability = Capability.VIEW) -> Proposal:
    """A proposal the user sees (else 404), refused (403) unless the user may also do what
    `need` names: EDIT it (its unit's Board while it is in preparation) or REVIEW it (the Board
    of the level that holds it)."""
    proposal = get_or_404(
        proposals_visible_to(user).select_related(
            "unit__parent", "considered_at", "cluster_year__cluster__organiser"
        ),
        pk,
    )
    if need == Capability.EDIT and not can_edit_proposal(user, proposal):
        raise PermissionDenied("Bạn không có quyền sửa tờ trình này.")
    if need == Capability.REVIEW and not is_reviewer(user, proposal):
        raise PermissionDenied("Bạn không có quyền xét tờ trình này.")
    return proposal


def proposal_list(user, year: int | None = None) -> list[Proposal]:
    proposals = (
        proposals_visible_to(user).select_related("unit").annotate(item_count=Count("items"))
    )
    if year:
        proposals = proposals.filter(year=year)
    return list(proposals.order_by("-year", "status", "unit__name"))


def proposal_years(user) -> list[int]:
    """The achievement years of the proposals the user sees, newest first."""
    years = proposals_visible_to(user).order_by().values_list("year").distinct()
    return sorted((year for (year,) in years), reverse=True)


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
