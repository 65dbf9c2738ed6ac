"""Reads for the TĐKT bodies and civil servants page, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import Http404

from chitieu.accounts.permissions import Capability, get_or_404, has_capability, scope
from chitieu.awards.models import TdktBodies, TdktOfficer
from chitieu.awards.staffing.services import BODY_FIELDS
from chitieu.awards.statistics.moha import BODY_ROWS_0604, age_on, reporting_period
from chitieu.core.users import AnyUser
from chitieu.units.models import PROVINCE_LEVEL, Unit


@dataclass
class BodyRow:
    code: str
    label: str
    field: str
    count: int


@dataclass
class OfficerRow:
    officer: TdktOfficer
    age: int
    seniority: int


@dataclass
class StaffingPage:
    unit: Unit
    year: int
    can_edit: bool
    bodies: list[BodyRow] = field(default_factory=list)
    bodies_entered: bool = False
    officers: list[OfficerRow] = field(default_factory=list)


def province_or_404(unit: Unit) -> Unit:
    if unit.type not in PROVINCE_LEVEL:
        raise Http404
    return unit


def staffing_page(user: AnyUser, unit: Unit, year: int) -> StaffingPage:
    end = reporting_period(year)[1]
    saved = TdktBodies.objects.filter(unit=unit, year=year).first()
    page = StaffingPage(
        unit=unit,
        year=year,
        can_edit=has_capability(user, Capability.MANAGE_EMULATION, unit),
        bodies_entered=saved is not None,
    )
    for (code, label, _unit, name), field_name in zip(BODY_ROWS_0604, BODY_FIELDS, strict=True):
        assert name == field_name
        page.bodies.append(BodyRow(code, label.lstrip("- "), name, getattr(saved, name, 0)))
    page.officers = [
        OfficerRow(officer, age_on(officer.birth_date, end), year - officer.began_year)
        for officer in TdktOfficer.objects.filter(unit=unit, year=year)
    ]
    return page


def access_officer(user: AnyUser, pk: object, need: Capability = Capability.VIEW) -> TdktOfficer:
    """A civil servant of a list in the user's units where they hold `need`, or 404."""
    queryset = TdktOfficer.objects.select_related("unit")
    return get_or_404(scope(queryset, user, need, "unit__path"), pk)
