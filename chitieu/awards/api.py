from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from chitieu.awards.decisions.selectors import decisions_visible_to
from chitieu.awards.models import Proposal
from chitieu.awards.people import records
from chitieu.awards.people import selectors as people
from chitieu.awards.proposals import selectors as proposals
from chitieu.core.converters import Id, Year
from chitieu.core.http import AuthenticatedHttpRequest
from chitieu.units.selectors import access_unit

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


# -- the checker's data: ratings, initiatives, research projects, pending matters ---------------


class RatingIn(Schema):
    year: Year
    rating: str = Field(max_length=4, description="HTXS, HTT, HT or KHT")


class RatingOut(Schema):
    id: int
    person_id: int | None
    unit_id: int | None
    year: int
    rating: str


class InitiativeIn(Schema):
    title: str = Field(max_length=300)
    year: Year
    scope: str = Field("co_so", max_length=10, description="co_so, tinh or toan_quoc")
    decision_number: str = Field("", max_length=60)
    decision_date: dt.date | None = None
    issuer: str = Field("", max_length=200)


class InitiativeOut(Schema):
    id: int
    person_id: int
    title: str
    year: int
    scope: str
    is_research: bool
    decision_number: str
    decision_date: dt.date | None
    issuer: str
    used_for_id: int | None


class MatterIn(Schema):
    kind: str = Field(max_length=10, description="ky_luat, thanh_tra or khieu_nai")
    level: str = Field("", max_length=16)
    year: Year
    closed_on: dt.date | None = None
    note: str = Field("", max_length=300)


class MatterOut(Schema):
    id: int
    person_id: int | None
    unit_id: int | None
    kind: str
    level: str
    year: int
    closed_on: dt.date | None
    note: str


class RecordsOut(Schema):
    ratings: list[RatingOut]
    initiatives: list[InitiativeOut]
    matters: list[MatterOut]


@router.get("/persons/{person_id}/records", response=RecordsOut)
def person_records(request: HttpRequest, person_id: Id) -> dict[str, Any]:
    """What the checker knows of a person: ratings, initiatives and research, pending matters."""
    person = people.access_person(request.user, person_id)
    page = people.person_page(person)
    return {
        "ratings": page.ratings,
        "initiatives": page.initiatives,
        "matters": list(person.matters.order_by("-year", "id")),
    }


@router.post("/persons/{person_id}/ratings", response={201: RatingOut})
def rate_person(request: AuthenticatedHttpRequest, person_id: Id, payload: RatingIn) -> Status:
    person = people.access_person(request.user, person_id)
    return Status(201, records.rating_record(actor=request.user, person=person, **payload.dict()))


@router.post("/collectives/{unit_id}/ratings", response={201: RatingOut})
def rate_collective(request: AuthenticatedHttpRequest, unit_id: Id, payload: RatingIn) -> Status:
    unit = access_unit(request.user, unit_id)
    return Status(201, records.rating_record(actor=request.user, unit=unit, **payload.dict()))


@router.post("/persons/{person_id}/initiatives", response={201: InitiativeOut})
def add_initiative(
    request: AuthenticatedHttpRequest, person_id: Id, payload: InitiativeIn
) -> Status:
    person = people.access_person(request.user, person_id)
    return Status(
        201, records.initiative_create(actor=request.user, person=person, **payload.dict())
    )


@router.post("/persons/{person_id}/research", response={201: InitiativeOut})
def add_research(request: AuthenticatedHttpRequest, person_id: Id, payload: InitiativeIn) -> Status:
    person = people.access_person(request.user, person_id)
    return Status(
        201,
        records.initiative_create(
            actor=request.user, person=person, is_research=True, **payload.dict()
        ),
    )


@router.post("/persons/{person_id}/matters", response={201: MatterOut})
def add_person_matter(
    request: AuthenticatedHttpRequest, person_id: Id, payload: MatterIn
) -> Status:
    person = people.access_person(request.user, person_id)
    return Status(201, records.matter_create(actor=request.user, person=person, **payload.dict()))


@router.post("/collectives/{unit_id}/matters", response={201: MatterOut})
def add_collective_matter(
    request: AuthenticatedHttpRequest, unit_id: Id, payload: MatterIn
) -> Status:
    unit = access_unit(request.user, unit_id)
    return Status(201, records.matter_create(actor=request.user, unit=unit, **payload.dict()))
