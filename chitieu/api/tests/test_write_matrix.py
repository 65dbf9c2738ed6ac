"""Every write operation of the API × every role, as the pages' matrix does it
(accounts/tests/test_permission_matrix.py): a refused role gets a JSON 401/403/404/422 and no row
and no audit row changes; an allowed role is let through. The operations come from the OpenAPI
schema, so a new write operation that is not listed here fails the first test."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import transaction

from chitieu.accounts.tests.test_permission_matrix import (
    ENTRY,
    ROLES,
    TARGETS,
    TOWN_BOARD,
    UNITS,
    Rollback,
    World,
    _clients,
    everything,
)
from chitieu.api.api import api

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Operation:
    method: str
    path: str  # as in the OpenAPI schema
    allowed: frozenset[str]
    build: Callable[[World], tuple[str, str, str]]  # url, body, content type


def _json(url: str, body: dict) -> tuple[str, str, str]:
    return url, json.dumps(body), "application/json"


def _figure(w: World) -> dict:
    return {"unit": w.tree.commune_a.pk, "indicator": "KT06", "period": "2021", "value": "12.5"}


def _coded_unit(w: World) -> str:
    """The reporter's commune with an official code, as DHIS2 names units."""
    from chitieu.units.services import unit_update

    unit_update(actor=w.superuser, unit=w.tree.commune_a, code="28801")
    return "28801"


def _dhis2_json(w: World) -> tuple[str, str, str]:
    value = {"dataElement": "KT06", "period": "2021", "orgUnit": _coded_unit(w), "value": "12.5"}
    return _json("/api/actuals/dataValueSets", {"dataValues": [value]})


def _dhis2_csv(w: World) -> tuple[str, str, str]:
    header = "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value"
    body = f"{header}\nKT06,2021,{_coded_unit(w)},,,12.5\n"
    return "/api/actuals/dataValueSets", body, "text/csv"


OPERATIONS = (
    Operation("post", "/api/actuals/dataValueSets", ENTRY, _dhis2_json),
    Operation("post", "/api/actuals/dataValueSets", ENTRY, _dhis2_csv),
    Operation(
        "post", "/api/actuals", ENTRY, lambda w: _json("/api/actuals", {"values": [_figure(w)]})
    ),
    Operation(
        "post",
        "/api/actuals/csv",
        ENTRY,
        lambda w: (
            "/api/actuals/csv",
            f"unit,indicator,period,kind,value\n{w.tree.commune_a.pk},KT06,2021,estimate,12.5\n",
            "text/csv",
        ),
    ),
    Operation(
        "post",
        "/api/resolutions",
        TARGETS,
        lambda w: _json(
            "/api/resolutions",
            {
                "unit": w.tree.town.pk,
                "number": "02/NQ-HĐND",
                "title": "Bổ sung",
                "date": "2021-03-01",
                "issuing_body": "HĐND thị xã Kỳ Anh",
                "period": "2021",
            },
        ),
    ),
    Operation(
        "post",
        "/api/resolutions/{resolution_id}/targets",
        TARGETS,
        lambda w: _json(
            f"/api/resolutions/{w.resolution.pk}/targets",
            {"indicator": "KT01", "issuer": "HĐND giao", "value": "8.5"},
        ),
    ),
    Operation(
        "patch",
        "/api/units/{unit_id}",
        UNITS,
        lambda w: _json(f"/api/units/{w.tree.commune_a.pk}", {"note": "Ghi chú", "reason": "Sửa"}),
    ),
    Operation(
        "post",
        "/api/awards/persons/{person_id}/ratings",
        TOWN_BOARD,
        lambda w: _json(f"/api/awards/persons/{w.lan.pk}/ratings", {"year": 2025, "rating": "HTT"}),
    ),
    Operation(
        "post",
        "/api/awards/collectives/{unit_id}/ratings",
        TOWN_BOARD,
        lambda w: _json(
            f"/api/awards/collectives/{w.tree.town.pk}/ratings", {"year": 2025, "rating": "HTXS"}
        ),
    ),
    Operation(
        "post",
        "/api/awards/persons/{person_id}/initiatives",
        TOWN_BOARD,
        lambda w: _json(
            f"/api/awards/persons/{w.lan.pk}/initiatives", {"title": "Sổ tay", "year": 2025}
        ),
    ),
    Operation(
        "post",
        "/api/awards/persons/{person_id}/research",
        TOWN_BOARD,
        lambda w: _json(
            f"/api/awards/persons/{w.lan.pk}/research", {"title": "Đề tài", "year": 2025}
        ),
    ),
    Operation(
        "post",
        "/api/awards/persons/{person_id}/matters",
        TOWN_BOARD,
        lambda w: _json(
            f"/api/awards/persons/{w.lan.pk}/matters", {"kind": "thanh_tra", "year": 2025}
        ),
    ),
    Operation(
        "post",
        "/api/awards/collectives/{unit_id}/matters",
        TOWN_BOARD,
        lambda w: _json(
            f"/api/awards/collectives/{w.tree.town.pk}/matters", {"kind": "thanh_tra", "year": 2025}
        ),
    ),
)


def test_every_write_operation_of_the_api_is_in_the_matrix():
    schema = api.get_openapi_schema()
    writes = {
        (method, path)
        for path, item in schema["paths"].items()
        for method in item
        if method in ("post", "put", "patch", "delete")
    }
    assert writes == {(op.method, op.path) for op in OPERATIONS}


@pytest.fixture
def world(tree, superuser, make_user, catalogue, awards) -> World:
    return World(tree, superuser, make_user, catalogue, awards)


@pytest.mark.parametrize("op", OPERATIONS, ids=[f"{o.method} {o.path}" for o in OPERATIONS])
def test_each_role_may_write_through_the_api_only_what_the_rules_allow(world, op: Operation):
    url, body, content_type = op.build(world)
    clients = _clients(world)
    before = everything()

    def send(role: str):
        return getattr(clients[role], op.method)(url, body, content_type=content_type)

    for role in ROLES:
        if role in op.allowed:
            continue
        response = send(role)
        assert response.status_code in (401, 403, 404, 422), (role, response.status_code)
        assert set(response.json()) == {"code", "message", "details"}, role
        assert everything() == before, f"{role} changed something"
    for role in sorted(op.allowed):
        try:
            with transaction.atomic():
                response = send(role)
                assert response.status_code in (200, 201), (role, response.status_code)
                assert everything() != before, f"{role} was let through but nothing changed"
                raise Rollback
        except Rollback:
            pass
    assert everything() == before
