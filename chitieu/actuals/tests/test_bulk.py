"""Many figures in one call: checked whole by the entry rules, written set by set or not at all,
with revisions, one audit entry per chunk, and DHIS2's dataValueSets as another layout."""

from __future__ import annotations

import io
import json
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chitieu.accounts.services import token_create
from chitieu.actuals.bulk import BulkRefused, Layout, actuals_bulk_save, dhis2_period
from chitieu.actuals.models import Actual, ActualRevision, Submission
from chitieu.actuals.services import submission_approve, submission_submit
from chitieu.core.dates import format_date
from chitieu.core.models import ChangeAction, Job, JobStatus, ObjectChange
from chitieu.core.periods import PeriodError
from chitieu.testing import client_for, put
from chitieu.units.services import unit_update

KT06 = "KT06 · Thu ngân sách nhà nước trên địa bàn"


def _counts() -> tuple[int, int, int, int]:
    return (
        Actual.objects.count(),
        ActualRevision.objects.count(),
        ObjectChange.objects.count(),
        Submission.objects.count(),
    )


def _json(values: list[dict], **top) -> io.BytesIO:
    return io.BytesIO(json.dumps({**top, "values": values}).encode())


def _save(actor, values: list[dict], **options):
    return actuals_bulk_save(actor=actor, body=_json(values), layout=Layout.JSON, **options)


def _refusal(actor, body: io.BytesIO, layout: str = Layout.JSON) -> list[tuple[int, str, str]]:
    with pytest.raises(BulkRefused) as refused:
        actuals_bulk_save(actor=actor, body=body, layout=layout)
    return [(e.row, e.field, e.message) for e in refused.value.errors]


def _stored() -> list[tuple[str, str, str, str, D | None, int]]:
    return sorted(
        (a.unit.name, a.indicator.code, a.period, a.kind, a.value, a.version)
        for a in Actual.objects.select_related("unit", "indicator")
    )


def test_a_batch_with_one_bad_value_changes_nothing_and_names_it(tree, superuser, catalogue):
    put(superuser, tree.commune_a, catalogue["KT06"], "2021", "5")
    before = _counts()
    errors = _refusal(
        superuser,
        _json(
            [
                {"unit": tree.commune_a.pk, "indicator": "KT06", "period": "2021", "value": "12"},
                {"unit": tree.commune_b.pk, "indicator": "KT06", "period": "2021", "value": "13"},
                {"unit": tree.commune_b.pk, "indicator": "XH03", "period": "2021", "value": "150"},
                {"unit": tree.commune_b.pk, "indicator": "KT06", "period": "2021", "value": "14"},
            ]
        ),
    )
    assert errors == [
        (
            3,
            "value",
            "Dòng 3, XH03 · Tỷ lệ hộ nghèo: giá trị 150 phải từ 0 đến 100.",
        ),
        (
            4,
            "indicator",
            "Dòng 4: trùng với dòng 2 (cùng đơn vị, chỉ tiêu, kỳ và loại số liệu).",
        ),
    ]
    assert _counts() == before
    assert Actual.objects.get(unit=tree.commune_a).value == D("5")


def test_counts_revisions_and_one_audit_entry_with_every_value_old_and_new(
    tree, superuser, catalogue
):
    a, b = tree.commune_a, tree.commune_b
    first = _save(
        superuser,
        [
            {"unit": a.pk, "indicator": "KT06", "period": "2021", "value": "12.5"},
            {"unit": a.pk, "indicator": "KT07", "period": "2021", "value": 300},
            {
                "unit": b.pk,
                "indicator": "KT06",
                "period": "2021-Q1",
                "value": "7",
                "comment": "Sơ bộ",
            },
            {"unit": b.pk, "indicator": "KT07", "period": "2021-Q1", "value": None},
        ],
    )
    assert first.as_dict() == {"dry_run": False, "created": 3, "updated": 0, "unchanged": 1}
    opened = ObjectChange.objects.get(content_type__model="submission")
    assert (opened.action, opened.object_repr, opened.scope_path, opened.after) == (
        ChangeAction.CREATE,
        "2 báo cáo mới (nháp)",
        tree.town.path,
        {
            f"Phường Kỳ Ninh (#{a.pk}) · 2021 · ước thực hiện": "draft",
            f"Xã Kỳ Hà (#{b.pk}) · 2021-Q1 · ước thực hiện": "draft",
        },
    )
    changes_before = ObjectChange.objects.count()
    second = _save(
        superuser,
        [
            {"unit": a.pk, "indicator": "KT06", "period": "2021", "value": "12.50"},
            {"unit": a.pk, "indicator": "KT07", "period": "2021", "value": "310", "version": 1},
            {"unit": b.pk, "indicator": "KT06", "period": "2021-Q1", "value": ""},
            {"unit": b.pk, "indicator": "XH03", "period": "2021-Q1", "value": "2.5"},
        ],
        source="API thử",
    )
    assert second.as_dict() == {"dry_run": False, "created": 1, "updated": 2, "unchanged": 1}
    assert _stored() == [
        ("Phường Kỳ Ninh", "KT06", "2021", "estimate", D("12.5"), 1),
        ("Phường Kỳ Ninh", "KT07", "2021", "estimate", D("310"), 2),
        ("Xã Kỳ Hà", "KT06", "2021-Q1", "estimate", None, 2),
        ("Xã Kỳ Hà", "XH03", "2021-Q1", "estimate", D("2.5"), 1),
    ]
    revisions = sorted(
        (r.actual.indicator.code, r.actual.period, r.version, r.value, r.source, r.comment)
        for r in ActualRevision.objects.select_related("actual__indicator")
        if r.author_id == superuser.pk
    )
    assert revisions == [
        ("KT06", "2021", 1, D("12.5"), "API", ""),
        ("KT06", "2021-Q1", 1, D("7"), "API", "Sơ bộ"),
        ("KT06", "2021-Q1", 2, None, "API thử", ""),
        ("KT07", "2021", 1, D("300"), "API", ""),
        ("KT07", "2021", 2, D("310"), "API thử", ""),
        ("XH03", "2021-Q1", 1, D("2.5"), "API thử", ""),
    ]
    (entry,) = ObjectChange.objects.all()[: ObjectChange.objects.count() - changes_before]
    assert (entry.action, entry.verb, entry.actor, entry.reason) == (
        ChangeAction.ACTION,
        "nhập hàng loạt",
        superuser,
        "API thử",
    )
    assert entry.object_repr == "3 số liệu của 2 đơn vị (1 mới, 2 sửa)"
    assert entry.scope_path == tree.town.path
    assert entry.changed_fields() == [
        (f"KT06 · Xã Kỳ Hà (#{b.pk}) · 2021-Q1 · estimate", "7", None),
        (f"KT07 · Phường Kỳ Ninh (#{a.pk}) · 2021 · estimate", "300", "310"),
        (f"XH03 · Xã Kỳ Hà (#{b.pk}) · 2021-Q1 · estimate", None, "2.5"),
    ]


def test_the_audit_list_shows_a_batch_entry_value_by_value(tree, superuser, catalogue):
    _save(
        superuser,
        [{"unit": tree.commune_a.pk, "indicator": "KT06", "period": "2021", "value": "9"}],
    )
    page = client_for(superuser).get("/audit/").content.decode()
    key = f"KT06 · Phường Kỳ Ninh (#{tree.commune_a.pk}) · 2021 · estimate"
    assert f"<li>{key}: <del>∅</del> → <ins>9</ins></li>" in page
    assert "1 số liệu của 1 đơn vị (1 mới, 0 sửa)" in page


def test_a_dry_run_tells_what_would_change_and_writes_nothing(tree, superuser, catalogue):
    put(superuser, tree.commune_a, catalogue["KT06"], "2021", "5")
    before = _counts()
    result = _save(
        superuser,
        [
            {"unit": tree.commune_a.pk, "indicator": "KT06", "period": "2021", "value": "6"},
            {"unit": tree.commune_a.pk, "indicator": "KT07", "period": "2021", "value": "6"},
        ],
        dry_run=True,
    )
    assert result.as_dict() == {"dry_run": True, "created": 1, "updated": 1, "unchanged": 0}
    assert _counts() == before


def test_a_version_read_before_another_save_is_refused_with_the_newer_value(
    tree, superuser, reporter_a, catalogue
):
    put(superuser, tree.commune_a, catalogue["KT06"], "2021", "12")
    stored = Actual.objects.get()
    before = _counts()
    errors = _refusal(
        reporter_a,
        _json(
            [
                {"unit": tree.commune_a.pk, "indicator": "KT07", "period": "2021", "value": "1"},
                {
                    "unit": tree.commune_a.pk,
                    "indicator": "KT06",
                    "period": "2021",
                    "value": "13",
                    "version": 0,
                },
            ]
        ),
    )
    from django.utils import timezone

    moment = timezone.localtime(stored.updated_at)
    assert errors == [
        (
            2,
            "version",
            f"Dòng 2, {KT06}: giá trị vừa được thay đổi thành 12, do root lưu lúc "
            f"{moment:%H:%M} {format_date(moment.date())} (phiên bản 1, bạn gửi 0). Số liệu của "
            "bạn chưa được lưu; hãy xem lại và gửi lại.",
        )
    ]
    assert _counts() == before
    assert Actual.objects.get().value == D("12")
    row = {"unit": tree.commune_a.pk, "indicator": "KT06", "period": "2021", "value": "13"}
    assert _save(reporter_a, [{**row, "version": 1}]).updated == 1
    assert Actual.objects.get().version == 2


def test_a_reporter_may_not_write_outside_their_units_and_nothing_changes(
    tree, reporter_a, catalogue
):
    before = _counts()
    errors = _refusal(
        reporter_a,
        _json(
            [
                {"unit": tree.commune_a.pk, "indicator": "KT06", "period": "2021", "value": "1"},
                {"unit": tree.commune_b.pk, "indicator": "KT06", "period": "2021", "value": "2"},
                {"unit": tree.town.pk, "indicator": "KT06", "period": "2021", "value": "3"},
            ]
        ),
    )
    assert errors == [
        (2, "unit", f"Dòng 2: không có đơn vị “{tree.commune_b.pk}” trong phạm vi của bạn."),
        (3, "unit", f"Dòng 3: không có đơn vị “{tree.town.pk}” trong phạm vi của bạn."),
    ]
    assert _counts() == before


def test_an_approved_report_refuses_its_figures(tree, superuser, reporter_a, catalogue):
    put(reporter_a, tree.commune_a, catalogue["KT06"], "2021", "5")
    submission_submit(actor=reporter_a, unit=tree.commune_a, period="2021")
    approved = submission_approve(actor=superuser, unit=tree.commune_a, period="2021")
    before = _counts()
    errors = _refusal(
        superuser,
        _json(
            [
                {"unit": tree.commune_a.pk, "indicator": "KT06", "period": "2021", "value": "6"},
                {"unit": tree.commune_a.pk, "indicator": "KT06", "period": "2022", "value": "6"},
            ]
        ),
    )
    assert errors == [
        (
            0,
            "period",
            f"Báo cáo ước thực hiện Năm 2021 của Phường Kỳ Ninh đang ở trạng thái "
            f"“{approved.get_status_display()}”, không sửa được số liệu.",
        )
    ]
    assert _counts() == before


def test_a_unit_that_did_not_exist_in_the_period_is_a_row_error(tree, superuser, catalogue):
    errors = _refusal(
        superuser,
        _json([{"unit": tree.commune_a.pk, "indicator": "KT06", "period": "2026", "value": "1"}]),
    )
    assert errors == [
        (
            1,
            "period",
            "Dòng 1: Phường Kỳ Ninh không tồn tại trong kỳ Năm 2026 (đơn vị tồn tại đến "
            "30/06/2025): không nhập được số liệu cho kỳ này.",
        )
    ]


def test_the_csv_layout_with_versions_and_comments(tree, superuser, catalogue):
    body = (
        "unit,indicator,period,kind,value,version,comment\n"
        f"{tree.commune_a.pk},KT06,2021,official,12.5,0,Số chính thức\n"
        f"{tree.commune_a.pk},KT07,2021-M03,,8,,\n"
    )
    result = actuals_bulk_save(actor=superuser, body=io.BytesIO(body.encode()), layout=Layout.CSV)
    assert result.as_dict() == {"dry_run": False, "created": 2, "updated": 0, "unchanged": 0}
    assert _stored() == [
        ("Phường Kỳ Ninh", "KT06", "2021", "official", D("12.5"), 1),
        ("Phường Kỳ Ninh", "KT07", "2021-M03", "estimate", D("8"), 1),
    ]
    assert ActualRevision.objects.get(actual__indicator__code="KT06").comment == "Số chính thức"
    errors = _refusal(
        superuser,
        io.BytesIO(
            f"unit,indicator,period,kind,value,version\n{tree.commune_a.pk},KT06,2021,official,13,x\n".encode()
        ),
        Layout.CSV,
    )
    assert errors == [(1, "version", "Dòng 1: phiên bản “x” phải là số nguyên không âm.")]


@pytest.mark.parametrize(
    ("dhis2", "ours"),
    [("2026", "2026"), ("202607", "2026-M07"), ("2026Q3", "2026-Q3"), ("2026S1", "2026-H1")],
)
def test_dhis2_periods_map_to_ours(dhis2, ours):
    assert dhis2_period(dhis2) == ours


@pytest.mark.parametrize("dhis2", ["2026S2", "2026W05", "20260701", "2026AprilS1", "202613", ""])
def test_dhis2_periods_without_an_equivalent_are_refused(dhis2):
    with pytest.raises(PeriodError) as refused:
        dhis2_period(dhis2)
    assert str(refused.value) == (
        f"kỳ DHIS2 “{dhis2}” không có kỳ tương ứng (dùng được: 2026, 202607, 2026Q3, 2026S1)."
    )


@pytest.fixture
def coded(tree, superuser):
    unit_update(actor=superuser, unit=tree.commune_a, code="28801")
    unit_update(actor=superuser, unit=tree.commune_b, code="28802")
    return tree


def test_dhis2_json_maps_data_elements_org_units_and_periods(coded, superuser, catalogue):
    body = {
        "dataSet": "pBOMPrpg1QX",
        "orgUnit": "28801",
        "dataValues": [
            {"dataElement": "KT06", "period": "2021", "value": "12.5", "comment": "DHIS2"},
            {"dataElement": "KT06", "period": "202106", "value": "4"},
            {"dataElement": "KT07", "period": "2021Q3", "orgUnit": "28802", "value": "7"},
            {"dataElement": "KT07", "period": "2021S1", "value": "9", "categoryOptionCombo": "x"},
        ],
    }
    result = actuals_bulk_save(
        actor=superuser, body=io.BytesIO(json.dumps(body).encode()), layout=Layout.DHIS2_JSON
    )
    assert result.as_dict() == {"dry_run": False, "created": 4, "updated": 0, "unchanged": 0}
    assert _stored() == [
        ("Phường Kỳ Ninh", "KT06", "2021", "estimate", D("12.5"), 1),
        ("Phường Kỳ Ninh", "KT06", "2021-M06", "estimate", D("4"), 1),
        ("Phường Kỳ Ninh", "KT07", "2021-H1", "estimate", D("9"), 1),
        ("Xã Kỳ Hà", "KT07", "2021-Q3", "estimate", D("7"), 1),
    ]
    assert {r.source for r in ActualRevision.objects.all()} == {"API"}


def test_dhis2_unknown_codes_and_periods_are_row_errors(coded, reporter_a, catalogue):
    before = _counts()
    body = {
        "dataValues": [
            {"dataElement": "KT06", "period": "2021", "orgUnit": "28801", "value": "1"},
            {"dataElement": "ZZ99", "period": "2021", "orgUnit": "28801", "value": "1"},
            {"dataElement": "KT06", "period": "2021", "orgUnit": "99999", "value": "1"},
            {"dataElement": "KT06", "period": "2021S2", "orgUnit": "28801", "value": "1"},
            {"dataElement": "KT06", "period": "2021", "orgUnit": "28802", "value": "1"},
            {"dataElement": "KT07", "period": "2021", "orgUnit": "28801", "value": "true"},
        ]
    }
    errors = _refusal(reporter_a, io.BytesIO(json.dumps(body).encode()), Layout.DHIS2_JSON)
    assert errors == [
        (2, "indicator", "Dòng 2: chỉ tiêu “ZZ99” không có trong danh mục."),
        (3, "orgUnit", "Dòng 3: không có đơn vị mã “99999” (orgUnit)."),
        (
            4,
            "period",
            "Dòng 4: kỳ DHIS2 “2021S2” không có kỳ tương ứng (dùng được: 2026, 202607, 2026Q3, "
            "2026S1).",
        ),
        (
            5,
            "orgUnit",
            "Dòng 5: đơn vị “Xã Kỳ Hà” (mã 28802) không thuộc phạm vi của bạn.",
        ),
        (
            6,
            "value",
            "Dòng 6, KT07 · Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng: “true” "
            "không phải là số hợp lệ (dùng chữ số 0–9 và dấu chấm thập phân, ví dụ: 1695.36).",
        ),
    ]
    assert _counts() == before


@pytest.mark.parametrize("header", [True, False])
def test_dhis2_csv_by_position_with_or_without_its_header(coded, superuser, catalogue, header):
    lines = [
        "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,"
        "lastupdated,comment,followup",
        "KT06,202103,28801,HllvX50cXC0,HllvX50cXC0,15.25,admin,2021-04-01,Tháng 3,false",
        "KT07,2021,28802,,,1200",
        "KT07,2021,28803,,,1",
    ]
    body = "\n".join(lines if header else lines[1:]) + "\n"
    errors = _refusal(superuser, io.BytesIO(body.encode()), Layout.DHIS2_CSV)
    assert errors == [(3, "orgUnit", "Dòng 3: không có đơn vị mã “28803” (orgUnit).")]
    body = body.replace("KT07,2021,28803,,,1\n", "")
    result = actuals_bulk_save(
        actor=superuser, body=io.BytesIO(body.encode()), layout=Layout.DHIS2_CSV
    )
    assert result.as_dict() == {"dry_run": False, "created": 2, "updated": 0, "unchanged": 0}
    assert _stored() == [
        ("Phường Kỳ Ninh", "KT06", "2021-M03", "estimate", D("15.25"), 1),
        ("Xã Kỳ Hà", "KT07", "2021", "estimate", D("1200"), 1),
    ]
    assert ActualRevision.objects.get(actual__indicator__code="KT06").comment == "Tháng 3"


def _api(user):
    _token, key = token_create(actor=user, name="bulk")
    from django.test import Client

    return Client(), {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_the_dhis2_endpoint_takes_json_and_csv_and_answers_the_same_shape(
    coded, reporter_a, catalogue
):
    client, auth = _api(reporter_a)
    body = {
        "dataValues": [{"dataElement": "KT06", "period": "2021", "orgUnit": "28801", "value": "3"}]
    }
    response = client.post(
        "/api/actuals/dataValueSets?dryRun=true",
        json.dumps(body),
        content_type="application/json",
        **auth,
    )
    assert (response.status_code, response.json()) == (
        200,
        {"dry_run": True, "created": 1, "updated": 0, "unchanged": 0},
    )
    csv_body = "KT06,2021,28801,,,3\n"
    response = client.post(
        "/api/actuals/dataValueSets", csv_body, content_type="application/csv", **auth
    )
    assert response.json() == {"dry_run": False, "created": 1, "updated": 0, "unchanged": 0}
    response = client.post(
        "/api/actuals/dataValueSets", "<x/>", content_type="application/xml", **auth
    )
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"
    response = client.post(
        "/api/actuals/dataValueSets", '{"dataValues": [', content_type="application/json", **auth
    )
    assert (response.status_code, response.json()["code"]) == (422, "invalid_value")


def test_a_large_call_becomes_a_job_with_its_progress(
    tree,
    reporter_a,
    catalogue,
    settings,
    media_root,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    settings.BULK_SYNC_MAX_VALUES = 2
    monkeypatch.setattr("chitieu.actuals.api.SPOOL_IN_MEMORY", 64)  # the body goes to disk
    client, auth = _api(reporter_a)
    values = [
        {"unit": tree.commune_a.pk, "indicator": code, "period": "2021", "value": "1"}
        for code in ("KT06", "KT07", "XH03")
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/actuals", json.dumps({"values": values}), content_type="application/json", **auth
        )
    assert response.status_code == 202
    job = Job.objects.get()
    assert response.json() == {
        "job": job.pk,
        "status": "queued",
        "progress": 0,
        "url": f"/jobs/{job.pk}/",
        "api_url": f"/api/actuals/jobs/{job.pk}",
        "result": None,
        "errors": [],
        "error_count": 0,
    }
    assert (job.kind, job.status, job.parameters) == (
        "actuals_bulk",
        JobStatus.DONE,
        {"layout": "json", "dry_run": False, "source": "API"},
    )
    status = client.get(f"/api/actuals/jobs/{job.pk}", **auth).json()
    assert (status["status"], status["progress"], status["result"]) == (
        "done",
        100,
        {"dry_run": False, "created": 3, "updated": 0, "unchanged": 0},
    )
    assert Actual.objects.count() == 3
    page = client_for(reporter_a).get(f"/jobs/{job.pk}/").content.decode()
    assert "Số liệu hàng loạt: 3 mới, 0 sửa, 0 không đổi." in page
    other, other_auth = _api(tree_user := _other_reporter(tree))
    assert tree_user.username == "reporter_b"
    assert other.get(f"/api/actuals/jobs/{job.pk}", **other_auth).status_code == 404


def _other_reporter(tree):
    from django.contrib.auth import get_user_model

    from chitieu.accounts.models import Role
    from chitieu.accounts.services import membership_create

    root = get_user_model().objects.get(username="root")
    user = get_user_model().objects.create_user("reporter_b", password="pw-12345-abc")
    membership_create(actor=root, user=user, role=Role.REPORTER, unit=tree.commune_b)
    return user


def test_a_refused_job_keeps_the_problems(
    tree, reporter_a, catalogue, settings, media_root, django_capture_on_commit_callbacks
):
    settings.BULK_SYNC_MAX_BYTES = 10
    client, auth = _api(reporter_a)
    body = f"unit,indicator,period,kind,value\n{tree.commune_b.pk},KT06,2021,estimate,1\n"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/actuals/csv", body, content_type="text/csv", **auth)
    assert response.status_code == 202
    job = Job.objects.get()
    assert (job.status, job.errors) == (
        JobStatus.FAILED,
        [
            "1 lỗi; không có giá trị nào được lưu.",
            f"Dòng 1: không có đơn vị “{tree.commune_b.pk}” trong phạm vi của bạn.",
        ],
    )
    assert not Actual.objects.exists()


def test_the_query_count_is_the_same_for_ten_and_a_thousand_values(tree, superuser, catalogue):
    codes = sorted(catalogue)[:25]
    units = [tree.commune_a, tree.commune_b, tree.commune_c, tree.town]

    def values(periods: list[str], count: int) -> list[dict]:
        rows = [
            {"unit": unit.pk, "indicator": code, "period": period, "value": "1"}
            for period in periods
            for unit in units
            for code in codes
        ]
        return rows[:count]

    with CaptureQueriesContext(connection) as ten:
        assert _save(superuser, values(["2021"], 10)).created == 10
    months = [f"2021-M{m:02d}" for m in range(1, 11)]
    with CaptureQueriesContext(connection) as thousand:
        assert _save(superuser, values(months, 1000)).created == 1000
    assert len(thousand) == len(ten)


def test_nul_characters_are_row_errors_or_dropped_never_a_server_error(coded, superuser, catalogue):
    body = {
        "dataValues": [
            {"dataElement": "KT06", "period": "2021", "orgUnit": "288\u000001", "value": "1"},
            {
                "dataElement": "KT07",
                "period": "2021",
                "orgUnit": "28801",
                "value": "2",
                "comment": "a\u0000b",
            },
        ]
    }
    errors = _refusal(superuser, io.BytesIO(json.dumps(body).encode()), Layout.DHIS2_JSON)
    assert errors == [(1, "orgUnit", "Dòng 1: không có đơn vị mã “288\x0001” (orgUnit).")]
    del body["dataValues"][0]
    actuals_bulk_save(
        actor=superuser, body=io.BytesIO(json.dumps(body).encode()), layout=Layout.DHIS2_JSON
    )
    assert ActualRevision.objects.get().comment == "ab"
