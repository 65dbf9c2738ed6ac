from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from chitieu.awards.decisions.selectors import decisions_visible_to
from chitieu.awards.models import Proposal
from chitieu.awards.people import selectors as people
from chitieu.awards.proposals import selectors as proposals
from chitieu.core.converters import Id, Year

router = Router()


class ProposalOut(Schema):
    id: int
    unit_id: int
    year: int
    title: str
    status: str
    considered_at_id: int | None  # the level whose Board holds it


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
def list_proposals(request: HttpRequest, year: Year | None = None) -> list[Proposal]:
    return proposals.proposal_list(request.user, year)


@router.get("/proposals/{proposal_id}", response=ProposalDetailOut)
def get_proposal(request: HttpRequest, proposal_id: Id) -> dict[str, Any]:
    proposal = proposals.access_proposal(request.user, proposal_id)
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
def person_history(request: HttpRequest, person_id: Id) -> list[dict[str, Any]]:
    person = people.access_person(request.user, person_id)
    return [
        {
            "award": r.award.code,
            "year": r.year,
            "decision_number": r.decision_number,
            "decision_date": r.decision_date,
            "cash": r.cash,
        }
        for r in people.person_history(person)
    ]


class DecisionAwardOut(Schema):
    award: str
    person_id: int | None
    person: str | None
    unit_id: int | None
    unit: str | None
    cash: Decimal | None


class DecisionListOut(DecisionOut):
    id: int
    signer: str
    unit_id: int  # the deciding level
    proposal_id: int | None
    awards: list[DecisionAwardOut]


@router.get("/decisions", response=list[DecisionListOut])
def list_decisions(request: HttpRequest, year: Year | None = None) -> list[dict[str, Any]]:
    """The decisions on the proposals the user sees, with their lists; `year` is the
    achievement year, as for proposals."""
    return [
        {
            "id": decision.pk,
            "number": decision.number,
            "date": decision.date,
            "issuer": decision.issuer,
            "signer": decision.signer,
            "unit_id": decision.unit_id,
            "proposal_id": decision.proposal_id,
            "awards": [
                {
                    "award": record.award.code,
                    "person_id": record.person_id,
                    "person": record.person.full_name if record.person else None,
                    "unit_id": record.unit_id,
                    "unit": record.unit.name if record.unit else None,
                    "cash": record.cash,
                }
                for record in decision.awards.all()
            ],
        }
        for decision in decisions_visible_to(request.user, year)
    ]
