"""The TĐKT bodies and civil servants of a province (Biểu 0604.N and 0605.N/BNV-TĐKT): entered on
their page or imported from Excel by the province's Board, refused to anyone else with nothing
changed, and the two forms counted exactly from them (age and seniority on 30/11)."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document
from openpyxl import Workbook, load_workbook

from chitieu.accounts.models import Role
from chitieu.accounts.permissions import PermissionDenied
from chitieu.awards.models import TdktBodies, TdktOfficer
from chitieu.awards.staffing.importing import import_tdkt_officers
from chitieu.awards.staffing.services import (
    OfficerData,
    tdkt_bodies_save,
    tdkt_officer_create,
    tdkt_officer_delete,
    tdkt_officer_update,
)
from chitieu.awards.statistics.moha import age_on, form_0604, form_0605
from chitieu.core.models import ObjectChange
from chitieu.testing import client_for

pytestmark = pytest.mark.django_db
d = dt.date


def _officer(actor, unit, name, sex, born, training, began, year=2026):
    return tdkt_officer_create(
        actor=actor, unit=unit, year=year, data=OfficerData(name, sex, born, training, began)
    )


@pytest.fixture
def officers(tree, board):
    p = tree.province
    return [
        # Turns 31 on 30/11/2026, the last day of the period: 31 on it.
        _officer(board, p, "Nguyễn Thị An", "nu", d(1995, 11, 30), "dai_hoc", 2017),
        # Turns 31 on 01/12/2026, after it: 30.
        _officer(board, p, "Trần Văn Bình", "nam", d(1995, 12, 1), "tren_dai_hoc", 2016),
        _officer(board, p, "Lê Thị Cúc", "nu", d(1966, 1, 1), "trung_cap", 2022),
        _officer(board, p, "Phạm Văn Dũng", "nam", d(1965, 6, 15), "so_cap", 2021),
        # Turns 56 on 01/12/2026: 55 on 30/11.
        _officer(board, p, "Hồ Thị Én", "nu", d(1970, 12, 1), "cao_dang", 2026),
        # The list of another year: not counted in 2026.
        _officer(board, p, "Võ Văn Giang", "nam", d(1980, 1, 1), "dai_hoc", 2010, year=2025),
    ]


def test_age_on_the_last_day_of_the_period():
    assert age_on(d(1995, 11, 30), d(2026, 11, 30)) == 31
    assert age_on(d(1995, 12, 1), d(2026, 11, 30)) == 30
    assert age_on(d(2000, 2, 29), d(2026, 11, 30)) == 26


def test_form_0605_counts(tree, officers):
    form = form_0605(tree.province, 2026)
    by_code = {row.code: row.values for row in form.rows if row.code}
    assert by_code == {
        "01": [5, 3],
        "02": [1, 0],
        "03": [1, 1],
        "04": [0, 0],
        "05": [1, 1],
        "06": [1, 1],
        "07": [1, 0],
        "08": [1, 0],
        "09": [1, 1],
        "10": [1, 1],
        "11": [1, 1],
        "12": [1, 0],
        "13": [2, 2],
        "14": [2, 1],
        "15": [1, 0],
    }
    assert "30/11/2026" in form.notes[0]
    assert "“Từ 5 đến dưới 10 năm”" in form.notes[1] and "“Từ 10 năm trở lên”" in form.notes[1]
    assert form_0605(tree.province, 2025).row("01").values == [1, 0]


def test_form_0605_in_excel_and_word(tree, board, officers):
    url = reverse("moha_form", args=[tree.province.pk, 2026, "0605", "xlsx"])
    sheet = load_workbook(io.BytesIO(client_for(board).get(url).content)).active
    assert sheet["A1"].value == "Biểu số: 0605.N/BNV-TĐKT"
    assert sheet["A3"].value is None  # no receipt-date line on 0603–0605
    assert sheet["A5"].value == (
        "SỐ LƯỢNG CÔNG CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG CỦA BỘ, BAN, NGÀNH, ĐOÀN THỂ "
        "TRUNG ƯƠNG, TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG"
    )
    assert [sheet.cell(8, c).value for c in range(1, 5)] == [
        None,
        "Mã số",
        "Số lượng (Người)",
        None,
    ]
    assert [sheet.cell(9, c).value for c in range(3, 5)] == ["Tổng số", "Trong đó: Nữ"]
    assert {"A8:A9", "B8:B9", "C8:D8"} <= {str(r) for r in sheet.merged_cells.ranges}
    assert [sheet.cell(10, c).value for c in range(1, 5)] == ["A", "B", "1", "2"]
    assert [c.value for c in sheet[11]][:4] == ["Tổng số", "01", 5, 3]
    assert [c.value for c in sheet[14]][:4] == ["- Từ 31 đến 40", "03", 1, 1]
    assert [c.value for c in sheet[28]][:4] == ["- Từ 10 năm trở lên", "15", 1, 0]
    assert sheet.cell(11, 3).number_format == "#,##0"
    url = reverse("moha_form", args=[tree.province.pk, 2026, "0605", "docx"])
    table = Document(io.BytesIO(client_for(board).get(url).content)).tables[1]
    assert [c.text for c in table.rows[0].cells] == [
        "",
        "Mã số",
        "Số lượng (Người)",
        "Số lượng (Người)",
    ]
    assert [c.text for c in table.rows[2].cells] == ["A", "B", "1", "2"]
    assert [c.text for c in table.rows[3].cells] == ["Tổng số", "01", "5", "3"]


def test_form_0604_from_the_counts_entered(tree, board):
    assert form_0604(tree.province, 2026).row("01").values == [0]
    client_for(board).post(
        reverse("tdkt_staff", args=[tree.province.pk, 2026]),
        {
            "action": "bodies",
            "ministry_departments": "0",
            "department_sections": "",
            "home_affairs_boards": "1",
            "home_affairs_offices": "3",
        },
    )
    form = form_0604(tree.province, 2026)
    assert [(row.code, row.unit, row.values) for row in form.rows] == [
        ("01", "Tổ chức", [4]),
        ("", "", None),
        ("02", "Vụ", [0]),
        ("03", "Phòng", [0]),
        ("04", "Ban", [1]),
        ("05", "Phòng", [3]),
    ]
    tdkt_bodies_save(actor=board, unit=tree.province, year=2026, counts={"home_affairs_offices": 2})
    assert form_0604(tree.province, 2026).row("01").values == [2]
    assert ObjectChange.objects.filter(content_type__model="tdktbodies").count() == 2
    url = reverse("moha_form", args=[tree.province.pk, 2026, "0604", "xlsx"])
    sheet = load_workbook(io.BytesIO(client_for(board).get(url).content)).active
    assert [sheet.cell(8, c).value for c in range(1, 5)] == [
        None,
        "Mã số",
        "Đơn vị tính",
        "Số lượng",
    ]
    assert [sheet.cell(9, c).value for c in range(1, 5)] == ["A", "B", "C", "1"]
    assert [c.value for c in sheet[10]][:4] == ["Tổng số", "01", "Tổ chức", 2]
    assert [c.value for c in sheet[15]][:4] == ["- Cấp phòng thuộc Sở Nội vụ", "05", "Phòng", 2]
    url = reverse("moha_form", args=[tree.province.pk, 2026, "0604", "docx"])
    table = Document(io.BytesIO(client_for(board).get(url).content)).tables[1]
    assert [c.text for c in table.rows[2].cells] == ["Tổng số", "01", "Tổ chức", "2"]


def test_denied_writes_change_nothing(tree, board, make_user, officers):
    town_board = make_user("town_board", Role.BOARD, tree.town)
    viewer = make_user("viewer", Role.VIEWER, tree.province)
    changes = ObjectChange.objects.count()
    for actor in (town_board, viewer):
        with pytest.raises(PermissionDenied):
            _officer(actor, tree.province, "Mới", "nam", d(1990, 1, 1), "dai_hoc", 2015)
        with pytest.raises(PermissionDenied):
            tdkt_officer_delete(actor=actor, officer=officers[0])
        with pytest.raises(PermissionDenied):
            tdkt_bodies_save(actor=actor, unit=tree.province, year=2026, counts={})
    response = client_for(viewer).post(
        reverse("tdkt_staff", args=[tree.province.pk, 2026]),
        {"action": "remove", "officer": officers[0].pk},
    )
    assert response.status_code == 403
    response = client_for(viewer).post(
        reverse("tdkt_officer_edit", args=[officers[0].pk]),
        {
            "full_name": "Đổi",
            "sex": "nu",
            "birth_date": "30/11/1995",
            "training": "dai_hoc",
            "began_year": "2017",
        },
    )
    assert response.status_code == 404
    assert TdktOfficer.objects.count() == 6
    assert TdktOfficer.objects.get(pk=officers[0].pk).full_name == "Nguyễn Thị An"
    assert not TdktBodies.objects.exists()
    assert ObjectChange.objects.count() == changes


def test_only_a_province_keeps_the_lists(tree, board, superuser):
    with pytest.raises(ValidationError):
        _officer(superuser, tree.town, "An", "nu", d(1990, 1, 1), "dai_hoc", 2015)
    client = client_for(board)
    assert client.get(reverse("tdkt_staff", args=[tree.town.pk, 2026])).status_code == 404
    assert (
        client.get(reverse("moha_form", args=[tree.town.pk, 2026, "0605", "xlsx"])).status_code
        == 404
    )
    page = client.get(reverse("award_statistics", args=[tree.town.pk, 2026])).content.decode()
    assert "0602" in page and "0604" not in page and 'id="tdkt-staff"' not in page
    page = client.get(reverse("award_statistics", args=[tree.province.pk, 2026])).content.decode()
    assert reverse("moha_form", args=[tree.province.pk, 2026, "0605", "docx"]) in page
    assert reverse("tdkt_staff", args=[tree.province.pk, 2026]) in page


def test_validation_names_the_field(tree, board):
    with pytest.raises(ValidationError) as error:
        _officer(board, tree.province, " ", "x", d(2020, 1, 1), "tien_si", 2030)
    assert set(error.value.message_dict) == {
        "full_name",
        "sex",
        "birth_date",
        "training",
        "began_year",
    }
    assert not TdktOfficer.objects.exists()


def test_page_adds_edits_and_removes(tree, board, officers, django_assert_max_num_queries):
    client = client_for(board)
    url = reverse("tdkt_staff", args=[tree.province.pk, 2026])
    response = client.post(
        url,
        {
            "action": "add",
            "full_name": "Đặng Thị Hoa",
            "sex": "nu",
            "birth_date": "02/03/1990",
            "training": "dai_hoc",
            "began_year": "2014",
        },
    )
    assert response.status_code == 302
    hoa = TdktOfficer.objects.get(full_name="Đặng Thị Hoa")
    assert (hoa.birth_date, hoa.year, hoa.unit) == (d(1990, 3, 2), 2026, tree.province)
    edit = reverse("tdkt_officer_edit", args=[hoa.pk])
    assert "02/03/1990" in client.get(edit).content.decode()
    client.post(
        edit,
        {
            "full_name": "Đặng Thị Hoa",
            "sex": "nu",
            "birth_date": "02/03/1990",
            "training": "tren_dai_hoc",
            "began_year": "2014",
        },
    )
    assert TdktOfficer.objects.get(pk=hoa.pk).training == "tren_dai_hoc"
    client.post(url, {"action": "remove", "officer": officers[1].pk})
    assert not TdktOfficer.objects.filter(pk=officers[1].pk).exists()
    audit = ObjectChange.objects.filter(content_type__model="tdktofficer")
    assert sorted(audit.values_list("action", flat=True)) == ["create"] * 7 + ["delete", "update"]
    # A bad date is answered in Vietnamese; nothing is added.
    response = client.post(
        url,
        {
            "action": "add",
            "full_name": "Sai",
            "sex": "nam",
            "birth_date": "31/02/1990",
            "training": "dai_hoc",
            "began_year": "2014",
        },
        follow=True,
    )
    assert "Ngày “31/02/1990” không tồn tại." in response.content.decode()
    assert not TdktOfficer.objects.filter(full_name="Sai").exists()
    with django_assert_max_num_queries(12):
        page = client.get(url).content.decode()
    assert "Nguyễn Thị An" in page and "30/11/1995" in page and "Võ Văn Giang" not in page
    for index in range(10):
        _officer(board, tree.province, f"Thêm {index}", "nam", d(1990, 1, 1), "dai_hoc", 2015)
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def _workbook(rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Họ và tên", "Giới tính", "Ngày sinh", "Trình độ", "Năm bắt đầu"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def test_import_all_or_nothing(tree, board, officers):
    bad = _workbook(
        [
            ["Mai Thị Lụa", "Nữ", "12/05/1985", "Đại học", 2012],
            ["Ngô Văn Minh", "Nam", dt.datetime(1979, 4, 1), "Thạc sĩ", 2005],
            ["Tạ Thị Nga", "nữ", "01/01/1992", "trung cấp", 2019],
        ]
    )
    result = import_tdkt_officers(actor=board, unit=tree.province, year=2026, stream=bad)
    assert result.problems == [
        "Dòng 3, cột D (Trình độ đào tạo (Sơ cấp, Trung cấp, Cao đẳng, Đại học, Trên đại học)): "
        "trình độ “Thạc sĩ” không có trong biểu."
    ]
    assert TdktOfficer.objects.filter(year=2026).count() == 5
    duplicate = _workbook([["Nguyễn Thị An", "Nữ", "30/11/1995", "Đại học", 2017]])
    result = import_tdkt_officers(actor=board, unit=tree.province, year=2026, stream=duplicate)
    assert result.problems == [
        "Dòng 2, cột A (Họ và tên): “Nguyễn Thị An” cùng ngày sinh đã có trong danh sách."
    ]
    good = _workbook(
        [
            ["Mai Thị Lụa", "Nữ", "12/05/1985", "Đại học", 2012],
            [None, None, None, None, None],
            ["Ngô Văn Minh", "Nam", dt.datetime(1979, 4, 1), "Trên đại học", 2005.0],
        ]
    )
    response = client_for(board).post(
        reverse("tdkt_import", args=[tree.province.pk, 2026]),
        {"file": _upload(good)},
        follow=True,
    )
    assert response.status_code == 200
    assert TdktOfficer.objects.filter(year=2026).count() == 7
    minh = TdktOfficer.objects.get(full_name="Ngô Văn Minh")
    assert (minh.birth_date, minh.training, minh.began_year) == (
        d(1979, 4, 1),
        "tren_dai_hoc",
        2005,
    )
    reasons = ObjectChange.objects.filter(object_id=str(minh.pk)).values_list("reason", flat=True)
    assert list(reasons) == ["Nhập từ Excel, dòng 4"]
    assert form_0605(tree.province, 2026).row("01").values == [7, 4]


def test_a_bad_row_through_the_page_imports_nothing(tree, board):
    bad = _workbook(
        [
            ["Mai Thị Lụa", "Nữ", "12/05/1985", "Đại học", 2012],
            ["Ngô", "X", "01/01/1980", "Đại học", 2005],
        ]
    )
    client = client_for(board)
    response = client.post(
        reverse("tdkt_import", args=[tree.province.pk, 2026]), {"file": _upload(bad)}, follow=True
    )
    page = response.content.decode()
    assert "Dòng 3, cột B (Giới tính (Nam/Nữ)): ghi Nam hoặc Nữ." in page
    assert not TdktOfficer.objects.exists()


def _upload(buffer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(
        "cong-chuc.xlsx",
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def test_update_keeps_the_year_and_is_checked(tree, board, officers):
    with pytest.raises(ValidationError):
        tdkt_officer_update(
            actor=board,
            officer=officers[0],
            data=OfficerData("Nguyễn Thị An", "nu", d(1995, 11, 30), "dai_hoc", 2027),
        )
    assert TdktOfficer.objects.get(pk=officers[0].pk).began_year == 2017
