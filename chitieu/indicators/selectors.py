"""Reads of the indicator catalogue: everyone reads it."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from chitieu.indicators.models import Indicator


def indicator_catalogue() -> list[Indicator]:
    """Every indicator, by category and code, with the indicator that weighs it."""
    return list(Indicator.objects.select_related("weight_indicator").order_by("category", "code"))


def active_indicators() -> list[Indicator]:
    """The indicators a page may pick from, in catalogue order."""
    return list(Indicator.objects.filter(is_active=True).order_by("code"))


def access_indicator(pk: object) -> Indicator:
    """One indicator of the catalogue (404 if there is none)."""
    return get_object_or_404(Indicator, pk=pk)


def indicator_by_key(key: str) -> Indicator | None:
    """The indicator whose primary key is `key` as typed in a form's field name, if any."""
    if not (key.isascii() and key.isdigit()):
        return None
    return Indicator.objects.filter(pk=int(key)).first()


def indicators_by_key() -> dict[str, Indicator]:
    """Every indicator by its primary key as a form posts it."""
    return {str(indicator.pk): indicator for indicator in Indicator.objects.all()}
