"""Reads of resolutions and targets, scoped to the user's units."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from chitieu.accounts.permissions import Capability, get_or_404, scope
from chitieu.core.users import AnyUser
from chitieu.targets.models import Resolution, Target


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
