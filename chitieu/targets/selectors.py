"""Reads of resolutions and targets, scoped to the user's units."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from chitieu.accounts.permissions import Capability, get_or_404, scope
from chitieu.core.numbers import Bounds
from chitieu.indicators.models import Indicator
from chitieu.targets.models import Measure, Resolution, Target
from chitieu.targets.plausibility import in_percent
from chitieu.targets.services import NUMBER_FIELDS, target_number_bounds


def resolutions_visible_to(user) -> QuerySet[Resolution]:
    return scope(Resolution.objects.all(), user, Capability.VIEW, "unit__path")


def access_resolution(user, pk: object) -> Resolution:
    return get_or_404(resolutions_visible_to(user).select_related("unit"), pk)


def access_target(user, pk: object) -> Target:
    targets = scope(Target.objects.all(), user, Capability.VIEW, "unit__path")
    return get_or_404(targets.select_related("resolution__unit", "unit", "indicator"), pk)


def resolution_list(user, unit_id: int | None = None) -> list[Resolution]:
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
    if not (text.isascii() and text.isdigit() and len(text) <= 10):
        return None
    indicator = Indicator.objects.filter(pk=int(text)).first()
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
