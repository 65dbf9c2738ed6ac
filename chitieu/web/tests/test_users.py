"""The "Người dùng" pages: the list of my units' users, a new user with the first role picked by
name, the picked unit kept through a form error, the password shown once, roles given and
removed, deactivation; the former roles page sends here."""

import re

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from chitieu.accounts.models import Membership, PasswordChangeDemand, Role
from chitieu.core.models import ObjectChange
from chitieu.testing import client_for

User = get_user_model()


def test_the_list_shows_the_users_of_my_units_with_their_roles_and_state(
    tree, unit_admin, reporter_a, planner, make_user
):
    make_user("xa_ky_ha", Role.VIEWER, tree.commune_b)
    make_user("cam_binh", Role.REPORTER, tree.commune_c)
    html = client_for(unit_admin).get(reverse("user_list")).content.decode()
    rows = re.findall(r'<a href="/accounts/users/\d+/"[^>]*>([^<]+)</a>', html)
    assert rows == ["reporter_a", "unit_admin", "xa_ky_ha"]
    assert "Cán bộ báo cáo đơn vị · Phường Kỳ Ninh" in html
    assert "Quản trị đơn vị · Thị xã Kỳ Anh" in html
    assert "đang hoạt động" in html


def test_the_list_searches_by_name_and_username(tree, superuser, unit_admin, make_user):
    from chitieu.accounts.users import FirstRole, user_create

    user_create(
        actor=superuser,
        username="tranha",
        full_name="Trần Thị Hà",
        first_role=FirstRole(Role.REPORTER, tree.commune_b),
    )
    client = client_for(unit_admin)
    html = client.get(reverse("user_list"), {"q": "Trần"}).content.decode()
    assert re.findall(r'<a href="/accounts/users/\d+/"[^>]*>([^<]+)</a>', html) == ["tranha"]
    html = client.get(reverse("user_list"), {"q": "nobody"}).content.decode()
    assert "Không có người dùng nào khớp." in html


def test_the_list_takes_a_fixed_number_of_queries(
    tree, unit_admin, make_user, django_assert_max_num_queries
):
    for index in range(12):
        make_user(f"user{index}", Role.VIEWER, tree.commune_a if index % 2 else tree.commune_b)
    client = client_for(unit_admin)
    client.get(reverse("user_list"))
    with django_assert_max_num_queries(9):
        response = client.get(reverse("user_list"))
    assert response.content.decode().count("Người xem · ") == 12


def test_a_unit_administrator_creates_a_reporter_with_a_generated_password(tree, unit_admin):
    response = client_for(unit_admin).post(
        reverse("user_list"),
        {
            "username": "kyha",
            "full_name": "Trần Thị Hà",
            "email": "",
            "password": "",
            "role": Role.REPORTER,
            "unit": tree.commune_b.pk,
            "reason": "Cán bộ mới",
        },
    )
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    html = response.content.decode()
    password = re.search(r'<code id="new-password">([^<]+)</code>', html).group(1)
    user = User.objects.get(username="kyha")
    assert user.check_password(password)
    assert user.first_name == "Trần Thị Hà"
    assert list(Membership.objects.filter(user=user).values_list("role", "unit__name")) == [
        ("reporter", "Xã Kỳ Hà")
    ]
    assert "Đã tạo tài khoản kyha (Trần Thị Hà)." in html
    # Shown once: the user's page does not show it again.
    again = client_for(unit_admin).get(reverse("user_detail", args=[user.pk])).content.decode()
    assert password not in again


def test_a_form_error_keeps_the_picked_unit_with_its_name(tree, unit_admin, make_user):
    make_user("taken", Role.VIEWER, tree.commune_a)
    before = ObjectChange.objects.count()
    response = client_for(unit_admin).post(
        reverse("user_list"),
        {
            "username": "taken",
            "full_name": "Người Mới",
            "password": "1234",
            "role": Role.REPORTER,
            "unit": tree.commune_b.pk,
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tên đăng nhập “taken” đã được dùng." in html
    assert "Mật khẩu quá ngắn. Nó phải chứa ít nhất 8 ký tự." in html
    assert (
        f'<input type="radio" name="unit" value="{tree.commune_b.pk}" checked> Xã Kỳ Hà · '
        "Thị xã Kỳ Anh" in html
    )
    assert ObjectChange.objects.count() == before
    assert User.objects.filter(username="taken").count() == 1


def test_a_role_without_a_unit_is_asked_for(tree, unit_admin):
    response = client_for(unit_admin).post(
        reverse("user_list"),
        {"username": "moi", "full_name": "Người Mới", "role": Role.REPORTER},
    )
    assert "Hãy chọn cả vai trò và đơn vị." in response.content.decode()
    assert not User.objects.filter(username="moi").exists()


def test_a_unit_outside_the_subtree_is_not_found(tree, unit_admin):
    before = (User.objects.count(), ObjectChange.objects.count())
    response = client_for(unit_admin).post(
        reverse("user_list"),
        {
            "username": "cambinh",
            "full_name": "Lê Văn Bình",
            "role": Role.REPORTER,
            "unit": tree.commune_c.pk,
        },
    )
    assert response.status_code == 404
    assert (User.objects.count(), ObjectChange.objects.count()) == before


def test_the_password_reset_shows_the_generated_password_once(tree, unit_admin, reporter_a):
    client = client_for(unit_admin)
    response = client.post(reverse("user_password_reset", args=[reporter_a.pk]), {"reason": ""})
    html = response.content.decode()
    password = re.search(r'<code id="new-password">([^<]+)</code>', html).group(1)
    reporter_a.refresh_from_db()
    assert reporter_a.check_password(password)
    assert "Đã đặt lại mật khẩu." in html
    assert PasswordChangeDemand.objects.filter(user=reporter_a).exists()


def test_a_weak_password_is_refused_on_the_users_page(tree, unit_admin, reporter_a):
    before = reporter_a.password
    response = client_for(unit_admin).post(
        reverse("user_password_reset", args=[reporter_a.pk]), {"password": "reporter_a"}
    )
    assert "Mật khẩu quá giống với Tên đăng nhập." in response.content.decode()
    reporter_a.refresh_from_db()
    assert reporter_a.password == before


def test_deactivate_then_reactivate_from_the_page(tree, unit_admin, reporter_a):
    client = client_for(unit_admin)
    url = reverse("user_set_active", args=[reporter_a.pk])
    response = client.post(url, {"action": "deactivate", "reason": "Nghỉ việc"}, follow=True)
    assert "Đã vô hiệu hóa tài khoản." in response.content.decode()
    reporter_a.refresh_from_db()
    assert reporter_a.is_active is False
    login = Client().post(reverse("login"), {"username": "reporter_a", "password": "pw-12345-abc"})
    assert (login.status_code, "_auth_user_id" in login.client.session) == (200, False)
    client.post(url, {"action": "reactivate"})
    reporter_a.refresh_from_db()
    assert reporter_a.is_active is True


def test_the_own_account_offers_no_deactivation_nor_reset(tree, unit_admin):
    html = client_for(unit_admin).get(reverse("user_detail", args=[unit_admin.pk])).content
    text = html.decode()
    assert 'id="reset-password"' not in text
    assert 'id="activity"' not in text
    before = ObjectChange.objects.count()
    response = client_for(unit_admin).post(
        reverse("user_set_active", args=[unit_admin.pk]), {"action": "deactivate"}
    )
    assert response.status_code == 403
    unit_admin.refresh_from_db()
    assert unit_admin.is_active is True
    assert ObjectChange.objects.count() == before


def test_a_role_is_given_with_the_picker_and_removed(tree, unit_admin, reporter_a):
    client = client_for(unit_admin)
    response = client.post(
        reverse("user_role_add", args=[reporter_a.pk]),
        {"role": Role.VIEWER, "unit": tree.town.pk, "reason": "Xem cả thị xã"},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=reporter_a, role=Role.VIEWER)
    assert membership.unit == tree.town
    html = client.get(reverse("user_detail", args=[reporter_a.pk])).content.decode()
    assert html.count(">Gỡ bỏ</button>") == 2
    client.post(reverse("user_role_remove", args=[reporter_a.pk, membership.pk]))
    assert list(Membership.objects.filter(user=reporter_a).values_list("role", flat=True)) == [
        "reporter"
    ]
    # The last role stays: no button, and a post is refused with the reason.
    html = client.get(reverse("user_detail", args=[reporter_a.pk])).content.decode()
    assert ">Gỡ bỏ</button>" not in html
    last = Membership.objects.get(user=reporter_a)
    response = client.post(reverse("user_role_remove", args=[reporter_a.pk, last.pk]), follow=True)
    assert "Đây là vai trò cuối cùng của người dùng" in response.content.decode()
    assert Membership.objects.filter(pk=last.pk).exists()


def test_a_role_given_twice_keeps_the_picked_unit(tree, unit_admin, reporter_a):
    response = client_for(unit_admin).post(
        reverse("user_role_add", args=[reporter_a.pk]),
        {"role": Role.REPORTER, "unit": tree.commune_a.pk},
    )
    html = response.content.decode()
    assert "Người dùng đã có vai trò này tại đơn vị này." in html
    assert (
        f'<input type="radio" name="unit" value="{tree.commune_a.pk}" checked> Phường Kỳ Ninh'
        in html
    )
    assert Membership.objects.filter(user=reporter_a).count() == 1


def test_a_user_outside_the_subtree_has_no_page(tree, unit_admin, planner, make_user):
    outside = make_user("outside", Role.REPORTER, tree.commune_c)
    client = client_for(unit_admin)
    for user in (outside, planner, User.objects.get(username="root")):
        assert client.get(reverse("user_detail", args=[user.pk])).status_code == 404
        before = (user.password, ObjectChange.objects.count())
        response = client.post(reverse("user_password_reset", args=[user.pk]))
        assert response.status_code == 404
        user.refresh_from_db()
        assert (user.password, ObjectChange.objects.count()) == before


def test_a_reporter_has_no_users_page(tree, reporter_a):
    assert client_for(reporter_a).get(reverse("user_list")).status_code == 403


def test_the_former_roles_page_sends_to_the_users_page(tree, unit_admin):
    response = client_for(unit_admin).get(reverse("membership_list"))
    assert (response.status_code, response["Location"]) == (302, reverse("user_list"))


def test_the_menu_links_the_users_page_for_administrators_only(tree, unit_admin, reporter_a):
    link = f'<a href="{reverse("user_list")}">Người dùng</a>'
    assert link in client_for(unit_admin).get(reverse("home")).content.decode()
    assert link not in client_for(reporter_a).get(reverse("home")).content.decode()


def test_a_new_user_changes_the_password_before_anything_else(tree, unit_admin):
    from chitieu.accounts.users import FirstRole, user_create

    user_create(
        actor=unit_admin,
        username="kyha",
        full_name="Trần Thị Hà",
        password="Tam-Thoi-2026",
        first_role=FirstRole(Role.REPORTER, tree.commune_b),
    )
    client = Client()
    response = client.post(
        reverse("login"), {"username": "kyha", "password": "Tam-Thoi-2026"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("password_change")
    assert "Quản trị viên đã đặt mật khẩu cho bạn." in response.content.decode()
    assert client.get(reverse("unit_search"))["Location"] == reverse("password_change")
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "Tam-Thoi-2026",
            "new_password1": "Rieng-Cua-Ha-77",
            "new_password2": "Rieng-Cua-Ha-77",
        },
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    assert not PasswordChangeDemand.objects.filter(user__username="kyha").exists()


def test_an_account_opens_into_the_same_page_by_htmx(tree, unit_admin, reporter_a):
    client = client_for(unit_admin)
    url = reverse("user_detail", args=[reporter_a.pk])
    panel = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in panel
    assert panel.count('id="account"') == 1
    assert 'id="reset-password"' in panel and 'id="activity"' in panel
    page = client.get(url).content.decode()
    assert page.count('id="account"') == 1 and 'id="users"' in page
    assert '<tr class="selected"><td><a href="' + url in page


def test_a_system_administrator_creates_an_account_without_a_role(tree, superuser):
    response = client_for(superuser).post(
        reverse("user_list"),
        {"username": "chuyenvien", "full_name": "Chuyên Viên", "password": "Bao-Cao-Tinh-77"},
    )
    assert "Đã tạo tài khoản chuyenvien (Chuyên Viên)." in response.content.decode()
    user = User.objects.get(username="chuyenvien")
    assert (user.check_password("Bao-Cao-Tinh-77"), user.memberships.count()) == (True, 0)
