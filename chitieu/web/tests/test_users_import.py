"""Users and roles from an Excel sheet (issue 12, item 1): the template, a file imported whole,
and files refused whole with each problem named by its row and column: one bad row, a taken
username, a unit nobody has, a unit name two units share."""

import io
import re

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from chitieu.accounts.importing import COLUMNS, users_import
from chitieu.accounts.models import Membership, PasswordChangeDemand, Role
from chitieu.core.models import ObjectChange
from chitieu.testing import client_for
from chitieu.units.models import UnitType
from chitieu.units.selectors import units_named
from chitieu.units.services import unit_create

User = get_user_model()
HEADER = [title for _key, title in COLUMNS]


def workbook(*rows) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.title = "Người dùng"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("nguoi-dung.xlsx", buffer.getvalue())


def upload(user, *rows):
    return client_for(user).post(reverse("users_import"), {"file": workbook(*rows)})


def counts() -> tuple[int, int, int]:
    return (User.objects.count(), Membership.objects.count(), ObjectChange.objects.count())


def problems_of(response) -> list[str]:
    html = response.content.decode()
    block = re.search(
        r'<div class="errors" role="alert" id="import-problems">(.*?)</div>', html, re.S
    )
    return re.findall(r"<li>(.*?)</li>", block.group(1)) if block else []


def test_the_template_has_the_columns_an_example_and_the_role_names(tree, unit_admin):
    response = client_for(unit_admin).get(reverse("users_import_template"))
    assert response["Content-Disposition"] == 'attachment; filename="mau-nguoi-dung.xlsx"'
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Người dùng", "Hướng dẫn"]
    sheet = book["Người dùng"]
    assert [cell.value for cell in sheet[1]] == [
        "Tên đăng nhập",
        "Họ và tên",
        "Email",
        "Vai trò",
        "Đơn vị",
        "Đơn vị cấp trên (khi trùng tên)",
        "Mật khẩu ban đầu (để trống: tạo tự động)",
    ]
    assert [cell.value for cell in sheet[2]][:5] == [
        "nguyenvanan",
        "Nguyễn Văn An",
        "an.nv@hatinh.gov.vn",
        "Cán bộ báo cáo đơn vị",
        "Phường Sông Trí",
    ]
    assert sheet.data_validations.dataValidation[0].formula1 == (
        '"Quản trị đơn vị,Cán bộ kế hoạch,Ban Thi đua - Khen thưởng,Cán bộ báo cáo đơn vị,'
        'Người xem"'
    )


def test_a_file_is_imported_whole_with_the_generated_passwords_shown_once(tree, unit_admin):
    response = upload(
        unit_admin,
        ("kyha", "Trần Thị Hà", "ha.tt@kyanh.vn", "Cán bộ báo cáo đơn vị", "Xã Kỳ Hà", "", ""),
        ("kyha", "", "", "người xem", "Thị xã Kỳ Anh", "", ""),
        ("kyninh2", "Lê Văn Ninh", "", "Cán bộ kế hoạch", "phường kỳ ninh", "", "Song-Lam-4417"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Đã nhập: 2 người dùng mới, 3 vai trò được giao." in html
    generated = re.findall(r"<td><code>([^<]+)</code></td>", html)
    assert len(generated) == 1
    ha = User.objects.get(username="kyha")
    assert (ha.first_name, ha.email) == ("Trần Thị Hà", "ha.tt@kyanh.vn")
    assert ha.check_password(generated[0])
    assert User.objects.get(username="kyninh2").check_password("Song-Lam-4417")
    assert sorted(
        Membership.objects.filter(user__username__in=["kyha", "kyninh2"]).values_list(
            "user__username", "role", "unit__name"
        )
    ) == [
        ("kyha", "reporter", "Xã Kỳ Hà"),
        ("kyha", "viewer", "Thị xã Kỳ Anh"),
        ("kyninh2", "planner", "Phường Kỳ Ninh"),
    ]
    assert PasswordChangeDemand.objects.filter(user__username__in=["kyha", "kyninh2"]).count() == 2
    reasons = list(
        ObjectChange.objects.filter(actor=unit_admin)
        .order_by("pk")
        .values_list("content_type__model", "reason")
    )
    assert reasons == [
        ("user", "Nhập từ Excel, dòng 2"),
        ("membership", "Nhập từ Excel, dòng 2"),
        ("membership", "Nhập từ Excel, dòng 3"),
        ("user", "Nhập từ Excel, dòng 4"),
        ("membership", "Nhập từ Excel, dòng 4"),
    ]
    assert "Song-Lam-4417" not in html  # a password of the file is not repeated either
    assert response["Cache-Control"].startswith("max-age=0")


def test_one_bad_row_rejects_the_whole_file_naming_the_row_and_the_column(tree, unit_admin):
    before = counts()
    response = upload(
        unit_admin,
        ("kyha", "Trần Thị Hà", "", "Cán bộ báo cáo đơn vị", "Xã Kỳ Hà", "", ""),
        ("moi", "", "sai-email", "Thủ trưởng", "Xã Kỳ Hà", "", "123"),
    )
    assert problems_of(response) == [
        "Dòng 3, cột B (Họ và tên): Hãy nhập họ và tên.",
        "Dòng 3, cột C (Email): “sai-email” không phải là địa chỉ email hợp lệ.",
        "Dòng 3, cột D (Vai trò): “Thủ trưởng” không phải là vai trò; ghi một trong: Quản trị "
        "đơn vị; Cán bộ kế hoạch; Ban Thi đua - Khen thưởng; Cán bộ báo cáo đơn vị; Người xem.",
    ]
    assert counts() == before


def test_a_weak_password_in_the_file_is_named(tree, unit_admin):
    before = counts()
    response = upload(unit_admin, ("moi", "Người Mới", "", "Người xem", "Xã Kỳ Hà", "", "12345678"))
    assert problems_of(response) == [
        "Dòng 2, cột G (Mật khẩu ban đầu (để trống: tạo tự động)): Mật khẩu này quá phổ biến.",
        "Dòng 2, cột G (Mật khẩu ban đầu (để trống: tạo tự động)): Mật khẩu này hoàn toàn là số.",
    ]
    assert counts() == before


def test_a_taken_username_is_refused(tree, unit_admin, make_user):
    make_user("cambinh", Role.REPORTER, tree.commune_c)  # outside the town
    make_user("kyha", Role.REPORTER, tree.commune_b)  # inside, another person
    before = counts()
    response = upload(
        unit_admin,
        ("CamBinh", "Lê Văn Bình", "", "Người xem", "Xã Kỳ Hà", "", ""),
        ("kyha", "Nguyễn Văn Khác", "", "Người xem", "Xã Kỳ Hà", "", ""),
        ("moi", "Người Mới", "", "Người xem", "Xã Kỳ Hà", "", ""),
        ("moi", "Người Khác", "", "Người xem", "Thị xã Kỳ Anh", "", ""),
    )
    assert problems_of(response) == [
        "Dòng 2, cột A (Tên đăng nhập): tên đăng nhập “CamBinh” đã được dùng.",
        "Dòng 3, cột A (Tên đăng nhập): tên đăng nhập “kyha” đã được dùng (người dùng “kyha”); "
        "để thêm vai trò cho người này, để trống cột Họ và tên.",
        "Dòng 5, cột B (Họ và tên): tên đăng nhập “moi” đã có ở dòng 4 với giá trị khác; để "
        "trống hoặc ghi như dòng đó.",
    ]
    assert counts() == before


def test_an_existing_user_of_my_units_gets_a_role_from_the_file(tree, unit_admin, reporter_a):
    response = upload(unit_admin, ("reporter_a", "", "", "Người xem", "Thị xã Kỳ Anh", "", ""))
    assert "Đã nhập: 0 người dùng mới, 1 vai trò được giao." in response.content.decode()
    assert sorted(Membership.objects.filter(user=reporter_a).values_list("role", flat=True)) == [
        "reporter",
        "viewer",
    ]


def test_an_unknown_unit_and_a_unit_outside_my_subtree_are_named(tree, unit_admin):
    before = counts()
    response = upload(
        unit_admin,
        ("a1", "Người Một", "", "Người xem", "Xã Không Có", "", ""),
        ("a2", "Người Hai", "", "Người xem", "Xã Cẩm Bình", "", ""),
        ("a3", "Người Ba", "", "Người xem", "", "", ""),
    )
    assert problems_of(response) == [
        "Dòng 2, cột E (Đơn vị): không có đơn vị tên “Xã Không Có” trong các đơn vị bạn quản lý.",
        "Dòng 3, cột E (Đơn vị): không có đơn vị tên “Xã Cẩm Bình” trong các đơn vị bạn quản lý.",
        "Dòng 4, cột E (Đơn vị): thiếu đơn vị.",
    ]
    assert counts() == before


def test_an_ambiguous_unit_name_asks_for_the_parent_and_the_parent_settles_it(
    tree, superuser, unit_admin
):
    # Two wards named alike in the town's subtree, both in force.
    for parent in (tree.commune_a, tree.commune_b):
        unit_create(
            actor=superuser, name="Tổ dân phố 1", type=UnitType.OTHER_ORGANISATION, parent=parent
        )
    before = counts()
    response = upload(unit_admin, ("to1", "Người Tổ", "", "Người xem", "Tổ dân phố 1", "", ""))
    assert problems_of(response) == [
        "Dòng 2, cột E (Đơn vị): có 2 đơn vị tên “Tổ dân phố 1” (Tổ dân phố 1 · Phường Kỳ Ninh; "
        "Tổ dân phố 1 · Xã Kỳ Hà): ghi tên đơn vị cấp trên ở cột F."
    ]
    assert counts() == before
    response = upload(
        unit_admin, ("to1", "Người Tổ", "", "Người xem", "Tổ dân phố 1", "Xã Kỳ Hà", "")
    )
    membership = Membership.objects.get(user__username="to1")
    assert (membership.unit.name, membership.unit.parent) == ("Tổ dân phố 1", tree.commune_b)


def test_of_two_units_with_one_name_the_one_in_force_is_taken(tree, superuser):
    # Phường Sông Trí of Thị xã Kỳ Anh until 30/06/2025, and the new ward of the province.
    old = unit_create(
        actor=superuser,
        name="Phường Sông Trí",
        type=UnitType.WARD,
        parent=tree.town,
        valid_to=tree.town.valid_to,
    )
    new = unit_create(
        actor=superuser,
        name="Phường Sông Trí",
        type=UnitType.WARD,
        parent=tree.province,
        valid_from=tree.new_ward.valid_from,
    )
    assert units_named(superuser, "Phường Sông Trí") == [new]
    assert units_named(superuser, "phuong song tri") == [new]
    assert units_named(superuser, "Phường Sông Trí", "Thị xã Kỳ Anh") == [old]


def test_a_file_that_is_not_the_template_is_refused(tree, unit_admin):
    book = Workbook()
    book.active.append(["Mã", "Tên"])
    buffer = io.BytesIO()
    book.save(buffer)
    response = client_for(unit_admin).post(
        reverse("users_import"), {"file": SimpleUploadedFile("x.xlsx", buffer.getvalue())}
    )
    assert problems_of(response) == [
        "Dòng 1: tệp không theo mẫu (ô A1 phải là “Tên đăng nhập”); hãy tải tệp mẫu."
    ]
    response = client_for(unit_admin).post(
        reverse("users_import"), {"file": SimpleUploadedFile("x.xlsx", b"not a workbook")}
    )
    assert problems_of(response) == ["Loại tệp này không được nhận; chỉ nhận: Excel (.xlsx)."]


def test_a_formula_is_refused_by_the_import_gate(tree, unit_admin):
    response = upload(unit_admin, ("=1+1", "Người Mới", "", "Người xem", "Xã Kỳ Hà", "", ""))
    assert problems_of(response) == [
        "Trang “Người dùng”, dòng 2, cột A: ô có công thức “=1+1”; hãy nhập giá trị (số hoặc "
        "chữ), không dùng công thức."
    ]


def test_a_reporter_cannot_import(tree, reporter_a):
    before = counts()
    response = upload(reporter_a, ("moi", "Người Mới", "", "Người xem", "Phường Kỳ Ninh", "", ""))
    assert response.status_code == 403
    assert counts() == before


def test_the_service_creates_nothing_when_a_username_is_taken_meanwhile(tree, unit_admin):
    """Rows checked, then someone takes a username before the writes: nothing of the file."""
    from chitieu.accounts import importing

    real_read = importing._read

    def read_then_take(actor, stream, find_units):
        result = real_read(actor, stream, find_units)
        User.objects.create_user("second", password="x-Y-z-12345")
        return result

    importing._read = read_then_take
    try:
        result = users_import(
            actor=unit_admin,
            stream=workbook(
                ("first", "Người Một", "", "Người xem", "Xã Kỳ Hà", "", ""),
                ("second", "Người Hai", "", "Người xem", "Xã Kỳ Hà", "", ""),
            ),
            find_units=lambda name, parent: units_named(unit_admin, name, parent),
        )
    finally:
        importing._read = real_read
    assert result.problems == ["Không nhập được: Tên đăng nhập “second” đã được dùng."]
    assert not User.objects.filter(username="first").exists()
    assert not Membership.objects.filter(user__username__in=["first", "second"]).exists()
