"""The API is scoped exactly as the pages are, and answers in JSON with Vietnamese messages."""

import json

from django.test import Client

from chitieu.accounts.services import token_create
from chitieu.core.models import ObjectChange


def api_client(user) -> tuple[Client, dict]:
    _token, key = token_create(actor=user, name="test")
    return Client(), {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_without_a_token_the_api_answers_401_in_vietnamese(tree):
    response = Client().get("/api/units")
    assert response.status_code == 401
    assert response.json() == {
        "code": "unauthenticated",
        "message": "Cần đăng nhập hoặc khóa API hợp lệ.",
        "details": None,
    }


def test_a_reporter_lists_only_their_commune(tree, reporter_a):
    client, auth = api_client(reporter_a)
    response = client.get("/api/units", {"q": "ky"}, **auth)
    assert response.status_code == 200
    assert [unit["name"] for unit in response.json()] == ["Phường Kỳ Ninh"]


def test_a_reporter_cannot_read_another_commune(tree, reporter_a):
    client, auth = api_client(reporter_a)
    response = client.get(f"/api/units/{tree.commune_b.pk}", **auth)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_reporter_cannot_change_another_commune_and_nothing_changes(tree, reporter_a):
    client, auth = api_client(reporter_a)
    before = ObjectChange.objects.count()
    response = client.patch(
        f"/api/units/{tree.commune_b.pk}",
        data=json.dumps({"name": "Bị sửa"}),
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 404
    tree.commune_b.refresh_from_db()
    assert tree.commune_b.name == "Xã Kỳ Hà"
    assert ObjectChange.objects.count() == before


def test_a_reporter_cannot_change_their_own_commune_either(tree, reporter_a):
    client, auth = api_client(reporter_a)
    response = client.patch(
        f"/api/units/{tree.commune_a.pk}",
        data=json.dumps({"name": "Bị sửa"}),
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    tree.commune_a.refresh_from_db()
    assert tree.commune_a.name == "Phường Kỳ Ninh"


def test_an_administrator_changes_a_unit_through_the_api_with_audit(tree, unit_admin):
    client, auth = api_client(unit_admin)
    response = client.patch(
        f"/api/units/{tree.commune_a.pk}",
        data=json.dumps({"note": "Qua API", "reason": "Kiểm thử"}),
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 200
    change = ObjectChange.objects.filter(object_id=str(tree.commune_a.pk)).first()
    assert (change.actor, change.after["note"], change.reason) == (
        unit_admin,
        "Qua API",
        "Kiểm thử",
    )


def test_bad_input_is_a_422_with_a_vietnamese_message(tree, unit_admin):
    client, auth = api_client(unit_admin)
    response = client.patch(
        f"/api/units/{tree.commune_a.pk}",
        data=json.dumps({"valid_from": "không phải ngày"}),
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 422
    assert response.json()["message"] == "Dữ liệu gửi lên không hợp lệ."
    inverted = client.patch(
        f"/api/units/{tree.commune_a.pk}",
        data=json.dumps({"valid_from": "2026-01-01"}),
        content_type="application/json",
        **auth,
    )
    assert inverted.status_code == 422
    assert inverted.json()["message"] == "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."


def test_the_unit_detail_has_its_history(tree, superuser):
    from chitieu.units.services import unit_link_create

    unit_link_create(
        actor=superuser,
        predecessor=tree.commune_a,
        successor=tree.new_ward,
        effective_date=tree.new_ward.valid_from,
        whole=True,
    )
    client, auth = api_client(superuser)
    body = client.get(f"/api/units/{tree.commune_a.pk}", **auth).json()
    assert body["valid_to"] == "2025-06-30"
    assert body["merged_into"] == [
        {
            "unit": {"id": tree.new_ward.pk, "name": "Phường Hải Ninh"},
            "effective_date": "2025-07-01",
            "whole": True,
        }
    ]


def test_openapi_is_published(db):
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    assert "/api/units" in response.json()["paths"]
