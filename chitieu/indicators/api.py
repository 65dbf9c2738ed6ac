from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema

from chitieu.indicators.models import Indicator

router = Router()


class IndicatorOut(Schema):
    code: str
    name: str
    unit_of_measure: str
    category: str
    direction: str
    aggregation: str
    nature: str


@router.get("", response=list[IndicatorOut])
def list_indicators(request: HttpRequest) -> QuerySet[Indicator]:
    """The indicator catalogue."""
    return Indicator.objects.filter(is_active=True).order_by("code")
