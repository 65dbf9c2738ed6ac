"""Helpers the test modules share: a logged-in client, a figure entered through the service, a
sent proposal carried through to its decision."""

from __future__ import annotations

import datetime as dt
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


def review_and_decide(
    board, proposal, number: str, date: dt.date, issuer: str = "Chủ tịch UBND tỉnh", **extra
):
    """Review a sent proposal, put it before the People's Committee and record its decision: the
    steps many tests take before the part they check."""
    from chitieu.awards.services import decision_record, proposal_review, proposal_to_committee

    proposal_review(actor=board, proposal=proposal)
    proposal_to_committee(actor=board, proposal=proposal)
    return decision_record(
        actor=board, proposal=proposal, number=number, date=date, issuer=issuer, **extra
    )
