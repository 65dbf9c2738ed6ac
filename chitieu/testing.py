"""Helpers the test modules share: a logged-in client, a figure entered through the service."""

from __future__ import annotations

from decimal import Decimal

from django.test import Client


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def put(actor, unit, indicator, period: str, value: str, kind: str = "estimate") -> None:
    """Enter one figure as a reporter would, over whatever version is stored."""
    from chitieu.actuals.models import Actual
    from chitieu.actuals.services import ValueInput, actuals_save

    current = Actual.objects.filter(
        unit=unit, indicator=indicator, period=period, kind=kind
    ).first()
    actuals_save(
        actor=actor,
        unit=unit,
        period=period,
        kind=kind,
        values=[ValueInput(indicator, Decimal(value), current.version if current else 0)],
    )
