"""A script loads a year of figures through the API and reads back the headline counts."""

import json
from decimal import Decimal as D

from django.test import Client

from chitieu.accounts.services import token_create
from chitieu.actuals.models import Actual


def api(user):
    _token, key = token_create(actor=user, name="script")
    client = Client()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    def call(method, path, body=None, content_type="application/json", **params):
        kwargs = dict(headers)
        if body is not None:
            kwargs["data"] = body if isinstance(body, str) else json.dumps(body)
            kwargs["content_type"] = content_type
        if params:
            path += "?" + "&".join(f"{k}={v}" for k, v in params.items())
        return getattr(client, method)(path, **kwargs)

    return call


def test_a_year_of_figures_through_the_api(tree, planner, catalogue):
    call = api(planner)
    resolution = call(
        "post",
        "/api/resolutions",
        {
            "unit": tree.town.pk,
            "number": "05/NQ-HĐND",
            "title": "KH 2021",
            "date": "2020-12-18",
            "issuing_body": "HĐND thị xã",
            "period": "2021",
        },
    )
    assert resolution.status_code == 201
    rid = resolution.json()["id"]
    for indicator, value, comparison in (
        ("KT06", "273.5", "reach"),
        ("XH03", "3.2", "at_most"),
        ("XD02", "100", "reach"),
    ):
        added = call(
            "post",
            f"/api/resolutions/{rid}/targets",
            {
                "indicator": indicator,
                "issuer": "Thị xã đề ra",
                "value": value,
                "comparison": comparison,
            },
        )
        assert added.status_code == 201, added.json()
    values = [
        {"unit": tree.town.pk, "indicator": "KT06", "period": "2021", "value": "320"},
        {"unit": tree.town.pk, "indicator": "XH03", "period": "2021", "value": "3.5"},
        {"unit": tree.town.pk, "indicator": "XD02", "period": "2021", "value": "100"},
    ]
    dry = call("post", "/api/actuals", {"dry_run": True, "values": values})
    assert dry.json() == {"dry_run": True, "created": 3, "updated": 0, "unchanged": 0}
    assert not Actual.objects.exists()
    saved = call("post", "/api/actuals", {"values": values})
    assert saved.json() == {"dry_run": False, "created": 3, "updated": 0, "unchanged": 0}
    body = call("get", f"/api/evaluation/{tree.town.pk}", period="2021").json()
    assert (
        body["headlines"][0]["text"] == "2/3 chỉ tiêu chủ yếu đạt và vượt, trong đó 1 chỉ tiêu vượt"
    )
    assert [(r["indicator"], r["status"]) for r in body["results"]] == [
        ("KT06", "vuot"),
        ("XH03", "khong_dat"),
        ("XD02", "dat"),
    ]


def test_csv_value_sets_and_updates(tree, planner, catalogue):
    call = api(planner)
    csv = f"unit,indicator,period,kind,value\n{tree.town.pk},KT06,2021,estimate,320\n{tree.town.pk},KT07,2021,official,1695.36\n"
    assert call("post", "/api/actuals/csv", csv, content_type="text/csv").json()["created"] == 2
    again = f"unit,indicator,period,kind,value\n{tree.town.pk},KT06,2021,estimate,321\n{tree.town.pk},KT07,2021,official,1695.36\n"
    assert call("post", "/api/actuals/csv", again, content_type="text/csv").json() == {
        "dry_run": False,
        "created": 0,
        "updated": 1,
        "unchanged": 1,
    }
    assert Actual.objects.get(indicator__code="KT07").value == D("1695.36")


def test_one_bad_value_saves_nothing_and_says_why_in_vietnamese(
    tree, planner, reporter_a, catalogue
):
    call = api(reporter_a)
    response = call(
        "post",
        "/api/actuals",
        {
            "values": [
                {"unit": tree.commune_a.pk, "indicator": "KT06", "period": "2021", "value": "12"},
                {"unit": tree.commune_b.pk, "indicator": "KT06", "period": "2021", "value": "13"},
                {"unit": tree.commune_a.pk, "indicator": "KT99", "period": "2021", "value": "1"},
                {"unit": tree.commune_a.pk, "indicator": "KT07", "period": "2021-H3", "value": "1"},
                {"unit": tree.commune_a.pk, "indicator": "KT07", "period": "2021", "value": "1,5"},
            ]
        },
    )
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_rows"
    assert response.json()["message"] == "4 lỗi; không có giá trị nào được lưu."
    assert response.json()["details"] == [
        {
            "row": 2,
            "field": "unit",
            "message": f"Dòng 2: không có đơn vị “{tree.commune_b.pk}” trong phạm vi của bạn.",
        },
        {
            "row": 3,
            "field": "indicator",
            "message": "Dòng 3: chỉ tiêu “KT99” không có trong danh mục.",
        },
        {
            "row": 4,
            "field": "period",
            "message": "Dòng 4: “2021-H3” không phải là kỳ báo cáo hợp lệ (ví dụ: 2021, 2021-H1,"
            " 2021-Q3).",
        },
        {
            "row": 5,
            "field": "value",
            "message": "Dòng 5, KT07 · Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng: "
            "“1,5” không phải là số hợp lệ (dùng chữ số 0–9 và dấu chấm thập phân, ví dụ: "
            "1695.36).",
        },
    ]
    assert not Actual.objects.exists()


def test_malformed_input_is_a_422_not_a_500(tree, planner):
    call = api(planner)
    assert call("post", "/api/actuals", "{not json").status_code in (400, 422)
    assert (
        call("post", "/api/actuals/csv", "a,b\n1,2", content_type="text/csv").json()["code"]
        == "invalid_value"
    )
    assert call("get", f"/api/evaluation/{tree.town.pk}", period="năm ngoái").status_code == 404


def test_the_api_docs_are_served_without_a_cdn(db, superuser):
    client = Client()
    client.force_login(superuser)
    html = client.get("/api/docs").content.decode()
    assert "cdn." not in html
    assert "/static/ninja/swagger-ui-bundle.js" in html
