"""The unit's places in its clusters, for pages of the layers below emulation (the results page
shows them without importing emulation)."""

from __future__ import annotations

from django import template

from chitieu.emulation.selectors import Standing, standings_of
from chitieu.units.models import Unit

register = template.Library()


@register.inclusion_tag("emulation/_standings.html")
def unit_standings(unit: Unit, year: int) -> dict[str, list[Standing]]:
    return {"standings": standings_of(unit, year)}
