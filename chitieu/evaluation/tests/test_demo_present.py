"""The demo has a present: Hà Tĩnh's current wards and communes in 2026, every value sample and
marked "mẫu" wherever it is shown (pages, files, API), the 2021–2022 headlines unchanged."""

import datetime as dt
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from openpyxl import load_workbook

from chitieu.accounts.models import Membership, Role
from chitieu.accounts.services import token_create
from chitieu.actuals.models import Actual, Submission
from chitieu.core.models import ObjectChange
from chitieu.core.periods import Period
from chitieu.evaluation.loader import evaluate_units
from chitieu.targets.models import Resolution, Target
from chitieu.testing import client_for
from chitieu.units.importer import import_admin_units
from chitieu.units.models import Unit

pytestmark = pytest.mark.django_db
BADGE = '<span class="badge badge-sample">mẫu</span>'
WARDS = [
    "Phường Hoành Sơn",
    "Phường Hải Ninh",
    "Phường Sông Trí",
    "Phường Thành Sen",
    "Phường Vũng Áng",
    "Xã Kỳ Hoa",
]


@pytest.fixture
def demo(db, today):
    today(dt.date(2026, 12, 2))
    import_admin_units({"42", "38"})
    call_command("load_demo", stdout=io.StringIO())


def province() -> Unit:
    return Unit.objects.get(source_key="province:tinhhatinh")


def ward(name: str) -> Unit:
    return Unit.objects.get(parent=province(), name=name, valid_from=dt.date(2025, 7, 1))


def texts(unit: Unit, period: str) -> tuple[list[str], str]:
    (results,) = evaluate_units([unit], Period.parse(period))
    return [h.text for h in results.headlines()], results.term_summary().text


def test_the_present_has_the_wards_results_of_2026_at_every_stage(demo):
    assert texts(ward("Phường Sông Trí"), "2026") == (
        ["4/6 chỉ tiêu chủ yếu đạt và vượt, trong đó 4 chỉ tiêu vượt"],
        "",
    )
    assert texts(ward("Phường Sông Trí"), "2026-9M")[0] == [
        "2/6 chỉ tiêu chủ yếu đúng tiến độ kế hoạch năm, 1 chỉ tiêu có nguy cơ không đạt"
    ]
    assert texts(ward("Phường Thành Sen"), "2026")[0] == [
        "5/5 chỉ tiêu chủ yếu đạt và vượt, trong đó 5 chỉ tiêu vượt"
    ]
    assert texts(province(), "2026") == (
        ["6/7 chỉ tiêu chủ yếu đạt và vượt, trong đó 5 chỉ tiêu vượt"],
        "Chỉ tiêu nhiệm kỳ: 1 đúng tiến độ, 1 cần tăng tốc",
    )
    (results,) = evaluate_units([province()], Period.parse("2026"))
    assert [
        (r.target.indicator.code, r.measured_text, r.status.value) for r in results.results
    ] == [
        ("KT02", "9,51%", "vuot"),
        ("XD02", "1.080", "dung_tien_do"),
        ("KT06", "23.100", "vuot"),
        ("KT14", "21", "can_tang_toc"),
        ("XH03", "-1,17 điểm %", "dat"),
        ("XH07", "9,2", "vuot"),
        ("XH05", "75,6", "gan_dat"),
        ("CC02", "8/34", "vuot"),
        ("CC08", "tăng 7 bậc", "vuot"),
    ]
    stages = {
        (s.unit.name, s.period, s.kind): s.status
        for s in Submission.objects.filter(unit__name__in=WARDS, unit__valid_from__isnull=False)
        .exclude(period="2025")
        .select_related("unit")
    }
    assert stages[("Phường Vũng Áng", "2026", "estimate")] == "draft"
    assert stages[("Phường Vũng Áng", "2026-9M", "estimate")] == "submitted"
    assert stages[("Phường Hải Ninh", "2026", "estimate")] == "submitted"
    assert stages[("Phường Hoành Sơn", "2026", "estimate")] == "returned"
    assert stages[("Phường Sông Trí", "2026", "estimate")] == "approved"
    assert stages[("Phường Sông Trí", "2026", "official")] == "draft"
    assert stages[("Phường Thành Sen", "2026", "official")] == "approved"
    assert Submission.objects.get(
        unit=ward("Phường Hoành Sơn"), period="2026", kind="estimate"
    ).comment.startswith("Thu ngân sách ước cả năm chưa khớp")
    # Every row of the present is sample data; the ward reporters have their accounts.
    present = Actual.objects.filter(period__startswith="2026")
    assert present.count() == 92 and not present.filter(is_sample=False).exists()
    baselines = Actual.objects.filter(period__startswith="2025")
    assert baselines.count() == 3 * (6 * 5 + 7) and not baselines.filter(is_sample=False).exists()
    assert not Target.objects.filter(period__in=["2026", "T2026-2030"], is_sample=False).exists()
    assert not Resolution.objects.filter(date__year=2025, is_sample=False).exists()
    assert sorted(
        Membership.objects.filter(unit__name__in=WARDS, role=Role.REPORTER).values_list(
            "user__username", "unit__name"
        )
    ) == [
        ("haininh", "Phường Hải Ninh"),
        ("hoanhson", "Phường Hoành Sơn"),
        ("kyhoa", "Xã Kỳ Hoa"),
        ("songtri", "Phường Sông Trí"),
        ("thanhsen", "Phường Thành Sen"),
        ("vungang", "Phường Vũng Áng"),
    ]
    # The past is as it was.
    town = Unit.objects.get(name="Thị xã Kỳ Anh")
    assert (
        texts(town, "2021")[0][0] == "11/15 chỉ tiêu chủ yếu đạt và vượt, trong đó 10 chỉ tiêu vượt"
    )


def test_loading_the_present_again_changes_nothing(demo):
    counts = (Actual.objects.count(), Submission.objects.count(), ObjectChange.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (
        Actual.objects.count(),
        Submission.objects.count(),
        ObjectChange.objects.count(),
    ) == counts
    assert get_user_model().objects.filter(username="songtri").count() == 1


def test_every_sample_value_on_the_pages_carries_the_badge(demo):
    planner = get_user_model().objects.get(username="kehoach")
    client = client_for(planner)
    song_tri = ward("Phường Sông Trí")

    page = client.get(f"/results/unit/{song_tri.pk}/?period=2026").content.decode()
    rows = re.findall(r"<tr class=\"main\">.*?</tr>", page, re.S)
    assert len(rows) == 6 and all(BADGE in row for row in rows)

    # The 2022 generated figures of Kỳ Anh (their targets are not sample) now show the badge.
    town = Unit.objects.get(name="Thị xã Kỳ Anh")
    page = client.get(f"/results/unit/{town.pk}/?period=2022").content.decode()
    rows = re.findall(r"<tr class=\"main\">.*?</tr>", page, re.S)
    assert rows and all(BADGE in row for row in rows)

    sheet = client_for(get_user_model().objects.get(username="songtri")).get(
        f"/actuals/{song_tri.pk}/2026/"
    )
    # The five figures of the ward's own targets, their 2025 figures, the three tổ dân phố.
    assert sheet.status_code == 200
    assert sheet.content.decode().count(BADGE) == 5 + 5 + 3

    overview = client.get(f"/results/overview/{province().pk}/?period=2026").content.decode()
    assert overview.count(BADGE) >= 6

    _token, key = token_create(actor=planner, name="test")
    api = client.get(
        f"/api/evaluation/{song_tri.pk}?period=2026", HTTP_AUTHORIZATION=f"Bearer {key}"
    ).json()
    assert api["is_sample"] is True
    assert [r["is_sample"] for r in api["results"]] == [True] * 6


def test_the_files_mark_sample_rows(demo):
    client = client_for(get_user_model().objects.get(username="kehoach"))
    song_tri = ward("Phường Sông Trí")
    response = client.get(f"/reports/unit/{song_tri.pk}/report.xlsx?period=2026")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [row[1] for row in sheet.iter_rows(values_only=True) if row and row[1]]
    assert "Thu ngân sách nhà nước trên địa bàn (mẫu)" in values
    column = [row[0] for row in sheet.iter_rows(values_only=True)]
    assert "Ghi chú: các dòng ghi “(mẫu)” là dữ liệu mẫu, không phải số liệu thật." in column
