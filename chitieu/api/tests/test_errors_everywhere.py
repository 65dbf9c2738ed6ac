"""No input gives a server error: every /api/ answer that is an error is JSON
{"code", "message", "details"} in Vietnamese (Django's own 404, 405 and 413 and an unexpected
exception included), and the pages answer bad years, ids and counts with 404 or a message."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.test import Client

from chitieu.accounts.services import token_create
from chitieu.testing import client_for


@pytest.fixture
def auth(superuser) -> dict:
    _token, key = token_create(actor=superuser, name="t")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_an_unknown_api_path_is_a_json_404(db):
    response = Client().get("/api/no/such/thing")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Không tìm thấy.", "details": None}


def test_a_wrong_method_is_a_json_405(auth):
    response = Client().delete("/api/indicators", **auth)
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"
    assert response.json()["message"] == "Phương thức HTTP này không được hỗ trợ ở địa chỉ này."


def test_a_body_over_the_limit_is_a_json_413_before_it_is_read(auth):
    body = json.dumps({"unit": 1, "padding": "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE})
    response = Client().post("/api/resolutions", body, content_type="application/json", **auth)
    assert response.status_code == 413
    assert response.json() == {
        "code": "too_large",
        "message": "Dữ liệu gửi lên quá lớn (tối đa 2.621.440 byte).",
        "details": None,
    }


def test_the_bulk_operations_take_more_and_refuse_beyond_their_own_limit_as_json(auth, settings):
    settings.BULK_MAX_BYTES = 4096
    body = json.dumps({"values": [], "padding": "x" * 4096})
    for path in ("/api/actuals", "/api/actuals/csv", "/api/actuals/dataValueSets"):
        response = Client().post(path, body, content_type="application/json", **auth)
        assert response.status_code == 413, path
        assert response.json() == {
            "code": "too_large",
            "message": "Dữ liệu gửi lên quá lớn (tối đa 4.096 byte).",
            "details": None,
        }


def test_a_body_that_is_not_json_is_a_json_error(auth):
    response = Client().post("/api/actuals", "{not json", content_type="application/json", **auth)
    assert response.status_code in (400, 422)
    assert set(response.json()) == {"code", "message", "details"}


def test_a_session_post_without_csrf_is_a_json_403(superuser):
    client = Client(enforce_csrf_checks=True)
    client.force_login(superuser)
    response = client.post("/api/actuals", "{}", content_type="application/json")
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_an_unexpected_exception_is_a_json_500_in_vietnamese(auth, monkeypatch):
    class Broken:
        class objects:
            @staticmethod
            def filter(**_kwargs):
                raise RuntimeError("boom")

    monkeypatch.setattr("chitieu.indicators.api.Indicator", Broken)
    response = Client().get("/api/indicators", **auth)
    assert response.status_code == 500
    assert response.json() == {
        "code": "server_error",
        "message": "Lỗi máy chủ; yêu cầu chưa được thực hiện. Hãy thử lại hoặc báo quản trị.",
        "details": None,
    }


def test_an_error_outside_the_api_views_is_json_too(rf, db):
    from chitieu.api.errors import ApiErrorsMiddleware

    middleware = ApiErrorsMiddleware(lambda request: None)  # type: ignore[return-value]
    response = middleware.process_exception(rf.get("/api/units"), RuntimeError("boom"))
    assert response is not None and response.status_code == 500
    assert json.loads(response.content)["code"] == "server_error"
    assert middleware.process_exception(rf.get("/units/"), RuntimeError("boom")) is None


@pytest.mark.parametrize("year", [0, 99999, 1899, 2101])
def test_years_out_of_range_in_urls_are_404(tree, superuser, year):
    client = client_for(superuser)
    for url in (
        f"/awards/fund/{tree.town.pk}/{year}/",
        f"/emulation/{tree.province.pk}/{year}/",
        f"/reports/statistics/{tree.town.pk}/{year}/",
    ):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("asked", ["0", "99999", "²", "٢٠٢١", "abc"])
def test_a_year_in_a_query_string_that_is_not_one_falls_back(tree, superuser, catalogue, asked):
    client = client_for(superuser)
    assert client.get(f"/awards/proposals/?year={asked}").status_code == 200
    indicator = catalogue["KT06"]
    response = client.get(
        f"/results/overview/{tree.province.pk}/now/?year={asked}&indicator={indicator.pk}"
    )
    assert response.status_code == 200


@pytest.mark.parametrize("period", ["0000", "99999", "٢٠٢١", "T0000-2025"])
def test_a_period_that_is_not_one_is_404(tree, superuser, period):
    assert client_for(superuser).get(f"/actuals/{tree.town.pk}/{period}/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/api/resolutions?unit=-19033161745423319171072",
        "/api/units/100000000000000000000000",
        "/api/evaluation/100000000000000000000000?period=2021",
        "/api/awards/proposals?year=99999",
    ],
)
def test_an_id_or_year_no_database_holds_is_a_422_not_a_500(auth, url):
    response = Client().get(url, **auth)
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"


@pytest.mark.parametrize(
    "url",
    [
        "/results/unit/100000000000000000000000/",
        "/results/overview/100000000000000000000000/",
        "/reports/unit/100000000000000000000000/report.pdf",
        "/units/100000000000000000000000/",
    ],
)
def test_a_page_for_an_id_no_database_holds_is_a_404(superuser, url):
    assert client_for(superuser).get(url).status_code == 404
