"""Unit pages: what each user sees and may change, in HTML; fixed query counts."""

from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse

from chitieu.core.models import ObjectChange
from chitieu.testing import client_for
from chitieu.units.models import Unit, UnitType
from chitieu.units.services import unit_create


def test_the_login_page_is_in_vietnamese(db):
    response = Client().get("/", follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đăng nhập" in html
    assert "Mật khẩu" in html
    assert '<html lang="vi">' in html


def test_english_is_available(db, superuser):
    client = client_for(superuser)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get("/").content.decode()
    assert "Find a unit" in html
    assert "Tìm đơn vị" not in html


def test_a_commune_reporter_cannot_see_another_commune(tree, reporter_a):
    client = client_for(reporter_a)
    assert client.get(reverse("unit_detail", args=[tree.commune_a.pk])).status_code == 200
    assert client.get(reverse("unit_detail", args=[tree.commune_b.pk])).status_code == 404
    assert client.get(reverse("unit_detail", args=[tree.commune_c.pk])).status_code == 404
    html = client.get(reverse("unit_search"), {"q": "xa"}).content.decode()
    assert "Kỳ Hà" not in html and "Cẩm Bình" not in html


def test_a_commune_reporter_cannot_change_another_commune(tree, reporter_a):
    client = client_for(reporter_a)
    before = ObjectChange.objects.count()
    response = client.post(
        reverse("unit_edit", args=[tree.commune_b.pk]),
        {"name": "Xã bị sửa", "type": UnitType.COMMUNE},
    )
    assert response.status_code == 404
    tree.commune_b.refresh_from_db()
    assert tree.commune_b.name == "Xã Kỳ Hà"
    assert ObjectChange.objects.count() == before


def test_a_reporter_may_see_but_not_edit_their_own_commune(tree, reporter_a):
    client = client_for(reporter_a)
    response = client.post(
        reverse("unit_edit", args=[tree.commune_a.pk]),
        {"name": "Tên khác", "type": UnitType.WARD},
    )
    assert response.status_code == 403
    tree.commune_a.refresh_from_db()
    assert tree.commune_a.name == "Phường Kỳ Ninh"
    # The town above is named, not linked: its page is not theirs to see.
    page = client.get(reverse("unit_detail", args=[tree.commune_a.pk])).content.decode()
    assert '<p class="crumbs">Thị xã Kỳ Anh › Phường Kỳ Ninh</p>' in page
    assert client.get(reverse("unit_detail", args=[tree.town.pk])).status_code == 404


def test_an_administrator_edits_a_unit_with_vietnamese_dates(tree, unit_admin):
    client = client_for(unit_admin)
    response = client.post(
        reverse("unit_edit", args=[tree.commune_a.pk]),
        {
            "name": "Phường Kỳ Ninh",
            "type": UnitType.WARD,
            "valid_to": "30/06/2025",
            "valid_from": "01/01/2016",
            "reason": "Ngày thành lập",
        },
    )
    assert response.status_code == 302
    tree.commune_a.refresh_from_db()
    assert str(tree.commune_a.valid_from) == "2016-01-01"
    change = ObjectChange.objects.filter(object_id=str(tree.commune_a.pk)).first()
    assert change.reason == "Ngày thành lập"


def test_a_bad_date_is_refused_with_a_vietnamese_message_and_nothing_changes(tree, unit_admin):
    client = client_for(unit_admin)
    response = client.post(
        reverse("unit_edit", args=[tree.commune_a.pk]),
        {"name": "Phường Kỳ Ninh", "type": UnitType.WARD, "valid_to": "31/02/2025"},
    )
    assert response.status_code == 200
    assert "Ngày “31/02/2025” không tồn tại." in response.content.decode()
    tree.commune_a.refresh_from_db()
    assert str(tree.commune_a.valid_to) == "2025-06-30"


def test_the_unit_page_shows_until_when_it_existed_and_what_it_became(tree, superuser):
    from chitieu.units.services import unit_link_create

    unit_link_create(
        actor=superuser,
        predecessor=tree.town,
        successor=tree.new_ward,
        effective_date=tree.new_ward.valid_from,
        whole=False,
    )
    html = client_for(superuser).get(reverse("unit_detail", args=[tree.town.pk])).content.decode()
    assert "đã tồn tại đến 30/06/2025" in html
    assert "Phường Hải Ninh" in html
    assert "một phần, 01/07/2025" in html


def test_the_history_page_lists_the_changes(tree, unit_admin):
    from chitieu.units.services import unit_update

    unit_update(actor=unit_admin, unit=tree.commune_a, note="Ghi chú mới", reason="Bổ sung")
    url = reverse("object_history", args=["units.unit", tree.commune_a.pk])
    html = client_for(unit_admin).get(url).content.decode()
    assert "Ghi chú mới" in html and "Bổ sung" in html and "unit_admin" in html


def test_the_history_of_another_unit_is_not_reachable(tree, reporter_a):
    url = reverse("object_history", args=["units.unit", tree.commune_c.pk])
    assert client_for(reporter_a).get(url).status_code == 404


def test_the_audit_list_is_filtered_and_scoped(tree, unit_admin, superuser):
    from chitieu.units.services import unit_update

    unit_update(actor=unit_admin, unit=tree.commune_a, note="trong phạm vi")
    unit_update(actor=superuser, unit=tree.commune_c, note="ngoài phạm vi")
    html = client_for(unit_admin).get(reverse("audit_list"), {"action": "update"}).content.decode()
    assert "trong phạm vi" in html
    assert "ngoài phạm vi" not in html
    everything = client_for(superuser).get(reverse("audit_list"), {"action": "update"})
    assert "ngoài phạm vi" in everything.content.decode()


def test_a_reporter_has_no_audit_list(tree, reporter_a):
    assert client_for(reporter_a).get(reverse("audit_list")).status_code == 403


@pytest.mark.parametrize("size", [3, 30])
def test_tree_children_take_a_fixed_number_of_queries(
    tree, superuser, size, django_assert_num_queries
):
    for index in range(size):
        unit_create(
            actor=superuser,
            name=f"Xã Số {index}",
            type=UnitType.COMMUNE,
            parent=tree.town,
            valid_to=tree.town.valid_to,
        )
    client = client_for(superuser)
    url = reverse("unit_tree_children", args=[tree.town.pk]) + "?on=31/12/2021"
    # session, user, the parent unit, the children with their counts
    with django_assert_num_queries(4):
        response = client.get(url)
    assert response.content.decode().count("Xã Số") == size


@pytest.mark.parametrize("size", [3, 30])
def test_search_takes_a_fixed_number_of_queries(tree, superuser, size, django_assert_num_queries):
    for index in range(size):
        unit_create(
            actor=superuser, name=f"Xã Tìm {index}", type=UnitType.COMMUNE, parent=tree.town
        )
    client = client_for(superuser)
    with django_assert_num_queries(3):
        response = client.get(reverse("unit_search"), {"q": "tim"})
    assert response.content.decode().count("Xã Tìm") == size
    assert Unit.objects.filter(name__startswith="Xã Tìm").count() == size


def test_the_audit_list_downloads_as_excel_with_the_same_filters_and_scope(
    tree, unit_admin, superuser
):
    from openpyxl import load_workbook

    from chitieu.units.services import unit_update

    unit_update(actor=unit_admin, unit=tree.commune_a, note="trong phạm vi")
    unit_update(actor=superuser, unit=tree.commune_c, note="ngoài phạm vi")
    response = client_for(unit_admin).get(
        reverse("audit_list"), {"action": "update", "format": "xlsx"}
    )
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "Nhật ký thay đổi"
    assert rows[1] == [
        "Thời gian",
        "Người dùng",
        "Thao tác",
        "Đối tượng",
        "Thay đổi (cũ → mới)",
        "Lý do",
    ]
    assert len(rows) == 3
    assert rows[2][1:] == [
        "unit_admin",
        "Cập nhật",
        tree.commune_a.name,
        "Ghi chú: ∅ → trong phạm vi",
        None,
    ]
