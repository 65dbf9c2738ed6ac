"""A planner types a target the Vietnamese way: "3.2" is questioned as it is typed (with the hint
"3,2"), "324,124" is checked as 324,124 and saved as 324,124 tỷ đồng, never 324.124."""

import datetime as dt
from decimal import Decimal

import pytest

from chitieu.accounts.models import Role
from chitieu.targets.models import Target
from chitieu.targets.services import resolution_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def town_plan(tree, superuser, make_user, catalogue):
    make_user("kehoach", Role.PLANNER, tree.town)
    return resolution_create(
        actor=superuser,
        unit=tree.town,
        number="01/NQ-HĐND",
        title="Kế hoạch năm 2021",
        date=dt.date(2020, 12, 18),
        issuing_body="HĐND thị xã Kỳ Anh",
        period="2021",
    )


def test_a_target_typed_with_a_comma_is_saved_as_typed(
    page, live_server, town_plan, catalogue, screenshot_path
):
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", "kehoach")
    page.fill("input[name=password]", "pw-12345-abc")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/")

    page.goto(f"{live_server.url}/resolutions/{town_plan.pk}/")
    page.select_option("#id_indicator", str(catalogue["KT06"].pk))
    page.fill("#id_issuer", "Tỉnh giao")
    value = page.locator("#id_value")
    assert value.get_attribute("type") == "text"
    assert value.get_attribute("inputmode") == "decimal"

    value.fill("3.2")
    page.locator(".check .error", has_text="Dùng dấu phẩy cho phần thập phân: 3,2").wait_for()
    value.fill("324.124")
    page.locator(".check", has_text="khoảng 324,1 nghìn").wait_for()
    value.fill("324,124")
    page.locator(".check .ok", has_text="✓ 324,124").wait_for()
    page.screenshot(path=screenshot_path("target-form-live-check"), full_page=True)

    page.click("button.primary:has-text('Thêm')")
    page.locator(".flash", has_text="Đã thêm chỉ tiêu").wait_for()
    assert "324,124" in page.locator("#targets").inner_text()
    assert Target.objects.get(issuer="Tỉnh giao").value == Decimal("324.124")
