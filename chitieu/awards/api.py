from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Router, Schema

from chitieu.awards import selectors

router = Router()


class ProposalOut(Schema):
    id: int
    unit_id: int
    year: int
    title: str
    status: str


class ItemOut(Schema):
    award: str
    person: str | None
    unit: str | None
    eligible: bool
    unmet: list[str]


class DecisionOut(Schema):
    number: str
    date: dt.date
    issuer: str


class ProposalDetailOut(ProposalOut):
    items: list[ItemOut]
    decision: DecisionOut | None


class AwardOut(Schema):
    award: str
    year: int
    decision_number: str
    decision_date: dt.date
    cash: Decimal | None


@router.get("/proposals", response=list[ProposalOut])
def list_proposals(request, year: int | None = None):
    return selectors.proposal_list(request.user, year)


@router.get("/proposals/{proposal_id}", response=ProposalDetailOut)
def get_proposal(request, proposal_id: int):
    proposal = selectors.access_proposal(request.user, proposal_id)
    items = [
        {
            "award": item.award.code,
            "person": item.person.full_name if item.person else None,
            "unit": item.unit.name if item.unit else None,
            "eligible": item.eligible,
            "unmet": [f["message"] for f in item.findings if not f["met"]],
        }
        for item in proposal.items.select_related("award", "person", "unit")
    ]
    decision = getattr(proposal, "decision", None)
    return {
        **ProposalOut.from_orm(proposal).dict(),
        "items": items,
        "decision": DecisionOut.from_orm(decision).dict() if decision else None,
    }


@router.get("/persons/{person_id}/history", response=list[AwardOut])
def person_history(request, person_id: int):
    person = selectors.access_person(request.user, person_id)
    return [
        {
            "award": r.award.code,
            "year": r.year,
            "decision_number": r.decision_number,
            "decision_date": r.decision_date,
            "cash": r.cash,
        }
        for r in selectors.person_history(person)
    ]
