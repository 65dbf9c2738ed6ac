"""A province administrator creates a reporter for Phường Sông Trí (the ward of 2025) on the users
page, picking the ward by name; a form error keeps the ward picked. The reporter logs in, is
asked to choose a password first, and finds the ward among their roles."""

import pytest
from django.contrib.auth import get_user_model

from chitieu.accounts.models import Membership, Role
from chitieu.accounts.services import membership_create
from chitieu.units.importer import import_admin_units
from chitieu.units.models import Unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def ward_user():
    return get_user_model().objects.get(username="songtri")


def log_in(page, live_server, username: str, password: str) -> None:
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")


def test_a_province_administrator_creates_a_reporter_who_logs_in(
    page, live_server, screenshot_path
):
    import_admin_units({"42"})
    users = get_user_model().objects
    root = users.create_superuser("root", password="mat-khau-2026")
    province_admin = users.create_user("qtht", password="quan-tri-tinh-2026")
    province = Unit.objects.get(source_key="province:tinhhatinh")
    membership_create(actor=root, user=province_admin, role=Role.ADMIN, unit=province)
    ward = Unit.objects.get(name="Phường Sông Trí", parent=province)

    log_in(page, live_server, "qtht", "quan-tri-tinh-2026")
    page.wait_for_url(live_server.url + "/")
    page.click("nav.mainnav >> text=Người dùng")
    page.wait_for_selector("h1:has-text('Người dùng')")
    page.click("#new-user summary")
    page.fill("input[name=username]", "songtri")
    page.fill("input[name=full_name]", "Nguyễn Thị Lam")
    page.fill("input[name=password]", "123")  # too short: refused, the ward stays picked
    page.select_option("select[name=role]", label="Cán bộ báo cáo đơn vị")
    page.fill("#unit-results-search", "song tri")
    choice = page.locator("#unit-results label.pick", has_text="Phường Sông Trí · Tỉnh Hà Tĩnh")
    choice.wait_for()
    choice.locator("input[type=radio]").check()
    page.click("button[name=create]")

    page.locator(".error", has_text="Mật khẩu quá ngắn").wait_for()
    kept = page.locator("#unit-results input[type=radio]:checked")
    assert kept.get_attribute("value") == str(ward.pk)
    assert page.locator("#unit-results label.pick").inner_text().strip() == (
        "Phường Sông Trí · Tỉnh Hà Tĩnh"
    )
    assert not users.filter(username="songtri").exists()
    page.screenshot(path=screenshot_path("users-form-error"), full_page=True)
    page.fill("input[name=password]", "Lam-Song-Tri-2026")
    page.click("button[name=create]")
    page.locator("#created", has_text="Đã tạo tài khoản songtri (Nguyễn Thị Lam).").wait_for()
    page.screenshot(path=screenshot_path("users-created"), full_page=True)
    assert list(
        Membership.objects.filter(user__username="songtri").values_list("role", "unit")
    ) == [(Role.REPORTER, ward.pk)]
    row = page.locator("#users tr", has_text="songtri")
    assert "Cán bộ báo cáo đơn vị · Phường Sông Trí" in row.inner_text()
    # The account opens on the same page (htmx); a second role is given with the picker there.
    page.click("#users a:text-is('songtri')")
    page.locator("#account h2", has_text="Nguyễn Thị Lam").wait_for()
    assert page.url == f"{live_server.url}/accounts/users/{ward_user().pk}/"
    page.select_option("#give-role select[name=role]", label="Người xem")
    page.fill("#role-unit-results-search", "song tri")
    second = page.locator(
        "#role-unit-results label.pick", has_text="Phường Sông Trí · Tỉnh Hà Tĩnh"
    )
    second.wait_for()
    second.locator("input[type=radio]").check()
    page.click("#give-role button.primary")
    page.locator(".flash", has_text="Đã phân quyền").wait_for()
    assert sorted(
        Membership.objects.filter(user__username="songtri").values_list("role", flat=True)
    ) == [Role.REPORTER, Role.VIEWER]
    page.screenshot(path=screenshot_path("user-panel"), full_page=True)
    page.click("form[action='/accounts/logout/'] button")

    log_in(page, live_server, "songtri", "Lam-Song-Tri-2026")
    page.wait_for_url(live_server.url + "/accounts/password/")
    page.locator("#change-required").wait_for()
    page.fill("input[name=old_password]", "Lam-Song-Tri-2026")
    page.fill("input[name=new_password1]", "Rieng-Cua-Lam-77")
    page.fill("input[name=new_password2]", "Rieng-Cua-Lam-77")
    page.click("button[type=submit]")
    page.locator(".flash", has_text="Đã đổi mật khẩu").wait_for()
    page.goto(live_server.url + "/")
    roles = page.locator("section.card", has_text="Vai trò của bạn").inner_text()
    assert "Cán bộ báo cáo đơn vị — Phường Sông Trí" in roles
