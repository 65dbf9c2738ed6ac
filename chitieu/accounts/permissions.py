"""Permissions in one place: what each role may do, and the scoping of every query to the units
where the user holds a role that allows it."""

from __future__ import annotations

import enum
from typing import TypeVar, cast

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from chitieu.accounts.models import Membership, Role
from chitieu.accounts.subjects import (
    BlankLayoutLike,
    ClusterLike,
    ClusterMemberLike,
    ClusterYearLike,
    DecisionLike,
    MembershipLike,
    ProposalLike,
    PublicationLike,
    UnitLike,
)
from chitieu.core.users import Actor, AnyUser


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
    # What an access helper asks of one object (`access_proposal(user, pk, Capability.EDIT)`);
    # the object rules below decide it, no role holds it as such.
    EDIT = "edit"
    REVIEW = "review"


OBJECT_CAPABILITIES = frozenset({Capability.EDIT, Capability.REVIEW})

ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.ADMIN: frozenset(Capability) - OBJECT_CAPABILITIES,
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


def is_system_admin(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def _memberships(user: Actor) -> list[tuple[str, str]]:
    """(role, unit path) of the user, read once per request and kept on the user object."""
    cached = getattr(user, "_chitieu_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).values_list("role", "unit__path"))
        user._chitieu_memberships = cached  # type: ignore[attr-defined]
    return cached


def scope_paths(user: AnyUser, capability: Capability) -> list[str] | None:
    """The unit paths under which `user` has `capability`; None means everywhere."""
    if not (user.is_authenticated and user.is_active):
        return []
    if is_system_admin(user):
        return None
    return sorted(
        {
            path
            for role, path in _memberships(cast(Actor, user))  # authenticated here
            if capability in ROLE_CAPABILITIES.get(role, frozenset())
        }
    )


def scope_q(user: AnyUser, capability: Capability, path_field: str) -> Q | None:
    """A filter on `path_field` for the user's subtrees, None for no restriction."""
    paths = scope_paths(user, capability)
    if paths is None:
        return None
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{path_field}__startswith": path})
    return condition


def scope(
    queryset: QuerySet[M], user: AnyUser, capability: Capability, path_field: str
) -> QuerySet[M]:
    condition = scope_q(user, capability, path_field)
    return queryset if condition is None else queryset.filter(condition)


def has_capability(user: AnyUser, capability: Capability, unit: UnitLike) -> bool:
    paths = scope_paths(user, capability)
    return paths is None or any(unit.path.startswith(path) for path in paths)


def has_capability_anywhere(user: AnyUser, capability: Capability) -> bool:
    paths = scope_paths(user, capability)
    return paths is None or bool(paths)


class PermissionDenied(DjangoPermissionDenied):
    """Raised by services when the actor may not do this; Django answers it with 403."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def require(user: AnyUser, capability: Capability, unit: UnitLike) -> None:
    """For services: refuse unless the actor holds `capability` on `unit`."""
    if not has_capability(user, capability, unit):
        raise PermissionDenied(f"Bạn không có quyền thực hiện thao tác này tại {unit.name}.")


def get_or_404(queryset: QuerySet[M], pk: object) -> M:
    """One object from an already scoped queryset; outside the scope it does not exist."""
    try:
        return queryset.get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error


def refuse_unless(allowed: bool, message: str) -> None:
    """For services: refuse with `message` unless the rule allowed it, on the locked row."""
    if not allowed:
        raise PermissionDenied(message)


# -- named object rules --------------------------------------------------------------------------
# Services check these on the locked row, views choose the access helper by them and templates
# show a button only where they allow it. Each answers for one user and one object; the object's
# workflow state is part of the rule (a sent proposal cannot be edited by anybody).

EDITABLE_PROPOSAL = ("draft", "returned")
PROPOSAL_UNDER_REVIEW = ("submitted", "reviewed", "committee")


def can_propose_for(user: AnyUser, unit: UnitLike) -> bool:
    """The unit's Board (or an administrator) prepares its commendation proposals."""
    return has_capability(user, Capability.PROPOSE_AWARDS, unit)


def can_edit_proposal(user: AnyUser, proposal: ProposalLike) -> bool:
    """Add people, attach documents, send: the proposing unit's Board while it is in its hands."""
    return proposal.status in EDITABLE_PROPOSAL and can_propose_for(user, proposal.unit)


def can_justify(user: AnyUser, proposal: ProposalLike) -> bool:
    """The justification that carries an ineligible candidate forward is part of the proposal."""
    return can_edit_proposal(user, proposal)


def reviewing_level(proposal: ProposalLike) -> UnitLike:
    """The level whose Board holds a proposal: where it was sent or forwarded to, else where it
    would go first (the cluster's organiser, else the level above; a province keeps its own)."""
    if proposal.considered_at_id is not None:
        return proposal.considered_at  # type: ignore[return-value]
    if proposal.cluster_year_id is not None:
        return proposal.cluster_year.cluster.organiser  # type: ignore[union-attr]
    return proposal.unit.parent or proposal.unit


def is_reviewer(user: AnyUser, proposal: ProposalLike) -> bool:
    """The Board of the level that holds the proposal. Nobody reviews their own unit's proposal:
    a province's own proposal (not a cluster's) only a system administrator reviews."""
    level = reviewing_level(proposal)
    if level.pk == proposal.unit_id and proposal.cluster_year_id is None:
        return is_system_admin(user)
    return has_capability(user, Capability.MANAGE_EMULATION, level)


def can_review(user: AnyUser, proposal: ProposalLike) -> bool:
    return proposal.status == "submitted" and is_reviewer(user, proposal)


def can_forward(user: AnyUser, proposal: ProposalLike) -> bool:
    return (
        proposal.status == "reviewed"
        and reviewing_level(proposal).parent_id is not None
        and is_reviewer(user, proposal)
    )


def can_put_to_committee(user: AnyUser, proposal: ProposalLike) -> bool:
    return proposal.status == "reviewed" and is_reviewer(user, proposal)


def can_return(user: AnyUser, proposal: ProposalLike) -> bool:
    return proposal.status in PROPOSAL_UNDER_REVIEW and is_reviewer(user, proposal)


def can_decide(user: AnyUser, proposal: ProposalLike) -> bool:
    """The Board records its People's Committee's decision on a proposal put before it."""
    return proposal.status == "committee" and is_reviewer(user, proposal)


def can_publish_decision(user: AnyUser, decision: DecisionLike) -> bool:
    """A decision is published by the Board of the level that decided it."""
    return has_capability(user, Capability.MANAGE_EMULATION, decision.unit)


def can_manage_cluster(user: AnyUser, cluster: ClusterLike | ClusterYearLike) -> bool:
    """The organiser's Board sets a cluster's year up, records its vote and its proposal."""
    organiser = cluster.organiser if hasattr(cluster, "organiser") else cluster.cluster.organiser
    return has_capability(user, Capability.MANAGE_EMULATION, organiser)


def can_vote(user: AnyUser, cluster_year: ClusterYearLike) -> bool:
    return can_manage_cluster(user, cluster_year)


def can_act_for_member(user: AnyUser, unit: UnitLike) -> bool:
    """A member unit's own Board (or the Boards above it) acts for it in the cluster."""
    return has_capability(user, Capability.PROPOSE_AWARDS, unit) or has_capability(
        user, Capability.MANAGE_EMULATION, unit
    )


def can_sign(user: AnyUser, member: ClusterMemberLike) -> bool:
    """A member signs the agreement and registers its titles and targets, for itself only."""
    return can_act_for_member(user, member.unit)


SCORING_STAGES = ("self", "cluster", "board")


def can_score(user: AnyUser, member: ClusterMemberLike, stage: str) -> bool:
    """Self-scoring by the member, the cluster's scoring by its chair, the Board's by the
    organiser (who may also score for the cluster)."""
    cluster_year = member.cluster_year
    organiser = cluster_year.cluster.organiser
    if stage == "self":
        return can_act_for_member(user, member.unit)
    if stage == "cluster":
        chair = cluster_year.chair
        return bool(chair and can_act_for_member(user, chair)) or has_capability(
            user, Capability.MANAGE_EMULATION, organiser
        )
    if stage == "board":
        return has_capability(user, Capability.MANAGE_EMULATION, organiser)
    return False


def can_edit_targets(user: AnyUser, unit: UnitLike) -> bool:
    return has_capability(user, Capability.MANAGE_TARGETS, unit)


def can_enter_actuals(user: AnyUser, unit: UnitLike) -> bool:
    return has_capability(user, Capability.ENTER_ACTUALS, unit)


def can_approve(user: AnyUser, unit: UnitLike) -> bool:
    """Approval of a unit's report belongs to the level above it; a province's to a system
    administrator."""
    if unit.parent_id is None:
        return is_system_admin(user)
    return has_capability(user, Capability.APPROVE_ACTUALS, unit.parent)  # type: ignore[arg-type]


def can_add_unit(user: AnyUser, parent: UnitLike | None) -> bool:
    """Units are added under a unit one manages; a province only by a system administrator."""
    if parent is None:
        return is_system_admin(user)
    return has_capability(user, Capability.MANAGE_UNITS, parent)


def can_adjust_layout(user: AnyUser, layout: BlankLayoutLike) -> bool:
    """The installation's blank layouts are the system administrators'; a unit's copy its
    Board's."""
    if layout.unit_id is None:
        return is_system_admin(user)
    return has_capability(user, Capability.MANAGE_EMULATION, layout.unit)  # type: ignore[arg-type]


def can_withdraw(user: AnyUser, publication: PublicationLike) -> bool:
    """Who published it, the Board of its unit, or a system administrator."""
    if not has_capability(user, Capability.VIEW, publication.unit):
        return False
    return (
        is_system_admin(user)
        or publication.published_by_id == user.pk
        or has_capability(user, Capability.MANAGE_EMULATION, publication.unit)
    )


# -- users -----------------------------------------------------------------------------------
# A unit administrator manages the accounts of their units: users whose roles all lie in their
# subtrees. A user with no role yet, and a system administrator, only system administrators
# manage; a unit administrator creates a user together with the user's first role.


def _role_paths(user: Actor) -> list[str]:
    """The unit paths of the user's roles: from the prefetched memberships when there are."""
    prefetched = getattr(user, "_prefetched_objects_cache", {}).get("memberships")
    if prefetched is not None:
        return [membership.unit.path for membership in prefetched]
    return list(Membership.objects.filter(user=user).values_list("unit__path", flat=True))


def can_manage_user(actor: AnyUser, user: Actor) -> bool:
    """Reset the password, deactivate, give and remove roles of `user`."""
    if not (actor.is_authenticated and actor.is_active):
        return False
    if is_system_admin(actor):
        return True
    if user.is_superuser:
        return False
    managed = scope_paths(actor, Capability.MANAGE_USERS) or []
    roles = _role_paths(user)
    return bool(roles) and all(
        any(path.startswith(subtree) for subtree in managed) for path in roles
    )


def can_create_user(actor: AnyUser, unit: UnitLike | None) -> bool:
    """A new account with its first role on `unit`; without a role only a system
    administrator makes one."""
    if unit is None:
        return is_system_admin(actor)
    return has_capability(actor, Capability.MANAGE_USERS, unit)


def can_reset_password(actor: AnyUser, user: Actor) -> bool:
    """One's own password is changed on one's own page, with the current one."""
    return user.pk != actor.pk and can_manage_user(actor, user)


def can_deactivate_user(actor: AnyUser, user: Actor) -> bool:
    """Nobody deactivates themselves; a superuser only a system administrator (in
    `can_manage_user`)."""
    return user.is_active and user.pk != actor.pk and can_manage_user(actor, user)


def can_reactivate_user(actor: AnyUser, user: Actor) -> bool:
    return not user.is_active and can_manage_user(actor, user)


def can_give_role(actor: AnyUser, user: Actor, unit: UnitLike) -> bool:
    return has_capability(actor, Capability.MANAGE_USERS, unit) and can_manage_user(actor, user)


def can_remove_role(actor: AnyUser, membership: MembershipLike) -> bool:
    """A unit administrator does not remove a user's last role (the account would leave their
    hands): they deactivate it instead."""
    if not (
        has_capability(actor, Capability.MANAGE_USERS, membership.unit)
        and can_manage_user(actor, membership.user)
    ):
        return False
    return is_system_admin(actor) or len(_role_paths(membership.user)) > 1
