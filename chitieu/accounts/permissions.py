"""Permissions in one place: what each role may do, and the scoping of every query to the units
where the user holds a role that allows it."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from chitieu.accounts.models import Membership, Role

if TYPE_CHECKING:
    from chitieu.units.models import Unit


class Capability(enum.Enum):
    VIEW = "view"
    MANAGE_UNITS = "manage_units"
    MANAGE_USERS = "manage_users"
    VIEW_AUDIT = "view_audit"
    MANAGE_CATALOGUE = "manage_catalogue"
    MANAGE_TARGETS = "manage_targets"
    ENTER_ACTUALS = "enter_actuals"
    APPROVE_ACTUALS = "approve_actuals"
    MANAGE_EMULATION = "manage_emulation"
    PROPOSE_AWARDS = "propose_awards"


ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.ADMIN: frozenset(Capability),
    Role.PLANNER: frozenset(
        {
            Capability.VIEW,
            Capability.MANAGE_TARGETS,
            Capability.ENTER_ACTUALS,
            Capability.APPROVE_ACTUALS,
        }
    ),
    Role.BOARD: frozenset(
        {Capability.VIEW, Capability.MANAGE_EMULATION, Capability.PROPOSE_AWARDS}
    ),
    Role.REPORTER: frozenset({Capability.VIEW, Capability.ENTER_ACTUALS}),
    Role.VIEWER: frozenset({Capability.VIEW}),
}

M = TypeVar("M", bound=Model)


def is_system_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def _memberships(user) -> list[tuple[str, str]]:
    """(role, unit path) of the user, read once per request and kept on the user object."""
    cached = getattr(user, "_chitieu_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).values_list("role", "unit__path"))
        user._chitieu_memberships = cached
    return cached


def scope_paths(user, capability: Capability) -> list[str] | None:
    """The unit paths under which `user` has `capability`; None means everywhere."""
    if not (user.is_authenticated and user.is_active):
        return []
    if is_system_admin(user):
        return None
    return sorted(
        {
            path
            for role, path in _memberships(user)
            if capability in ROLE_CAPABILITIES.get(role, frozenset())
        }
    )


def scope_q(user, capability: Capability, path_field: str) -> Q | None:
    """A filter on `path_field` for the user's subtrees, None for no restriction."""
    paths = scope_paths(user, capability)
    if paths is None:
        return None
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{path_field}__startswith": path})
    return condition


def scope(queryset: QuerySet[M], user, capability: Capability, path_field: str) -> QuerySet[M]:
    condition = scope_q(user, capability, path_field)
    return queryset if condition is None else queryset.filter(condition)


def has_capability(user, capability: Capability, unit: Unit) -> bool:
    paths = scope_paths(user, capability)
    return paths is None or any(unit.path.startswith(path) for path in paths)


def has_capability_anywhere(user, capability: Capability) -> bool:
    paths = scope_paths(user, capability)
    return paths is None or bool(paths)


def roles_of(user) -> Iterable[str]:
    return {role for role, _path in _memberships(user)} if user.is_authenticated else set()


class PermissionDenied(DjangoPermissionDenied):
    """Raised by services when the actor may not do this; Django answers it with 403."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def require(user, capability: Capability, unit: Unit) -> None:
    """For services: refuse unless the actor holds `capability` on `unit`."""
    if not has_capability(user, capability, unit):
        raise PermissionDenied(f"Bạn không có quyền thực hiện thao tác này tại {unit.name}.")


def get_or_404(queryset: QuerySet[M], pk: object) -> M:
    """One object from an already scoped queryset; outside the scope it does not exist."""
    try:
        return queryset.get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error
