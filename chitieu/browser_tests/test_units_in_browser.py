"""A person logs in, finds Thị xã Kỳ Anh without typing diacritics, and reads its history."""

import pytest
from django.contrib.auth import get_user_model

from chitieu.accounts.models import Role
from chitieu.accounts.services import membership_create
from chitieu.units.importer import import_admin_units
from chitieu.units.models import Unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ha_tinh_viewer():
    import_admin_units({"42"})
    admin = get_user_model().objects.create_superuser("root", password="root-pass-123")
    viewer = get_user_model().objects.create_user("lanhdao", password="xem-so-lieu-2026")
    province = Unit.objects.get(source_key="province:tinhhatinh")
    membership_create(actor=admin, user=viewer, role=Role.VIEWER, unit=province)
    return viewer


def test_find_ky_anh_and_see_what_it_became(page, live_server, ha_tinh_viewer, screenshot_path):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Đăng nhập"
    page.fill("input[name=username]", "lanhdao")
    page.fill("input[name=password]", "xem-so-lieu-2026")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/")

    page.click("text=Đơn vị >> nth=0")
    page.fill("#id_q", "ky anh")
    result = page.locator("#results a", has_text="Thị xã Kỳ Anh")
    result.wait_for()
    assert (
        page.locator("#results li", has_text="Thị xã Kỳ Anh").inner_text().count("Tỉnh Hà Tĩnh")
        == 1
    )
    result.click()

    page.wait_for_selector("h1:has-text('Thị xã Kỳ Anh')")
    assert page.locator("#validity").inner_text().strip() == "đã tồn tại đến 30/06/2025"
    became = page.locator("#merged-into li").all_inner_texts()
    names = sorted(text.split(" · ")[0] for text in became)
    assert names == [
        "Phường Hoành Sơn",
        "Phường Hải Ninh",
        "Phường Sông Trí",
        "Phường Vũng Áng",
        "Xã Kỳ Hoa",
    ]
    assert all("một phần, 01/07/2025" in text for text in became)
    page.screenshot(path=screenshot_path("ky-anh-history"), full_page=True)
