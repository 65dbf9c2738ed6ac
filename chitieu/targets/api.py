from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from chitieu.core.converters import Id
from chitieu.core.http import AuthenticatedHttpRequest
from chitieu.indicators.models import Indicator
from chitieu.targets import selectors, services
from chitieu.targets.models import Resolution, Target
from chitieu.units.selectors import access_unit

router = Router()


class TargetOut(Schema):
    id: int
    indicator: str
    unit_id: int
    period: str
    issuer: str
    is_main: bool
    measure: str
    comparison: str
    value: Decimal | None
    upper: Decimal | None
    is_sample: bool

    @staticmethod
    def resolve_indicator(target: Target) -> str:
        return target.indicator.code


class ResolutionOut(Schema):
    id: int
    number: str
    title: str
    date: dt.date
    issuing_body: str
    unit_id: int
    period: str
    is_sample: bool


class ResolutionDetailOut(ResolutionOut):
    targets: list[TargetOut]


class ResolutionIn(Schema):
    unit: Id
    number: str
    title: str
    date: dt.date
    issuing_body: str
    period: str


class TargetIn(Schema):
    indicator: str
    issuer: str
    value: Decimal | None = None
    unit: Id | None = None
    period: str | None = None
    measure: str = "level"
    comparison: str = "reach"
    upper: Decimal | None = None
    threshold: Decimal | None = None
    subject_unit: Id | None = None
    is_main: bool = True
    wording: str = ""


@router.get("", response=list[ResolutionOut])
def list_resolutions(request: HttpRequest, unit: Id | None = None) -> list[Resolution]:
    return selectors.resolution_list(request.user, unit)


@router.get("/{resolution_id}", response=ResolutionDetailOut)
def get_resolution(request: HttpRequest, resolution_id: Id) -> dict[str, Any]:
    resolution = selectors.access_resolution(request.user, resolution_id)
    data = ResolutionOut.from_orm(resolution).dict()
    data["targets"] = selectors.resolution_targets(resolution)
    return data


@router.post("", response={201: ResolutionOut})
def create_resolution(request: AuthenticatedHttpRequest, payload: ResolutionIn) -> Status:
    unit = access_unit(request.user, payload.unit)
    data = payload.dict()
    data.pop("unit")
    return Status(201, services.resolution_create(actor=request.user, unit=unit, **data))


@router.post("/{resolution_id}/targets", response={201: TargetOut})
def add_target(request: AuthenticatedHttpRequest, resolution_id: Id, payload: TargetIn) -> Status:
    resolution = selectors.access_resolution(request.user, resolution_id)
    data = payload.dict()
    data["indicator"] = get_object_or_404(Indicator, code=data["indicator"])
    data["unit"] = access_unit(request.user, data["unit"]) if data["unit"] else None
    data["subject_unit"] = (
        access_unit(request.user, data["subject_unit"]) if data["subject_unit"] else None
    )
    return Status(201, services.target_create(actor=request.user, resolution=resolution, **data))
