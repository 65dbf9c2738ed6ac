"""A reviewer pastes an article, sees its figures marked, accepts two of them and saves them."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from chitieu.accounts.models import Role
from chitieu.accounts.services import membership_create
from chitieu.actuals.models import Actual, ActualRevision
from chitieu.indicators.services import load_default_catalogue
from chitieu.units.importer import import_admin_units
from chitieu.units.models import Unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
ARTICLE = (CORPUS / "texts" / "001_9dadb441269e12e8.txt").read_text()


def test_an_article_becomes_saved_figures(page, live_server, screenshot_path):
    import_admin_units({"42"})
    load_default_catalogue()
    users = get_user_model().objects
    admin = users.create_superuser("root", password="mat-khau-2026")
    planner = users.create_user("kehoach", password="mat-khau-2026")
    province = Unit.objects.get(source_key="province:tinhhatinh")
    membership_create(actor=admin, user=planner, role=Role.PLANNER, unit=province)

    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", "kehoach")
    page.fill("input[name=password]", "mat-khau-2026")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/")
    page.goto(live_server.url + "/figures/")
    page.fill("textarea[name=text]", ARTICLE)
    page.fill("input[name=title]", "Báo Hà Tĩnh, 01/2022")
    page.fill("input[name=q]", "thi xa ky anh")
    page.locator("#unit-results input[type=radio]").first.check()
    page.fill("input[name=period]", "2021")
    page.click("button[value=read]")
    page.locator("mark.fig-actual", has_text="320 tỷ đồng").wait_for()
    assert page.locator("#figures tbody tr").count() == 25
    rows = page.locator("#figures tbody tr")
    for index in range(25):
        checkbox = rows.nth(index).locator("input[type=checkbox]")
        value = rows.nth(index).locator("input.num").input_value()
        wanted = value in ("320", "72.824")
        if checkbox.is_checked() != wanted:
            checkbox.click()
    page.screenshot(path=screenshot_path("figures-review"), full_page=True)
    page.click("button[value=save]")
    page.locator(".flash", has_text="Đã lưu 2 số liệu thực hiện").wait_for()
    assert sorted(Actual.objects.values_list("indicator__code", "value")) == [
        ("KT03", Decimal("72824")),
        ("KT06", Decimal("320")),
    ]
    source = "Trích từ văn bản: Báo Hà Tĩnh, 01/2022"
    assert ActualRevision.objects.filter(source=source).count() == 2
