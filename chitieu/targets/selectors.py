"""Reads of resolutions and targets, scoped to the user's units."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from chitieu.accounts.permissions import Capability, get_or_404, scope
from chitieu.core.numbers import Bounds
from chitieu.core.users import AnyUser
from chitieu.indicators.selectors import indicator_by_key
from chitieu.targets.models import Measure, Resolution, Target
from chitieu.targets.plausibility import in_percent
from chitieu.targets.services import NUMBER_FIELDS, target_number_bounds
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


@dataclass(frozen=True)
class NumberRule:
    """How a number typed for an indicator is read: its bounds, and whether it is a
    percentage that the 100% warning applies to."""

    bounds: Bounds
    percent: bool


def number_rule(indicator_pk: object, measure: str = "", field: str = "") -> NumberRule | None:
    """The rule of a figure of the indicator (no `measure`: the data-entry sheet), or of the
    number `field` of a target with that `measure` (the target form); None for an unknown
    indicator. Read by the live check of the forms."""
    text = str(indicator_pk)
    indicator = indicator_by_key(text) if len(text) <= 10 else None
    if indicator is None:
        return None
    if measure in Measure.values:
        role = field if field in NUMBER_FIELDS else "value"
        return NumberRule(
            target_number_bounds(indicator, measure, role), in_percent(indicator, measure, role)
        )
    return NumberRule(
        indicator.value_bounds(), indicator.is_percentage and indicator.maximum is None
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
