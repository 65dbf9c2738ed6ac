"""Units in the API, scoped exactly as the pages are."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from chitieu.core.converters import Id
from chitieu.core.http import AuthenticatedHttpRequest
from chitieu.units import selectors, services
from chitieu.units.models import Unit

router = Router()


class UnitRef(Schema):
    id: int
    name: str


class UnitOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    type: str
    parent_id: int | None
    valid_from: dt.date | None
    valid_to: dt.date | None


class LinkOut(Schema):
    unit: UnitRef
    effective_date: dt.date
    whole: bool


class UnitDetailOut(UnitOut):
    merged_from: list[LinkOut]
    merged_into: list[LinkOut]


class UnitPatch(Schema):
    name: str | None = None
    short_name: str | None = None
    code: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    note: str | None = None
    reason: str = ""


@router.get("", response=list[UnitOut])
def list_units(request: HttpRequest, q: str = "", on: dt.date | None = None) -> list[Unit]:
    """Search the units you may see by name, with or without diacritics."""
    return selectors.unit_search(request.user, q, on)


@router.get("/{unit_id}", response=UnitDetailOut)
def get_unit(request: HttpRequest, unit_id: Id) -> dict[str, Any]:
    unit = selectors.access_unit(request.user, unit_id)
    history = selectors.unit_history(request.user, unit)
    data = UnitOut.from_orm(unit).dict()
    data["merged_from"] = [
        {"unit": link.predecessor, "effective_date": link.effective_date, "whole": link.whole}
        for link in history.predecessors
    ]
    data["merged_into"] = [
        {"unit": link.successor, "effective_date": link.effective_date, "whole": link.whole}
        for link in history.successors
    ]
    return data


@router.patch("/{unit_id}", response=UnitOut)
def patch_unit(request: AuthenticatedHttpRequest, unit_id: Id, payload: UnitPatch) -> Unit:
    unit = selectors.access_unit(request.user, unit_id)
    changes = payload.dict(exclude_unset=True)
    reason = changes.pop("reason", "")
    return services.unit_update(actor=request.user, unit=unit, reason=reason, **changes)
