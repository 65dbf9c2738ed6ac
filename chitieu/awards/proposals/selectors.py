"""Reads of proposals: those in the user's scope, one with the access it needs, the pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from chitieu.accounts import permissions
from chitieu.accounts.permissions import (
    Capability,
    PermissionDenied,
    can_edit_proposal,
    get_or_404,
    is_reviewer,
    scope,
)
from chitieu.awards.fund.selectors import overdraw_warning
from chitieu.awards.models import BlankLayout, Proposal, ProposalItem, ProposalStep
from chitieu.awards.printing.selectors import layouts_for_decision
from chitieu.core.users import AnyUser
from chitieu.emulation.models import Movement
from chitieu.units.models import Unit


def proposals_visible_to(user: AnyUser) -> QuerySet[Proposal]:
    """Proposals of the user's units, and those sent to a Board the user belongs to (the level
    above the unit, or the level a proposal was sent or forwarded to)."""
    own = scope(Proposal.objects.all(), user, Capability.VIEW, "unit__path")
    sent = Proposal.objects.exclude(status="draft")
    above = scope(sent, user, Capability.MANAGE_EMULATION, "unit__parent__path")
    held = scope(sent, user, Capability.MANAGE_EMULATION, "considered_at__path")
    return Proposal.objects.filter(
        Q(pk__in=own.values("pk")) | Q(pk__in=above.values("pk")) | Q(pk__in=held.values("pk"))
    )


def access_proposal(user: AnyUser, pk: object, need: Capability = Capability.VIEW) -> Proposal:
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


def proposal_list(user: AnyUser, year: int | None = None) -> list[Proposal]:
    proposals = (
        proposals_visible_to(user).select_related("unit").annotate(item_count=Count("items"))
    )
    if year:
        proposals = proposals.filter(year=year)
    return list(proposals.order_by("-year", "status", "unit__name"))


def proposal_years(user: AnyUser) -> list[int]:
    """The achievement years of the proposals the user sees, newest first."""
    years = proposals_visible_to(user).order_by().values_list("year").distinct()
    return sorted((year for (year,) in years), reverse=True)


def beyond_authority(proposal: Proposal, level: Unit) -> list[str]:
    """The awards of the proposal that the People's Committee of `level` cannot grant: those of
    the province or the State are decided at the province (which forwards the State's)."""
    if level.parent is None:
        return []
    names = proposal.items.exclude(award__level="co_so").values_list("award__name", flat=True)
    return sorted(set(names))


def movements_for(unit: Unit) -> QuerySet[Movement]:
    """The movements a unit's proposal may be for: those it takes part in, and those launched by
    it or the levels above it."""
    movements = Movement.objects.filter(participants=unit) | Movement.objects.filter(
        launched_by__in=[int(part) for part in unit.path.strip("/").split("/")]
    )
    return movements.distinct().order_by("-document_date")


@dataclass(frozen=True)
class ProposalPage:
    """A proposal with its list, its steps and what the user may do with it: the buttons shown
    are the actions the rules allow (accounts.permissions)."""

    proposal: Proposal
    items: list[ProposalItem]
    steps: list[ProposalStep]
    can_edit: bool
    can_justify: bool
    can_review: bool
    can_forward: bool
    can_committee: bool
    can_return: bool
    can_decide: bool
    can_publish: bool
    can_propose: bool
    layouts: list[BlankLayout]
    overdraw: str
    beyond_authority: list[str]


def proposal_page(user: AnyUser, proposal: Proposal) -> ProposalPage:
    decision = getattr(proposal, "decision", None)
    level = proposal.considered_at
    return ProposalPage(
        proposal,
        list(
            proposal.items.select_related("award", "person", "unit").prefetch_related("initiatives")
        ),
        list(proposal.steps.select_related("actor")),
        can_edit=permissions.can_edit_proposal(user, proposal),
        can_justify=permissions.can_justify(user, proposal),
        can_review=permissions.can_review(user, proposal),
        can_forward=permissions.can_forward(user, proposal),
        can_committee=permissions.can_put_to_committee(user, proposal),
        can_return=permissions.can_return(user, proposal),
        can_decide=permissions.can_decide(user, proposal),
        can_publish=decision is not None and permissions.can_publish_decision(user, decision),
        can_propose=permissions.has_capability(user, Capability.PROPOSE_AWARDS, proposal.unit),
        layouts=list(layouts_for_decision(decision)) if decision is not None else [],
        overdraw=overdraw_warning(proposal, level, timezone.localdate())
        if level and proposal.status in ("reviewed", "committee")
        else "",
        beyond_authority=beyond_authority(proposal, level)
        if level and proposal.status == "reviewed"
        else [],
    )
