"""Reads of the unit registry, scoped to the user and prefetched."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from chitieu.accounts.models import Membership
from chitieu.accounts.permissions import (
    Capability,
    PermissionDenied,
    get_or_404,
    has_capability,
    is_system_admin,
)
from chitieu.core.text import fold
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


def _same_name(a: str, b: str) -> bool:
    return " ".join(unicodedata.normalize("NFC", a).casefold().split()) == " ".join(
        unicodedata.normalize("NFC", b).casefold().split()
    )


def units_named(
    user: AnyUser,
    name: str,
    parent_name: str = "",
    need: Capability = Capability.VIEW,
    on_date: dt.date | None = None,
) -> list[Unit]:
    """The units called `name` (letter case and spacing aside) where `user` holds `need`, under
    a unit called `parent_name` when given: with the diacritics as written, else without them.
    When several remain and exactly one is in force on `on_date` (today), that one: "Phường
    Sông Trí" is the ward of 2025, not the one of Thị xã Kỳ Anh it replaced."""
    if not fold(name):
        return []
    candidates = [
        unit
        for unit in Unit.objects.visible_to(user).search(name).select_related("parent")
        if fold(unit.name) == fold(name)
        and (need == Capability.VIEW or has_capability(user, need, unit))
        and (
            not fold(parent_name)
            or (unit.parent is not None and fold(unit.parent.name) == fold(parent_name))
        )
    ]
    exact = [unit for unit in candidates if _same_name(unit.name, name)]
    if exact:
        candidates = exact
    if parent_name.strip():
        exact_parent = [
            unit
            for unit in candidates
            if unit.parent is not None and _same_name(unit.parent.name, parent_name)
        ]
        candidates = exact_parent or candidates
    if len(candidates) > 1:
        today = on_date or timezone.localdate()
        in_force = [unit for unit in candidates if unit.is_valid_on(today)]
        if len(in_force) == 1:
            return in_force
    return sorted(candidates, key=lambda unit: (unit.parent.name if unit.parent else "", unit.pk))


def unit_in_cell(
    user: AnyUser, text: str, need: Capability = Capability.VIEW, on_date: dt.date | None = None
) -> Unit | str:
    """The unit a cell of an imported file names, by its name ("Phường Sông Trí") or its
    official code ("18073"), among the units where `user` holds `need`, never by a database
    id; or what is wrong, in Vietnamese (unknown, or several of that name)."""
    text = " ".join(text.split())
    if text and " " not in text:  # a code ("18073"); a name has words
        coded = [
            unit
            for unit in Unit.objects.visible_to(user).filter(code=text)
            if need == Capability.VIEW or has_capability(user, need, unit)
        ]
        if len(coded) == 1:
            return coded[0]
    found = units_named(user, text, need=need, on_date=on_date)
    if len(found) == 1:
        return found[0]
    if not found:
        return (
            f"không có đơn vị “{text}” trong phạm vi của bạn (ghi tên hoặc mã đơn vị hành chính)."
        )
    return (
        f"có {len(found)} đơn vị tên “{text}”: hãy ghi mã đơn vị hành chính "
        f"({', '.join(unit.code or unit.name for unit in found[:5])})."
    )


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
