"""One bound on every entry: the same input typed in the sheet, the target form, an Excel cell,
the API's JSON and its CSV is refused with the same Vietnamese message, naming where it was
typed, and nothing is saved (no figure, no target, no audit row)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from chitieu.accounts.services import token_create
from chitieu.actuals.excel import SHEET, read_entry_workbook
from chitieu.actuals.models import Actual
from chitieu.core.models import ObjectChange
from chitieu.targets.models import Target
from chitieu.targets.services import resolution_create, target_create
from chitieu.testing import client_for

VN_SYNTAX = "“{}” không phải là số hợp lệ (ví dụ đúng: 1.695,36 hoặc 72.824)."
PLAIN_SYNTAX = (
    "“{}” không phải là số hợp lệ (dùng chữ số 0–9 và dấu chấm thập phân, ví dụ: 1695.36)."
)
TOO_BIG = "100.000.000.000.000.000.000 quá lớn: phần nguyên tối đa 13 chữ số."

# indicator, as typed in Vietnamese, as sent to the API, message (Vietnamese / API syntax)
CASES = [
    ("KT06", "100.000.000.000.000.000.000", "100000000000000000000", TOO_BIG, TOO_BIG),
    ("XH03", "150", "150", "giá trị 150 phải từ 0 đến 100.", None),
    ("XH03", "-0,5", "-0.5", "giá trị -0,5 phải từ 0 đến 100.", None),
    ("KT11", "2,5", "2.5", "2,5 phải là số nguyên.", None),
    ("KT11", "-3", "-3", "giá trị -3 không được nhỏ hơn 0.", None),
    ("KT06", "0,0000001", "0.0000001", "0,0000001 có quá nhiều chữ số thập phân: tối đa 6.", None),
    *[
        ("KT06", text, text, VN_SYNTAX.format(text), PLAIN_SYNTAX.format(text))
        for text in ("１２", "١٢", "²", "NaN", "sNaN", "Infinity", "1e30", "1E+30", "0x10")
    ],
]
IDS = [f"{code}:{typed}" for code, typed, *_rest in CASES]


@pytest.fixture
def plans(tree, superuser, catalogue):
    """A resolution of Phường Kỳ Ninh with a share, an amount and a count."""
    resolution = resolution_create(
        actor=superuser,
        unit=tree.commune_a,
        number="1",
        title="KH 2021",
        date=dt.date(2020, 12, 1),
        issuing_body="HĐND phường",
        period="2021",
    )
    for code, plan in (("KT06", "12"), ("XH03", "3.2"), ("KT11", "4")):
        target_create(
            actor=superuser,
            resolution=resolution,
            issuer="HĐND phường giao",
            indicator=catalogue[code],
            value=D(plan),
        )
    return resolution


def _counts() -> tuple[int, int, int]:
    return Actual.objects.count(), Target.objects.count(), ObjectChange.objects.count()


def _field(indicator) -> str:
    return f"{indicator.code} · {indicator.name}"


@pytest.mark.parametrize(("code", "typed", "sent", "message", "plain_message"), CASES, ids=IDS)
def test_the_sheet_refuses_it_naming_the_indicator(
    tree, reporter_a, catalogue, plans, code, typed, sent, message, plain_message
):
    before = _counts()
    indicator = catalogue[code]
    response = client_for(reporter_a).post(
        reverse("actuals_entry", args=[tree.commune_a.pk, "2021"]),
        {f"value_{indicator.pk}": typed},
    )
    assert response.status_code == 200
    assert response.context["problems"] == [f"{_field(indicator)}: {message}"]
    assert _counts() == before


@pytest.mark.parametrize(("code", "typed", "sent", "message", "plain_message"), CASES, ids=IDS)
def test_the_target_form_refuses_it_naming_the_field(
    tree, planner, catalogue, plans, code, typed, sent, message, plain_message
):
    before = _counts()
    response = client_for(planner).post(
        reverse("resolution_detail", args=[plans.pk]),
        {
            "indicator": catalogue[code].pk,
            "issuer": "UBND phường giao",
            "is_main": "on",
            "measure": "level",
            "comparison": "reach",
            "value": typed,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["value"] == [f"Giá trị kế hoạch: {message}"]
    assert _counts() == before


@pytest.mark.parametrize(("code", "typed", "sent", "message", "plain_message"), CASES, ids=IDS)
def test_an_excel_cell_is_refused_naming_sheet_row_and_column(
    tree, reporter_a, catalogue, plans, code, typed, sent, message, plain_message
):
    before = _counts()
    client = client_for(reporter_a)
    content = client.get(reverse("actuals_template", args=[tree.commune_a.pk, "2021"])).content
    workbook = load_workbook(BytesIO(content))
    sheet = workbook[SHEET]
    line = next(row for row in range(7, sheet.max_row + 1) if sheet.cell(row, 1).value == code)
    sheet.cell(line, 6).value = typed
    buffer = BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    upload = read_entry_workbook(reporter_a, buffer)
    where = f"Trang “{SHEET}”, dòng {line}, cột F ({catalogue[code].name})"
    assert upload.problems == [f"{where}: {message}"]
    assert _counts() == before


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        (True, "“True” không phải là số hợp lệ."),
        (1e30, "1.000.000.000.000.000.000.000.… quá lớn: phần nguyên tối đa 13 chữ số."),
        (dt.datetime(2021, 5, 1), VN_SYNTAX.format("2021-05-01 00:00:00")),
    ],
    ids=["boolean", "1e30", "date"],
)
def test_an_excel_cell_of_another_type_is_refused(
    tree, reporter_a, catalogue, plans, cell, message
):
    client = client_for(reporter_a)
    content = client.get(reverse("actuals_template", args=[tree.commune_a.pk, "2021"])).content
    workbook = load_workbook(BytesIO(content))
    sheet = workbook[SHEET]
    line = next(row for row in range(7, sheet.max_row + 1) if sheet.cell(row, 1).value == "KT06")
    sheet.cell(line, 6).value = cell
    buffer = BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    upload = read_entry_workbook(reporter_a, buffer)
    where = f"Trang “{SHEET}”, dòng {line}, cột F ({catalogue['KT06'].name})"
    assert upload.problems == [f"{where}: {message}"]


def _api(reporter_a):
    _token, key = token_create(actor=reporter_a, name="test")
    return client_for(reporter_a), {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.mark.parametrize(("code", "typed", "sent", "message", "plain_message"), CASES, ids=IDS)
def test_the_api_json_refuses_it_naming_the_row(
    tree, reporter_a, catalogue, plans, code, typed, sent, message, plain_message
):
    client, auth = _api(reporter_a)
    before = _counts()
    body = {
        "values": [{"unit": tree.commune_a.pk, "indicator": code, "period": "2021", "value": sent}]
    }
    response = client.post(
        "/api/actuals", json.dumps(body), content_type="application/json", **auth
    )
    expected = f"Dòng 1, {_field(catalogue[code])}: {plain_message or message}"
    assert response.status_code == 422
    assert response.json() == {
        "code": "invalid_rows",
        "message": "1 lỗi; không có giá trị nào được lưu.",
        "details": [{"row": 1, "field": "value", "message": expected}],
    }
    assert _counts() == before


@pytest.mark.parametrize(("code", "typed", "sent", "message", "plain_message"), CASES, ids=IDS)
def test_the_api_csv_refuses_it_naming_the_row(
    tree, reporter_a, catalogue, plans, code, typed, sent, message, plain_message
):
    client, auth = _api(reporter_a)
    before = _counts()
    body = f"unit,indicator,period,kind,value\n{tree.commune_a.pk},{code},2021,estimate,{sent}\n"
    response = client.post("/api/actuals/csv", body, content_type="text/csv", **auth)
    expected = f"Dòng 1, {_field(catalogue[code])}: {plain_message or message}"
    assert response.status_code == 422
    assert response.json()["details"] == [{"row": 1, "field": "value", "message": expected}]
    assert _counts() == before


def test_a_superscript_unit_id_in_the_csv_is_a_message_not_a_server_error(
    tree, reporter_a, catalogue, plans
):
    client, auth = _api(reporter_a)
    body = "unit,indicator,period,kind,value\n²,KT06,2021,estimate,12\n"
    response = client.post("/api/actuals/csv", body, content_type="text/csv", **auth)
    assert response.status_code == 422
    assert response.json()["details"] == [
        {"row": 1, "field": "unit", "message": "Dòng 1: không có đơn vị “²” trong phạm vi của bạn."}
    ]


def test_the_service_itself_refuses_an_out_of_bounds_figure(tree, reporter_a, catalogue, plans):
    """Whatever path calls it (the bulk API, a job, a command), the service bounds the value."""
    from django.core.exceptions import ValidationError

    from chitieu.actuals.services import ValueInput, actuals_save

    before = _counts()
    with pytest.raises(ValidationError) as caught:
        actuals_save(
            actor=reporter_a,
            unit=tree.commune_a,
            period="2021",
            kind="estimate",
            values=[ValueInput(catalogue["XH03"], D("150"), 0)],
        )
    assert caught.value.messages == [f"{_field(catalogue['XH03'])}: giá trị 150 phải từ 0 đến 100."]
    assert _counts() == before
