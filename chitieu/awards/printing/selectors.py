"""Reads of blank layouts: those a decision prints with, those a user sees, who may adjust one."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, Q, QuerySet
from django.http import Http404

from chitieu.accounts.permissions import (
    Capability,
    can_adjust_layout,
    get_or_404,
    has_capability,
    scope_paths,
    scope_q,
)
from chitieu.accounts.selectors import memberships_of
from chitieu.awards.models import BlankLayout, Decision
from chitieu.core.users import AnyUser
from chitieu.units.models import Unit


def layouts_for(unit: Unit) -> QuerySet[BlankLayout]:
    """The layouts a decision of `unit` prints with: the copies of the unit and of the units above
    it, nearest first, then the installation's."""
    ancestors = [int(part) for part in unit.path.strip("/").split("/") if part]
    return BlankLayout.objects.filter(Q(unit__isnull=True) | Q(unit_id__in=ancestors)).order_by(
        F("unit__path").desc(nulls_last=True), "name"
    )


def layouts_for_decision(decision: Decision) -> QuerySet[BlankLayout]:
    """The layouts a decision can print on: those of its unit for the awards it made."""
    return layouts_for(decision.unit).filter(award_id__in=decision.awards.values("award_id"))


def layouts_visible_to(user: AnyUser) -> QuerySet[BlankLayout]:
    """The installation's layouts, the copies of the units the user sees, and those of the
    units above them (which their decisions print with)."""
    paths = scope_paths(user, Capability.VIEW)
    if paths is None:
        return BlankLayout.objects.all()
    above = {int(part) for path in paths for part in path.strip("/").split("/") if part}
    below = scope_q(user, Capability.VIEW, "unit__path") or Q()
    return BlankLayout.objects.filter(Q(unit__isnull=True) | Q(unit_id__in=above) | below)


def access_blank_layout(user: AnyUser, pk: object) -> BlankLayout:
    return get_or_404(layouts_visible_to(user).select_related("unit", "award"), pk)


def may_adjust(actor: AnyUser, layout: BlankLayout) -> bool:
    """The installation's layouts are the system administrators'; a unit's copy its Board's."""
    return can_adjust_layout(actor, layout)


@dataclass(frozen=True)
class LayoutPage:
    layout: BlankLayout
    layouts: list[BlankLayout]
    can_adjust: bool
    copy_for: list[Unit]  # the units whose Board the user is, that may take their own copy


def layout_page(user: AnyUser, layout: BlankLayout) -> LayoutPage:
    boards = Unit.objects.filter(
        pk__in=[
            m.unit_id
            for m in memberships_of(user)
            if has_capability(user, Capability.MANAGE_EMULATION, m.unit)
        ]
    ).exclude(pk=layout.unit_id or 0)
    return LayoutPage(
        layout,
        list(layouts_visible_to(user).order_by("name")),
        may_adjust(user, layout),
        list(boards),
    )


def access_decision_print(
    user: AnyUser, pk: object, layout_pk: object
) -> tuple[Decision, BlankLayout]:
    """A decision on a proposal the user sees (else 404), and one of the layouts it prints with."""
    from chitieu.awards.proposals.selectors import access_proposal

    decision = get_or_404(Decision.objects.select_related("unit", "proposal"), pk)
    if decision.proposal is None:
        raise Http404
    access_proposal(user, decision.proposal.pk)
    return decision, get_or_404(layouts_for(decision.unit), layout_pk)
