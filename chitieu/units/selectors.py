"""Reads of the unit registry, scoped to the user and prefetched."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from chitieu.accounts.models import Membership
from chitieu.accounts.permissions import (
    Capability,
    PermissionDenied,
    get_or_404,
    has_capability,
    is_system_admin,
)
from chitieu.core.users import AnyUser
from chitieu.units.models import Unit, UnitLink

SEARCH_LIMIT = 50


def access_unit(user: AnyUser, pk: object, need: Capability = Capability.VIEW) -> Unit:
    """One unit the user may see, or 404: outside the user's subtrees it does not exist; 403
    unless the user also holds `need` on it (MANAGE_UNITS, MANAGE_TARGETS, …)."""
    unit = get_or_404(Unit.objects.visible_to(user).select_related("parent"), pk)
    if need != Capability.VIEW and not has_capability(user, need, unit):
        raise PermissionDenied(f"Bạn không có quyền thực hiện thao tác này tại {unit.name}.")
    return unit


def unit_search(user: AnyUser, query: str, on_date: dt.date | None = None) -> list[Unit]:
    units = Unit.objects.visible_to(user).search(query).select_related("parent")
    if on_date:
        units = units.valid_on(on_date)
    return list(units.order_by("name", "valid_from", "id")[:SEARCH_LIMIT])


def _with_child_counts(units: QuerySet[Unit], on_date: dt.date) -> QuerySet[Unit]:
    valid_child = (Q(children__valid_from__isnull=True) | Q(children__valid_from__lte=on_date)) & (
        Q(children__valid_to__isnull=True) | Q(children__valid_to__gte=on_date)
    )
    return units.annotate(child_count=Count("children", filter=valid_child))


def unit_tree_roots(user: AnyUser, on_date: dt.date) -> list[Unit]:
    """The top of the tree the user sees on a date: provinces, or the user's own units."""
    units = Unit.objects.visible_to(user).valid_on(on_date)
    if is_system_admin(user):
        units = units.filter(parent__isnull=True)
    else:
        own = Membership.objects.filter(user=user).values("unit_id")  # type: ignore[misc]
        units = units.filter(Q(parent__isnull=True) | Q(pk__in=own))
    return list(_with_child_counts(units, on_date).order_by("name"))


def unit_tree_children(user: AnyUser, parent: Unit, on_date: dt.date) -> list[Unit]:
    units = Unit.objects.visible_to(user).valid_on(on_date).filter(parent=parent)
    return list(_with_child_counts(units, on_date).order_by("type", "name"))


@dataclass(frozen=True)
class UnitHistory:
    predecessors: list[UnitLink]
    successors: list[UnitLink]
    children: list[Unit]
    organisations: list[Unit]


def unit_history(user: AnyUser, unit: Unit) -> UnitHistory:
    """What the unit was formed from, what it became, and what stood under it."""
    visible_ids = set(
        Unit.objects.visible_to(user)
        .filter(Q(successor_links__successor=unit) | Q(predecessor_links__predecessor=unit))
        .values_list("pk", flat=True)
    )
    predecessors = list(
        UnitLink.objects.filter(successor=unit)
        .select_related("predecessor__parent")
        .order_by("predecessor__name")
    )
    successors = list(
        UnitLink.objects.filter(predecessor=unit)
        .select_related("successor__parent")
        .order_by("successor__name")
    )
    for link in predecessors:
        link.predecessor.is_visible = link.predecessor_id in visible_ids  # type: ignore[attr-defined]
    for link in successors:
        link.successor.is_visible = link.successor_id in visible_ids  # type: ignore[attr-defined]
    below = list(Unit.objects.filter(parent=unit).order_by("type", "name"))
    return UnitHistory(
        predecessors=predecessors,
        successors=successors,
        children=[child for child in below if not child.is_organisation],
        organisations=[child for child in below if child.is_organisation],
    )
