"""Reads of resolutions and targets, scoped to the user's units."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from chitieu.accounts.permissions import Capability, get_or_404, scope
from chitieu.core.users import AnyUser
from chitieu.targets.models import Resolution, Target
from chitieu.targets.wording import describe
from chitieu.units.models import Unit


def resolutions_visible_to(user: AnyUser) -> QuerySet[Resolution]:
    return scope(Resolution.objects.all(), user, Capability.VIEW, "unit__path")


def access_resolution(user: AnyUser, pk: object) -> Resolution:
    return get_or_404(resolutions_visible_to(user).select_related("unit"), pk)


def access_target(user: AnyUser, pk: object) -> Target:
    targets = scope(Target.objects.all(), user, Capability.VIEW, "unit__path")
    return get_or_404(targets.select_related("resolution__unit", "unit", "indicator"), pk)


def resolution_list(user: AnyUser, unit_id: int | None = None) -> list[Resolution]:
    resolutions = resolutions_visible_to(user).select_related("unit")
    if unit_id:
        resolutions = resolutions.filter(unit_id=unit_id)
    return list(resolutions.annotate(target_count=Count("targets")).order_by("-date", "number"))


def resolution_targets(resolution: Resolution) -> list[Target]:
    return list(
        resolution.targets.select_related("indicator", "unit", "subject_unit").order_by(
            "unit__name", "order", "id"
        )
    )


def described_targets(resolution: Resolution) -> list[tuple[Target, str]]:
    """The resolution's targets, each with how it reads ("Thu ngân sách đạt 324,124 tỷ đồng")."""
    return [(target, describe(target)) for target in resolution_targets(resolution)]


def unit_resolutions(unit: Unit) -> list[Resolution]:
    """The resolutions of a unit the caller has already checked access to, newest first."""
    return list(Resolution.objects.filter(unit=unit).order_by("-date"))


def unit_resolution(unit: Unit, pk: str | None) -> Resolution | None:
    """One of the unit's resolutions, or None (also for no `pk`)."""
    return Resolution.objects.filter(pk=pk or 0, unit=unit).first()
