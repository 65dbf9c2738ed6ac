"""What the permission rules read of the objects they judge.

The rules sit below the domains they rule (units, emulation, awards, publications import them),
so they name those objects by the attributes they read, not by importing their models: a unit
has a path and a parent, a proposal a status, a unit and the level that holds it, and so on.
Read-only properties, so that a model's own, narrower attribute types fit."""

from __future__ import annotations

from typing import Any, Protocol


class UnitLike(Protocol):
    @property
    def pk(self) -> Any: ...
    @property
    def name(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def parent_id(self) -> int | None: ...
    @property
    def parent(self) -> UnitLike | None: ...


class ClusterLike(Protocol):
    @property
    def organiser(self) -> UnitLike: ...


class ClusterYearLike(Protocol):
    @property
    def cluster(self) -> ClusterLike: ...
    @property
    def chair(self) -> UnitLike | None: ...


class ClusterMemberLike(Protocol):
    @property
    def unit(self) -> UnitLike: ...
    @property
    def cluster_year(self) -> ClusterYearLike: ...


class ProposalLike(Protocol):
    @property
    def status(self) -> str: ...
    @property
    def unit(self) -> UnitLike: ...
    @property
    def unit_id(self) -> int: ...
    @property
    def considered_at(self) -> UnitLike | None: ...
    @property
    def considered_at_id(self) -> int | None: ...
    @property
    def cluster_year(self) -> ClusterYearLike | None: ...
    @property
    def cluster_year_id(self) -> int | None: ...


class DecisionLike(Protocol):
    @property
    def unit(self) -> UnitLike: ...


class BlankLayoutLike(Protocol):
    @property
    def unit(self) -> UnitLike | None: ...
    @property
    def unit_id(self) -> int | None: ...


class PublicationLike(Protocol):
    @property
    def unit(self) -> UnitLike: ...
    @property
    def published_by_id(self) -> int | None: ...


class MembershipLike(Protocol):
    @property
    def user(self) -> Any: ...
    @property
    def unit(self) -> UnitLike: ...
